import "server-only";
import { workLimits } from "@/lib/config";

// A bound on the large posts (posts with files) being parsed at once, so that memory is bounded
// however many arrive together. What a post costs, in Next.js 16 (server/body-streams.js):
//
//   1. Once proxy.ts is called, Next.js copies the body into memory as it arrives, for the proxy
//      and again (the same chunks) for the action: one copy per post, whatever the proxy does,
//      up to experimental.proxyClientMaxBodySize, and it reads the body to its end before it
//      sends any answer, even a refusal. Waiting here costs that much and no more.
//   2. The proxy streams the body and keeps only its text (lib/http/form-skeleton.ts); the action
//      parses it into FormData (the platform's parser joins the whole body, a second copy, and
//      copies each file out of it, a third) and reads each file into a Buffer (a fourth, one file
//      at a time). Only this part runs in a slot.
//
// So proxy.ts takes a slot before it reads a large body, and the action gives it back when it is
// done (lib/actions/public-action.ts); one naming no action of this build is refused by proxy.ts,
// which gives the slot back at once (lib/http/known-actions.ts); a post that reaches another
// action (a staff one) gives it back after `holdMs` (5 s). Beyond UPLOAD_SLOTS, up to UPLOAD_QUEUE posts wait, each at most
// UPLOAD_WAIT_SECONDS; the others are told at once to try again in a moment. Small posts (a
// report without files) never wait: the text always gets through.

/** A post over this size, or of unknown size (sent in chunks), takes a slot. */
const largePostBytes = 1024 * 1024;
/**
 * A slot not given back by then is reclaimed. Short, because a post that never reaches a public
 * action (a staff action) holds its slot this long, and a stranger could
 * otherwise keep the slots taken with a few such posts; parsing a 26 MB post takes well under a
 * second, so an honest action still inside it only loosens the bound a little.
 */
const holdMs = 5_000;

type Waiter = { id: string; grant: () => void };
type Registry = { active: Map<string, NodeJS.Timeout>; waiting: Waiter[] };
// On globalThis: proxy.ts and the actions are bundled apart, and must share one registry.
const registry: Registry = ((globalThis as { [key: symbol]: Registry })[
  Symbol.for("prijavi.uploadSlots")
] ??= { active: new Map(), waiting: [] });

export function isLargePost(headers: Headers): boolean {
  const declared = Number(headers.get("content-length") ?? Number.NaN);
  return !Number.isFinite(declared) || declared > largePostBytes;
}

/** Waits for a slot for request `id`; false when the line is full or the wait too long. */
export function acquireUploadSlot(id: string): Promise<boolean> {
  if (registry.active.size < workLimits.uploadSlots()) {
    hold(id);
    return Promise.resolve(true);
  }
  if (registry.waiting.length >= workLimits.uploadQueue()) return Promise.resolve(false);
  return new Promise((resolve) => {
    const waiter: Waiter = {
      id,
      grant: () => {
        clearTimeout(timer);
        hold(id);
        resolve(true);
      },
    };
    const timer = setTimeout(() => {
      registry.waiting.splice(registry.waiting.indexOf(waiter), 1);
      resolve(false);
    }, workLimits.uploadWaitSeconds() * 1000).unref();
    registry.waiting.push(waiter);
  });
}

/** Gives back request `id`'s slot, if it holds one, to the next in line. Safe to call twice. */
export function releaseUploadSlot(id: string | undefined): void {
  const timer = id === undefined ? undefined : registry.active.get(id);
  if (timer === undefined) return;
  clearTimeout(timer);
  registry.active.delete(id!);
  registry.waiting.shift()?.grant();
}

/** Slots held and posts waiting, for tests and health checks. */
export function uploadSlotsInUse(): { active: number; waiting: number } {
  return { active: registry.active.size, waiting: registry.waiting.length };
}

function hold(id: string) {
  registry.active.set(id, setTimeout(() => releaseUploadSlot(id), holdMs).unref());
}
