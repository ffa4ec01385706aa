import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { inviteStaff } from "@/lib/auth/invitations";
import { sendMail } from "@/lib/mail/send-mail";

// Without SMTP_URL mail goes to .eml files; an invitation there is a credential (whoever opens
// the link first takes the account), so no other local user may read one.

const saved = process.env.MAIL_DIR;
afterEach(() => {
  process.env.MAIL_DIR = saved;
});

const modeOf = (file: string) => statSync(file).mode & 0o777;

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
    expect(modeOf(dir)).toBe(0o700);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(modeOf(path.join(dir, files[0]!))).toBe(0o600);
    expect(link).toMatch(/\/en\/invite\/[\w-]{43}$/);
  });
});
