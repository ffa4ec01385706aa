import { randomBytes } from "node:crypto";

// scripts/test.mjs starts a throwaway PostgreSQL, migrates it and sets DATABASE_URL.
if (!process.env.DATABASE_URL) {
  throw new Error(
    "Integration tests need DATABASE_URL: run them with `npm test` or `node scripts/test.mjs integration`.",
  );
}
process.env.APP_SECRET ??= randomBytes(48).toString("base64url");
process.env.SESSION_SECRET ??= randomBytes(48).toString("base64url");
process.env.DATA_ENCRYPTION_KEY ??= `test:${randomBytes(32).toString("base64")}`;

// Mail goes to files in a throwaway folder, never anywhere real.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
process.env.MAIL_DIR ??= mkdtempSync(path.join(os.tmpdir(), "prijavi-mail-"));
delete process.env.SMTP_URL;
