import createMiddleware from "next-intl/middleware";
import { NextResponse, type NextRequest } from "next/server";
import { honeypotField } from "@/app/[locale]/(public)/report/state";
import {
  alreadySentPage,
  botReceiptPage,
  errorPage,
  localeOfPath,
  type ErrorPageKind,
} from "@/lib/http/error-page";
import { routing } from "@/lib/i18n/routing";
import { log } from "@/lib/log";
import { isWellFormedActionCall, isWellFormedActionEnvelope } from "@/lib/security/action-envelope";
import { formatReceipt, generateReceipt } from "@/lib/reports/receipt";
import { isSubmissionStored } from "@/lib/reports/submission";
import { isUuid } from "@/lib/validation/uuid";
import { contentSecurityPolicy } from "@/lib/security/headers";
import { maxActionBodyBytes } from "@/lib/security/limits";
import { acquireUploadSlot, isLargePost, releaseUploadSlot } from "@/lib/http/upload-slots";
import { actionIdOfForm, isKnownAction } from "@/lib/http/known-actions";
import { boundaryOf, formSkeleton } from "@/lib/http/form-skeleton";

const handleI18nRouting = createMiddleware(routing);
/** The text a post with files may carry besides them: far more than any form of ours has. */
const maxSkeletonBytes = 2 * 1024 * 1024;

// Comfort, not security: this routes by locale and sets per-request headers. Every server
// action and page checks its own caller.
export default async function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });

  // Next.js reads the nonce for its own scripts from the CSP request header.
  request.headers.set("x-nonce", nonce);
  request.headers.set("Content-Security-Policy", csp);
  // Our own id for the log lines of this request; one a client sends is replaced, never trusted.
  const requestId = crypto.randomUUID();
  request.headers.set("x-request-id", requestId);
  // For the language switcher, which links to the same page in the other languages.
  request.headers.set("x-pathname", request.nextUrl.pathname);
  // For sign-in, which continues to the dashboard page a notice link announced (with its query).
  request.headers.set("x-search", request.nextUrl.search);

  const isApi = request.nextUrl.pathname.startsWith("/api/");
  const refusal = !isApi && request.method === "POST" ? await refusePost(request, requestId) : null;
  const locale = localeOfPath(request.nextUrl.pathname);
  if (refusal) {
    releaseUploadSlot(requestId);
    if (refusal.kind === "bot" || refusal.kind === "duplicate")
      log.info("action.completed", {
        action: "submitReport",
        outcome: refusal.kind === "bot" ? "honeypot" : "duplicate",
        requestId,
      });
    else log.warn("request.refused", { reason: refusal.kind, status: refusal.status, requestId });
  }
  const response = refusal
    ? new NextResponse(
        refusal.kind === "bot"
          ? botReceiptPage(locale, formatReceipt(generateReceipt()))
          : refusal.kind === "duplicate"
            ? alreadySentPage(locale)
            : errorPage(refusal.kind, locale),
        {
          status: refusal.status,
          headers: {
            "Content-Type": "text/html; charset=utf-8",
            ...(refusal.kind === "busy" ? { "Retry-After": "30" } : {}),
          },
        },
      )
    : isApi
      ? NextResponse.next({ request: { headers: request.headers } })
      : handleI18nRouting(request);

  response.headers.set("Content-Security-Policy", csp);
  // Pages may show what a reporter typed or their receipt: never keep them in any cache.
  response.headers.set("Cache-Control", "no-store, max-age=0");
  return response;
}

/**
 * Any page POST may carry a server action (the action id, not the path, picks it), so every one
 * is checked here. Next.js answers an oversize action, a no-JavaScript form whose hidden action
 * fields it cannot parse, or a JavaScript action call whose arguments are not an array, with a
 * bare 500; these get a localized page instead. Only a forged or broken client reaches any of
 * them: the form's own limits keep a real report far smaller.
 *
 * A large post (files) is read only in one of a few upload slots (lib/http/upload-slots.ts), held
 * until its action is done: beyond them it waits a little, then gets "busy, try again".
 */
