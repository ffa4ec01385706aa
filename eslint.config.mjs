// ESLint 9 flat config: Next's own rules (React, hooks, a11y, core web vitals), typescript-eslint's
// strict set, and Prettier last so that formatting is Prettier's alone.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  ...tseslint.configs.strict,
  {
    rules: {
      // Nothing in components/ (shared pieces) may depend on a route: a route's forms live in its
      // own _components/ folder beside its actions.
      "no-restricted-imports": "off",
      // tsconfig's noUncheckedIndexedAccess types every `a[i]` as possibly undefined; a `!` after a
      // length check or a regex match says what the code has just established, and is kept.
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    files: ["components/**", "lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "**/app/*"],
              message: "Shared code must not import from a route in app/.",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests and scripts set and clear environment variables by name.
    files: ["tests/**", "scripts/**"],
    rules: { "@typescript-eslint/no-dynamic-delete": "off" },
  },
  prettier,
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "lib/generated/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    ".data/**",
  ]),
]);
