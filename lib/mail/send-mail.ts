import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";

// One transport for the process. SMTP_URL sends for real (TLS certificates verified, as nodemailer
// does by default); without it, each message is written as an .eml file under MAIL_DIR
// (default .data/mail/) for development and tests. Messages never carry report content.

export type Mail = { to: string; subject: string; text: string };

let transport: Transporter | undefined;

function smtpTransport(): Transporter {
  transport ??= nodemailer.createTransport(process.env.SMTP_URL);
  return transport;
}

export function mailDirectory(): string {
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
  const dir = mailDirectory();
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID()}.eml`), info.message as Buffer);
}
