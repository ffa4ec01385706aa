import createMiddleware from "next-intl/middleware";
import { NextResponse, type NextRequest } from "next/server";
import { routing } from "@/lib/i18n/routing";
import { contentSecurityPolicy } from "@/lib/security/headers";

const handleI18nRouting = createMiddleware(routing);

// Comfort, not security: this routes by locale and sets per-request headers. Every server
// action and page checks its own caller.
export default function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });

  // Next.js reads the nonce for its own scripts from the CSP request header.
  request.headers.set("x-nonce", nonce);
  request.headers.set("Content-Security-Policy", csp);

  const response = request.nextUrl.pathname.startsWith("/api/")
    ? NextResponse.next({ request: { headers: request.headers } })
    : handleI18nRouting(request);

  response.headers.set("Content-Security-Policy", csp);
  // Pages may show what a reporter typed or their receipt: never keep them in any cache.
  response.headers.set("Cache-Control", "no-store, max-age=0");
  return response;
}

export const config = {
  // Everything but build assets and files with an extension (icons), which carry static headers.
  matcher: ["/((?!_next/|.*\\..*).*)"],
};
