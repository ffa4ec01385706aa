import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { seedOrganizations } from "@/prisma/seed";
import { resetDatabase } from "../support/database";
import { createStaff, type TestStaff } from "../support/staff";

// Every staff server action against every kind of caller. The request is the only thing faked
// (next/headers hands the action the caller's real session cookie); sessions, permissions and
// the database are real. Pages are covered in tests/e2e/staff.spec.ts.

let current = new Headers();
vi.mock("next/headers", () => ({
  headers: async () => current,
  cookies: async () => ({ toString: () => current.get("cookie") ?? "", get: () => undefined, getAll: () => [], set: () => {}, delete: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-intl/server", () => ({ getLocale: async () => "en" }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { url });
  },
  unstable_rethrow: (error: unknown) => {
    if ((error as Error)?.message === "NEXT_REDIRECT") throw error;
  },
}));

const { inviteStaffAction, disableStaffAction, enableStaffAction, resetSecondFactorAction } = await import(
  "@/app/[locale]/(staff)/dashboard/users/actions"
);
const { signOutEverywhereAction } = await import("@/app/[locale]/(staff)/dashboard/actions");

type Actor = "signedOut" | "withoutSecondFactor" | "admin" | "triage" | "kljuc" | "caritas";
const actors: Actor[] = ["signedOut", "withoutSecondFactor", "admin", "triage", "kljuc", "caritas"];

// The spec, written out by hand (not derived from lib/auth/permissions.ts, which it checks).
const allowed: Record<string, Actor[]> = {
  inviteStaff: ["admin"],
  disableStaff: ["admin"],
  enableStaff: ["admin"],
  resetSecondFactor: ["admin"],
  signOutEverywhere: ["admin", "triage", "kljuc", "caritas"],
};

let people: Record<Exclude<Actor, "signedOut">, TestStaff>;
let target: TestStaff;

beforeAll(async () => {
  await resetDatabase();
  await seedOrganizations(db as never);
  people = {
    withoutSecondFactor: await createStaff("TRIAGE", { enrolled: false }),
    admin: await createStaff("ADMIN"),
    triage: await createStaff("TRIAGE"),
    kljuc: await createStaff("ORG_STAFF", { organization: "kljuc" }),
    caritas: await createStaff("ORG_STAFF", { organization: "caritas" }),
  };
  target = await createStaff("TRIAGE");
}, 120_000);
afterAll(() => db.$disconnect());

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

const calls: Record<string, () => Promise<unknown>> = {
  inviteStaff: () =>
    inviteStaffAction(null, form({ email: `new-${Math.random().toString(36).slice(2)}@staff.test`, name: "New", role: "TRIAGE", locale: "en" })),
  disableStaff: () => disableStaffAction(null, form({ userId: target.userId })),
  enableStaff: () => enableStaffAction(null, form({ userId: target.userId })),
  resetSecondFactor: () => resetSecondFactorAction(null, form({ userId: target.userId })),
  signOutEverywhere: () => signOutEverywhereAction(null, form({})),
};

async function outcome(call: () => Promise<unknown>): Promise<"allowed" | "denied"> {
  try {
    const result = (await call()) as { ok: boolean; error?: string };
    return !result.ok && result.error === "forbidden" ? "denied" : "allowed";
  } catch (error) {
    // A redirect after success (signing out everywhere) means the action ran.
    if ((error as Error).message === "NEXT_REDIRECT") return "allowed";
    throw error;
  }
}

describe("authorization matrix: staff server actions", () => {
  for (const [action, allowedActors] of Object.entries(allowed)) {
    for (const actor of actors) {
      const expected = allowedActors.includes(actor) ? "allowed" : "denied";
      it(`${action} by ${actor}: ${expected}`, async () => {
        // Sign-out everywhere ends the caller's sessions: give each such call a fresh session.
        const person = actor === "signedOut" ? undefined : people[actor];
        if (person && action === "signOutEverywhere" && actor !== "withoutSecondFactor") {
          const { signInWithCode } = await import("../support/staff");
          person.headers = await signInWithCode(person.email, person.totp());
        }
        current = person ? person.headers : new Headers();
        expect(await outcome(calls[action]!)).toBe(expected);
      });
    }
  }

  it("a denied call changes nothing", async () => {
    const before = await db.user.findUniqueOrThrow({ where: { id: target.userId } });
    current = people.triage.headers;
    await disableStaffAction(null, form({ userId: target.userId }));
    current = new Headers();
    await resetSecondFactorAction(null, form({ userId: target.userId }));
    const after = await db.user.findUniqueOrThrow({ where: { id: target.userId } });
    expect(after.disabled).toBe(before.disabled);
    expect(after.twoFactorEnabled).toBe(before.twoFactorEnabled);
  });
});
