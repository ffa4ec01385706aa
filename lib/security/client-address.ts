import "server-only";
import { isIPv4, isIPv6 } from "node:net";

// The client's address, only ever used as rate-limit input (lib/security/rate-limit.ts hashes it
// at once; nothing stores or logs it). Which address can be believed depends on the deployment:
//
// - TRUST_PROXY=N (N reverse proxies in front, each appending the address it saw to
//   X-Forwarded-For, as nginx's $proxy_add_x_forwarded_for, Caddy and Traefik do): the entry N
//   places from the right was written by our outermost proxy and names the real client. Entries
//   further left were written by the client and are ignored. X-Real-IP is used only when the
//   header is missing or too short (a proxy that sets X-Real-IP instead).
// - No TRUST_PROXY: null. Server actions cannot see the socket, and Next.js fills
//   X-Forwarded-For from the socket only when the client did not send one, so any client can
//   choose its own "address". Worse, behind an undeclared proxy every reporter would share the
//   proxy's address, and a per-address limit would turn away everyone after a few reports.
//   Without a declared proxy we therefore limit per form, per report and per receipt, and by the
//   shared budgets of stored bytes (lib/actions/public-action.ts).
//
// IPv6 clients are counted per /64: one subscriber usually holds a whole /64, and counting single
// addresses would let them rotate through 2^64 of them.

export function clientAddress(headers: Headers, trustedProxies: number): string | null {
  if (trustedProxies < 1) return null;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const candidate =
    forwarded.length >= trustedProxies
      ? forwarded[forwarded.length - trustedProxies]
      : headers.get("x-real-ip")?.trim();
  return candidate ? normalizeAddress(candidate) : null;
}

export function normalizeAddress(raw: string): string | null {
  let value = raw.trim().toLowerCase();
  // "[2001:db8::1]:443" or "203.0.113.7:51234" from proxies that append the port.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value))
    value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/%.*$/, ""); // zone index
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (mapped) value = mapped[1]!;
  if (isIPv4(value)) return value;
  if (isIPv6(value)) return `${expandIPv6(value).slice(0, 4).join(":")}::/64`;
  return null;
}

function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const parse = (part: string) => (part ? part.split(":") : []);
  let left = parse(head);
  let right = tail === undefined ? [] : parse(tail);
  // An embedded IPv4 tail ("64:ff9b::192.0.2.1") counts as two groups.
  const toGroups = (groups: string[]) =>
    groups.flatMap((group) => {
      if (!group.includes(".")) return [group];
      const [a, b, c, d] = group.split(".").map(Number) as [number, number, number, number];
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  left = toGroups(left);
  right = toGroups(right);
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill("0"), ...right].map((group) =>
    group.replace(/^0+(?=.)/, ""),
  );
}
