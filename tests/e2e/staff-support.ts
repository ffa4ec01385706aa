import { execFileSync } from "node:child_process";
import { expect, type Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { messages, type Locale } from "./support";

export type Person = { email: string; password: string; secret: string | null };

export function tsx(args: string[]): string {
  return execFileSync("node_modules/.bin/tsx", ["--conditions=react-server", ...args], {
    env: process.env,
    encoding: "utf8",
  });
}

/** A real staff account (invited, password set, TOTP enrolled unless --unenrolled). */
export const createStaff = (...args: string[]): Person =>
  JSON.parse(
    tsx(["tests/support/create-staff-cli.ts", ...args])
      .trim()
      .split("\n")
      .pop()!,
  );

/** A triage officer and staff of Ključ and of Caritas, the cast of the two-NGO routing tests. */
export const createTeam = () => ({
  officer: createStaff("TRIAGE"),
  kljuc: createStaff("ORG_STAFF", "kljuc"),
  caritas: createStaff("ORG_STAFF", "caritas"),
});

export const code = (secret: string, offset = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({
    timestamp: Date.now() + offset,
  });

export async function signIn(page: Page, person: Person, locale: Locale = "en") {
  const m = messages[locale];
  await page.goto(`/${locale}/sign-in`);
  await page.locator("#email").fill(person.email);
  await page.locator("#password").fill(person.password);
  await page.getByRole("button", { name: m.StaffAuth.signIn }).click();
  if (!person.secret) {
    await expect(page).toHaveURL(new RegExp(`/${locale}/enrol$`));
    return;
  }
  await expect(page).toHaveURL(new RegExp(`/${locale}/sign-in/verify$`));
  await page.locator("#code").fill(code(person.secret));
  await page.getByRole("button", { name: m.StaffAuth.verify }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/dashboard$`));
}
