import { attachmentLimits } from "../attachments/limits";

// The largest body a page POST (a server action) may have: the files a form may carry
// (lib/attachments/limits.ts) and 1 MB for the text and the action's own fields (a report is at
// most ~25 kB of text even in four-byte characters). next.config.ts gives it to Next.js as the
// server actions' bodySizeLimit; proxy.ts checks it first, because Next.js answers an oversize
// action with a bare 500. Files over their own limits but under this one reach the action, which
// answers with the form, everything typed kept and a localized error.
export const maxActionBodyBytes = attachmentLimits.maxTotalBytes + 1024 * 1024;

// What Next.js buffers of a request body for proxy.ts to read (the rest is discarded there): enough
// to see that a body is over the limit, and a bound on memory per request.
export const proxyBodyBufferBytes = maxActionBodyBytes + 1024 * 1024;
