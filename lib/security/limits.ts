// The largest body a page POST (a server action) may have. next.config.ts gives it to Next.js as
// the server actions' bodySizeLimit; proxy.ts checks it first, because Next.js answers an oversize
// action with a bare 500. The report form is text only (at most ~25 kB even in four-byte
// characters); attachments will raise this with their own caps.
export const maxActionBodyBytes = 256 * 1024;

// What Next.js buffers of a request body for proxy.ts to read (the rest is discarded there): enough
// to see that a body is over the limit, and a bound on memory per request.
export const proxyBodyBufferBytes = 1024 * 1024;
