import path from "node:path";
import { defineConfig } from "vitest/config";

// next-intl imports "next/navigation" without an extension, which Node's ESM loader refuses: Vite
// resolves it instead (lib/i18n/navigation.ts builds paths for pages and for e-mail links).
const server = { deps: { inline: ["next-intl"] } };

const alias = {
  "@": path.resolve(import.meta.dirname),
  // Next.js enforces server-only at build time; tests run server code directly.
  "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          server,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          server,
          // Files share one database and reset it between them, so they run one at a time.
          fileParallelism: false,
          setupFiles: ["tests/integration/setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Against `next start` over HTTP (scripts/test.mjs builds the app and sets the database up).
          name: "http",
          include: ["tests/http/**/*.test.ts"],
          environment: "node",
          server,
          fileParallelism: false,
          setupFiles: ["tests/integration/setup.ts"],
          testTimeout: 600_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Last of all: searches what every earlier tier left behind.
          name: "leaks",
          include: ["tests/leaks/**/*.test.ts"],
          environment: "node",
          server,
          setupFiles: ["tests/integration/setup.ts"],
          testTimeout: 120_000,
        },
      },
    ],
  },
});
