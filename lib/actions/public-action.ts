import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Refusal } from "@/lib/actions/form-state";
import { trustedProxyCount } from "@/lib/config";
import { incomingHeaders, requestIdOf } from "@/lib/http/request-context";
import { releaseUploadSlot } from "@/lib/http/upload-slots";
import { describeError, log } from "@/lib/log";
import { clientAddress } from "@/lib/security/client-address";
import { rateLimiter, type RateLimitKey } from "@/lib/security/rate-limit";

/** The refusals the wrapper itself gives (a spent budget, anything unexpected). */
export type RefusalReason = Extract<Refusal, "rateLimited" | "failed">;

/**
 * What a handler asks to be charged once its post is known to cost something (it is valid, new,
 * and about to be stored or to open something): `perClientPerHour` for the caller's own bucket
 * (only where a client signal exists, i.e. behind TRUST_PROXY), and any other buckets by name.
 * Resolves to whether every bucket had enough; when not, nothing was taken from any.
 */
type Charge = (limits: { perClientPerHour?: number; keys?: RateLimitKey[] }) => Promise<boolean>;

type Answer<State> = { state: State; outcome: string };

/** What a handler is given: the post, the known fields read from it, and the schema's verdict. */
export type PublicInput<Schema extends z.ZodType, Values> = {
  formData: FormData;
  values: Values;
  parsed: z.ZodSafeParseResult<z.output<Schema>>;
};

export type PublicActionOptions<State, Schema extends z.ZodType, Values> = {
  name: string;
  /** The one schema for the form's fields, the same the browser checks with. */
  schema: Schema;
  /** Reads only the form's known fields (capped) from the post: what the schema sees and what goes back. */
  values: (formData: FormData) => Values;
  /**
   * Checks that need nothing but the input (a receipt's check digits, a bot's honeypot), made
   * before anything is charged: an honest typo is answered at once and spends no one's budget.
   * Returns null to go on.
   */
  screen?: (input: PublicInput<Schema, Values>) => Answer<State> | null;
  /**
   * Decides what an invalid post costs (a report sent back still keeps its files), so the verdict
   * is handed over rather than answered here.
   */
  handler: (input: PublicInput<Schema, Values>, charge: Charge) => Promise<Answer<State>>;
  /** The state for a caller turned away or failed. Must not throw: it is the last resort. */
  refused: (formData: FormData | null, reason: RefusalReason) => State;
};

/** Thrown by a handler that was refused by `charge` and has nothing better to answer than `refused`. */
export class RateLimited extends Error {
  constructor() {
    super("rate limited");
  }
}

/**
 * The wrapper every public (reporter-facing) server action is built from. The caller is untrusted
 * and anonymous, so the free checks come first (envelope, `screen`, schema, then the handler's
 * own, such as a duplicate), and the handler calls `charge` only for a post that will cost us:
 * what a stranger sends may cost the stranger, never the budget honest reporters share. Anything
 * unexpected (a database error in the limiter included) becomes the same small failure state,
 * with everything typed kept. The
 * previous state React passes in is never read: a form posted without JavaScript carries it in a
 * hidden field the client can rewrite, and so is `formData` only trusted to be FormData once checked.
 *
 * Logged: the action's name, its outcome, the time taken and the request id. Never the input, the
 * client's address or the error's message (driver messages can quote the values that failed).
 */
export function publicAction<State, Schema extends z.ZodType, Values>({
  name,
  schema,
  values: valuesOf,
  screen,
  handler,
  refused,
}: PublicActionOptions<State, Schema, Values>) {
  return async (_previous: State, formData: FormData): Promise<State> => {
    const began = performance.now();
    const requestHeaders = await incomingHeaders();
    const requestId = requestIdOf(requestHeaders);
    const done = (state: State, outcome: string) => {
      releaseUploadSlot(requestId); // the slot proxy.ts took for a post with files (lib/http/upload-slots.ts)
      log.info("action.completed", {
        action: name,
        outcome,
        durationMs: Math.round(performance.now() - began),
        requestId,
      });
      return state;
    };

    if (!(formData instanceof FormData)) return done(refused(null, "failed"), "malformed");
    try {
      const values = valuesOf(formData);
      const input = { formData, values, parsed: schema.safeParse(values) };
      const screened = screen?.(input);
      if (screened) return done(screened.state, screened.outcome);
      const charge: Charge = async ({ perClientPerHour, keys = [] }) => {
        const address =
          perClientPerHour && requestHeaders
            ? clientAddress(requestHeaders, trustedProxyCount())
            : null;
        const all = address
          ? [...keys, { scope: `${name}:address`, id: address, perHour: perClientPerHour! }]
          : keys;
        return (await rateLimiter.take(all)).allowed;
      };
      const { state, outcome } = await handler(input, charge);
      return done(state, outcome);
    } catch (error) {
      releaseUploadSlot(requestId); // also when the handler ends in redirect(), which is rethrown below
      unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
      if (error instanceof RateLimited)
        return done(refused(formData, "rateLimited"), "rateLimited");
      log.error("action.failed", { action: name, requestId, ...describeError(error) });
      return done(refused(formData, "failed"), "failed");
    }
  };
}
