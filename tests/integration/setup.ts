import { randomBytes } from "node:crypto";

// scripts/test.mjs starts a throwaway PostgreSQL, migrates it and sets DATABASE_URL.
if (!process.env.DATABASE_URL) {
  throw new Error("Integration tests need DATABASE_URL: run them with `npm test` or `node scripts/test.mjs integration`.");
}
process.env.APP_SECRET ??= randomBytes(48).toString("base64url");
process.env.DATA_ENCRYPTION_KEY ??= `test:${randomBytes(32).toString("base64")}`;