async function refusePost(
  request: NextRequest,
  requestId: string,
): Promise<{ kind: ErrorPageKind | "bot" | "duplicate"; status: number } | null> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > maxActionBodyBytes) return { kind: "tooLarge", status: 413 };

  const contentType = request.headers.get("content-type") ?? "";
  const isActionCall = request.headers.has("next-action");
  const isFormWithoutJavaScript = contentType.startsWith("multipart/form-data") && !isActionCall;
  if ((isFormWithoutJavaScript || isActionCall) && !isSameOrigin(request))
    return { kind: "unreadable", status: 403 };
  // Browsers always declare the length; only a chunked body (no length) must be counted here.
  if (!isFormWithoutJavaScript && !isActionCall && Number.isFinite(declared)) return null;
  const isLarge = (isFormWithoutJavaScript || isActionCall) && isLargePost(request.headers);
  // A large post to an action this build does not have never takes a slot (lib/http/known-actions.ts).
  if (
    isLarge &&
    isActionCall &&
    isKnownAction(request.headers.get("next-action") ?? "") === false
  ) {
    await dropBody(request);
    return { kind: "unreadable", status: 404 };
  }
  if (isLarge && !(await acquireUploadSlot(requestId))) {
    await dropBody(request);
    return { kind: "busy", status: 503 };
  }

  // A large multipart post is streamed and only its text kept (lib/http/form-skeleton.ts): the
  // checks below need nothing of its files, and reading it whole would cost four copies of it.
  const boundary = isLarge ? boundaryOf(contentType) : null;
  let body: ArrayBuffer;
  try {
    if (boundary && request.body) {
      const skeleton = await formSkeleton(request.body, boundary, maxSkeletonBytes);
      if (!skeleton || skeleton.bytes > maxActionBodyBytes)
        return { kind: "tooLarge", status: 413 };
      body = new Uint8Array(skeleton.body).buffer;
    } else {
      body = await request.arrayBuffer();
      if (body.byteLength > maxActionBodyBytes) return { kind: "tooLarge", status: 413 };
    }
  } catch {
    return { kind: "unreadable", status: 400 };
  }
  try {
    if (isActionCall)
      return (await isWellFormedActionCall(contentType, body))
        ? null
        : { kind: "unreadable", status: 400 };
    if (!isFormWithoutJavaScript) return null;
    const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
    if (!isWellFormedActionEnvelope(form)) return { kind: "unreadable", status: 400 };
    if (isReportForm(request)) {
      if (isBot(form)) return { kind: "bot", status: 200 };
      if (await isSentAgain(form)) return { kind: "duplicate", status: 200 };
    }
    // Read in a slot, and naming no action of this build: the slot goes back now, not after 5 s.
    if (isLarge && isKnownAction(actionIdOfForm(form) ?? "") === false)
      return { kind: "unreadable", status: 404 };
    return null;
  } catch {
    return { kind: "unreadable", status: 400 };
  }
}

// The report form posted without JavaScript by a bot (its honeypot filled) or sent again after it
// was stored is answered here with a short page, so that Next.js spends nothing on it: no action
// and no render of the whole form page. The report action still answers both itself (posted with
// JavaScript, or should this be bypassed): the rule lives there; this is only the cheap way out.

function isReportForm(request: NextRequest): boolean {
  return /^\/[a-z]{2}\/report\/?$/.test(request.nextUrl.pathname);
}

/** A bot gets a receipt page as after a real report; nothing is stored. */
function isBot(form: FormData): boolean {
  const honeypot = form.get(honeypotField);
  return typeof honeypot === "string" && honeypot.length > 0;
}

/**
 * Whether a report is stored under this form's one-time id. When that cannot be known soon (the
 * database slow or away), the action decides, as it always does: this only saves work, so it must
 * not add the database's own timeout to an honest post's wait.
 */
async function isSentAgain(form: FormData): Promise<boolean> {
  const submissionId = form.get("submissionId");
  if (!isUuid(submissionId)) return false;
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<false>((resolve) => (timer = setTimeout(resolve, 1_000, false)));
  try {
    return await Promise.race([isSubmissionStored(submissionId.toLowerCase()), giveUp]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Lets go of the proxy's copy of a body it will not read. Next.js still receives the whole body
 * (into its own copy) before it sends the answer, so a browser still sending is not cut off
 * with "connection reset"; reading it here too would only add a copy of every chunk.
 */
async function dropBody(request: NextRequest): Promise<void> {
  await request.body?.cancel().catch(() => {});
}

/**
 * The check Next.js makes before running an action (its CSRF protection), made here first
 * because Next.js answers a failure with a bare 500: an Origin header, when sent, must name this
 * host (X-Forwarded-Host's first entry, else Host). "Origin: null" (sent by some privacy settings)
 * fails it in both places; here it gets a page that says what to do.
 */
function isSameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  const host =
    request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  try {
    return origin !== "null" && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export const config = {
  // Everything but build assets and files with an extension (icons), which carry static headers.
  matcher: ["/((?!_next/|.*\\..*).*)"],
};
