import "server-only";
import { unstable_rethrow } from "next/navigation";
import { trustedProxyCount } from "@/lib/config";
import { incomingHeaders, requestIdOf } from "@/lib/http/request-context";
import { describeError, log } from "@/lib/log";
import { clientAddress } from "@/lib/security/client-address";
import { rateLimiter, type RateLimitKey } from "@/lib/security/rate-limit";

export type RefusalReason = "rateLimited" | "failed";

export type PublicActionOptions<State> = {
  name: string;
  /** Limits per hour; `formId` (the form's one-time id, when valid) gets a bucket of its own. */
  rateLimit: (formData: FormData) => { perClientPerHour: number; globalPerHour: number; formId?: string };
  handler: (formData: FormData) => Promise<{ state: State; outcome: string }>;
  /**
   * Checks that need nothing but the input (a receipt's check digits), made before any limit: an
   * honest typo is answered at once and spends no one's budget. Returns null to go on.
   */
  screen?: (formData: FormData) => { state: State; outcome: string } | null;
  /** The state for a caller turned away or failed. Must not throw: it is the last resort. */
  refused: (formData: FormData | null, reason: RefusalReason) => State;
};

/**
 * The wrapper every public (reporter-facing) server action is built from. The caller is untrusted
 * and anonymous, so, in this order: rate-limit, then let the handler parse its own input; anything
 * unexpected becomes the same small failure state. The previous state React passes in is never
 * read: a form posted without JavaScript carries it in a hidden field the client can rewrite, and
 * so is `formData` only trusted to be FormData once checked.
 *
 * Logged: the action's name, its outcome, the time taken and the request id. Never the input, the
 * client's address or the error's message (driver messages can quote the values that failed).
 */
export function publicAction<State>({ name, rateLimit, handler, refused, screen }: PublicActionOptions<State>) {
  return async (_previous: State, formData: FormData): Promise<State> => {
    const began = performance.now();
    const requestHeaders = await incomingHeaders();
    const requestId = requestIdOf(requestHeaders);
    const done = (state: State, outcome: string) => {
      log.info("action.completed", { action: name, outcome, durationMs: Math.round(performance.now() - began), requestId });
      return state;
    };

    if (!(formData instanceof FormData)) return done(refused(null, "failed"), "malformed");
    try {
      const screened = screen?.(formData);
      if (screened) return done(screened.state, screened.outcome);
      const limits = rateLimit(formData);
      const address = requestHeaders ? clientAddress(requestHeaders, trustedProxyCount()) : null;
      const keys: RateLimitKey[] = [{ scope: `${name}:global`, id: "", perHour: limits.globalPerHour }];
      if (address) keys.push({ scope: `${name}:address`, id: address, perHour: limits.perClientPerHour });
      if (limits.formId) keys.push({ scope: `${name}:form`, id: limits.formId, perHour: limits.perClientPerHour });
      if (!rateLimiter.take(keys).allowed) return done(refused(formData, "rateLimited"), "rateLimited");

      const { state, outcome } = await handler(formData);
      return done(state, outcome);
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      log.error("action.failed", { action: name, requestId, ...describeError(error) });
      return done(refused(formData, "failed"), "failed");
    }
  };
}
