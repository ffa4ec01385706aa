import createMiddleware from "next-intl/middleware";
import { NextResponse, type NextRequest } from "next/server";
import { errorPage, localeOfPath, type ErrorPageKind } from "@/lib/http/error-page";
import { routing } from "@/lib/i18n/routing";
import { log } from "@/lib/log";
import { isWellFormedActionCall, isWellFormedActionEnvelope } from "@/lib/security/action-envelope";
import { contentSecurityPolicy } from "@/lib/security/headers";
import { maxActionBodyBytes } from "@/lib/security/limits";
import { acquireUploadSlot, isLargePost, releaseUploadSlot } from "@/lib/http/upload-slots";
import { actionIdOfForm, isKnownAction } from "@/lib/http/known-actions";

const handleI18nRouting = createMiddleware(routing);

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
  if (refusal) {
    releaseUploadSlot(requestId);
    log.warn("request.refused", { reason: refusal.kind, status: refusal.status, requestId });
  }
  const response = refusal
    ? new NextResponse(errorPage(refusal.kind, localeOfPath(request.nextUrl.pathname)), {
        status: refusal.status,
        headers: {
          "Content-Type": "text/html; charset=utf-8",
          ...(refusal.kind === "busy" ? { "Retry-After": "30" } : {}),
        },
      })
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
): Promise<{ kind: ErrorPageKind; status: number } | null> {
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
    await drain(request);
    return { kind: "unreadable", status: 404 };
  }
  if (isLarge && !(await acquireUploadSlot(requestId))) {
    // Read to the end (and dropped) first: a browser still sending when the answer comes may show
    // "connection reset" instead of it. Next.js holds this body in memory either way.
    await drain(request);
    return { kind: "busy", status: 503 };
  }

  let body: ArrayBuffer;
  try {
    body = await request.arrayBuffer();
  } catch {
    return { kind: "unreadable", status: 400 };
  }
  if (body.byteLength > maxActionBodyBytes) return { kind: "tooLarge", status: 413 };
  try {
    if (isActionCall)
      return (await isWellFormedActionCall(contentType, body))
        ? null
        : { kind: "unreadable", status: 400 };
    if (!isFormWithoutJavaScript) return null;
    const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
    if (!isWellFormedActionEnvelope(form)) return { kind: "unreadable", status: 400 };
    // Read in a slot, and naming no action of this build: the slot goes back now, not after 5 s.
    if (isLarge && isKnownAction(actionIdOfForm(form) ?? "") === false)
      return { kind: "unreadable", status: 404 };
    return null;
  } catch {
    return { kind: "unreadable", status: 400 };
  }
}

async function drain(request: NextRequest): Promise<void> {
  try {
    const reader = request.body?.getReader();
    while (reader && !(await reader.read()).done);
  } catch {
    // the sender gave up: nothing to answer
  }
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
