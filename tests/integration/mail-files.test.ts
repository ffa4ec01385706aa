import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inviteStaff } from "@/lib/auth/invitations";
import { db } from "@/lib/db";
import { drainOutbox } from "@/lib/mail/outbox";
import { sendMail } from "@/lib/mail/send-mail";
import { resetDatabase } from "../support/database";

// Without SMTP_URL mail goes to .eml files; an invitation there is a credential (whoever opens
// the link first takes the account), so no other local user may read one.

const saved = process.env.MAIL_DIR;
// The outbox is drained whole: notices another file left waiting would be counted as sent here.
beforeEach(resetDatabase);
afterEach(() => {
  process.env.MAIL_DIR = saved;
});

const modeOf = (file: string) => statSync(file).mode & 0o777;
/** A mail file's text with quoted-printable soft line breaks and escapes undone. */
const readMail = (file: string) =>
  readFileSync(file, "utf8")
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describe("mail written to files", () => {
  it("is 0600 in a 0700 folder, which is made so", async () => {
    process.env.MAIL_DIR = path.join(
      mkdtempSync(path.join(os.tmpdir(), "prijavi-mail-modes-")),
      "new",
      "mail",
    );
    await sendMail({ to: "someone@staff.test", subject: "s", text: "t" });
    expect(modeOf(process.env.MAIL_DIR)).toBe(0o700);
    const [file] = readdirSync(process.env.MAIL_DIR);
    expect(modeOf(path.join(process.env.MAIL_DIR, file!))).toBe(0o600);
  });

  // Invitations are sent by the outbox like every other notice (since it took them over).
  it("closes a folder that was left open before writing an invitation into it", async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "prijavi-mail-modes-")), "open");
    mkdirSync(dir);
    chmodSync(dir, 0o755); // as an earlier version left it
    expect(modeOf(dir)).toBe(0o755);
    process.env.MAIL_DIR = dir;
    const { link } = await inviteStaff({
      email: `modes-${Date.now()}@staff.test`,
      name: "Modes",
      role: "ADMIN",
      locale: "en",
    });
    expect(await drainOutbox()).toEqual({ sent: 1, failed: 0 });
    expect(modeOf(dir)).toBe(0o700);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(modeOf(path.join(dir, files[0]!))).toBe(0o600);
    expect(link).toMatch(/\/en\/invite\/[\w-]{43}$/);
    expect(readMail(path.join(dir, files[0]!))).toContain(link);
  });

  it("keeps an invitation's one-time link in the database only until the mail is sent", async () => {
    process.env.MAIL_DIR = mkdtempSync(path.join(os.tmpdir(), "prijavi-mail-modes-"));
    const email = `forget-${Date.now()}@staff.test`;
    const { link } = await inviteStaff({
      email,
      name: "Forget",
      role: "ADMIN",
      locale: "sl",
    });
    const token = link.split("/").pop()!;
    const pending = await db.outboxEmail.findFirstOrThrow({ where: { to: email } });
    expect(JSON.stringify(pending.data)).toContain(token);
    expect(await drainOutbox()).toEqual({ sent: 1, failed: 0 });
    const sent = await db.outboxEmail.findUniqueOrThrow({ where: { id: pending.id } });
    expect(sent.sentAt).not.toBeNull();
    expect(JSON.stringify(sent)).not.toContain(token);
    const [file] = readdirSync(process.env.MAIL_DIR);
    const mail = readMail(path.join(process.env.MAIL_DIR, file!));
    expect(mail).toContain(link);
    expect(mail).toContain("72");
  });
});
