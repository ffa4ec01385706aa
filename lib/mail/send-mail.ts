import "server-only";
import { randomUUID } from "node:crypto";
import { chmod, mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";

// One transport for the process. SMTP_URL sends for real (TLS certificates verified, as nodemailer
// does by default); without it, each message is written as an .eml file under MAIL_DIR
// (default .data/mail/) for development and tests, readable by the server's user alone.
// Messages never carry report content.

export type Mail = { to: string; subject: string; text: string };

let transport: Transporter | undefined;

function smtpTransport(): Transporter {
  transport ??= nodemailer.createTransport(process.env.SMTP_URL);
  return transport;
}

function mailDirectory(): string {
  return process.env.MAIL_DIR ?? path.join(process.cwd(), ".data", "mail");
}

export async function sendMail(mail: Mail): Promise<void> {
  const from = process.env.MAIL_FROM ?? "Prijavi <no-reply@prijavi.invalid>";
  if (process.env.SMTP_URL) {
    await smtpTransport().sendMail({ from, ...mail });
    return;
  }
  const file = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const info = await file.sendMail({ from, ...mail });
  const dir = await privateMailDirectory();
  await writeFile(
    path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID()}.eml`),
    info.message as Buffer,
    { mode: 0o600, flag: "wx" },
  );
}

/**
 * An invitation in a file is a credential: whoever reads it first can take the account. Files are
 * 0600 in a 0700 folder, owned by the server's user; a folder left open by an earlier version (or
 * made by hand) is closed before anything is written into it. If that fails, nothing is written:
 * the outbox retries, and the error says what to fix.
 */
async function privateMailDirectory(): Promise<string> {
  const dir = mailDirectory();
  await mkdir(/*turbopackIgnore: true*/ dir, { recursive: true, mode: 0o700 });
  if (((await stat(/*turbopackIgnore: true*/ dir)).mode & 0o077) !== 0)
    await chmod(/*turbopackIgnore: true*/ dir, 0o700);
  return dir;
}
