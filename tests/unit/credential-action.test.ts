import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { idle } from "@/lib/actions/form-state";
import { done, refuse } from "@/lib/actions/posted-fields";
import type { StaffSession } from "@/lib/auth/session";
import { signInSchema } from "@/lib/validation/staff";

// The credential wrapper on its own: the request, the session and navigation are stood in for;
// what is checked is what the wrapper itself decides (envelope, guard, schema, what comes back,
// what is logged).

const requestId = "3c632eb7-8968-4731-810c-2669d523bf9e";
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-request-id": requestId }),
}));
vi.mock("next/navigation", () => import("../support/next-navigation"));
let session: StaffSession = { status: "signedOut" };
vi.mock("@/lib/auth/session", () => ({ getStaffSession: async () => session }));

const { credentialAction } = await import("@/lib/actions/credential-action");
const { redirect } = await import("next/navigation");

const canary = "CredentialCanary9e1";
let lines: string[];

beforeEach(() => {
  lines = [];
  session = { status: "signedOut" };
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

/** Every line written is one JSON object, and none quotes anything posted. */
function logged(): Record<string, unknown>[] {
  for (const line of lines) expect(line).not.toContain(canary);
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("credentialAction", () => {
  it("refuses anything but a form unread, without calling its handler", async () => {
    const handler = vi.fn(async () => done());
    const action = credentialAction({ name: "t", guard: "anyone", schema: signInSchema, handler });
    for (const forged of [null, undefined, "email=a", { email: canary }, [canary], 1]) {
      const state = await action(idle, forged as unknown as FormData);
      expect(state).toEqual({ status: "refused", error: "invalid", fieldErrors: {}, values: {} });
    }
    expect(handler).not.toHaveBeenCalled();
    expect(logged().map((line) => line.outcome)).toEqual(Array(6).fill("invalid"));
  });

  it("parses before the handler and keeps the first issue per field", async () => {
    const handler = vi.fn(async () => done());
    const schema = z.object({
      word: z.string().min(12, { error: "tooShort" }).regex(/\d/, { error: "needsDigit" }),
      other: z.string().regex(/\d/, { error: "needsDigit" }),
    });
    const action = credentialAction({ name: "t", guard: "anyone", schema, handler });
    const state = await action(idle, form({ word: "abc", other: "x" }));
    expect(state).toMatchObject({
      status: "refused",
      error: "invalid",
      fieldErrors: { word: "tooShort", other: "needsDigit" },
    });
    expect(handler).not.toHaveBeenCalled();

    const signIn = credentialAction({
      name: "t",
      guard: "anyone",
      schema: signInSchema,
      echo: ["email"],
      handler,
    });
    expect(await signIn(idle, form({ email: "not an address", password: "" }))).toEqual({
      status: "refused",
      error: "invalid",
      fieldErrors: { email: "email", password: "passwordRequired" },
      values: { email: "not an address" },
    });
  });

  it("never gives back a password, code, token or secret, even when asked to", async () => {
    const schema = z.object({
      email: z.string(),
      password: z.string(),
      confirm: z.string(),
      code: z.string(),
      token: z.string(),
      backupSecret: z.string(),
      note: z.string(),
    });
    const posted = {
      email: `${canary}@staff.test`,
      password: `${canary}-password`,
      confirm: `${canary}-password`,
      code: "123456",
      token: `${canary}-token`,
      backupSecret: `${canary}-secret`,
      note: `${canary}-note`,
    };
    const secrets = [posted.password, posted.code, posted.token, posted.backupSecret];
    for (const refusal of ["forbidden", "invalid", "failed"] as const) {
      const action = credentialAction({
        name: "t",
        guard: "anyone",
        schema: refusal === "invalid" ? schema.extend({ missing: z.string() }) : schema,
        echo: ["email", "password", "confirm", "code", "token", "backupSecret"],
        handler: async () => {
          if (refusal === "failed") throw new Error(`driver said: ${posted.password}`);
          return refuse(refusal);
        },
      });
      const state = await action(idle, form(posted));
      expect(state.status === "refused" && state.error).toBe(refusal);
      // Only what is named on `echo` and looks harmless: the unnamed note stays out too.
      expect(state.status === "refused" && state.values).toEqual({ email: posted.email });
      for (const secret of secrets) expect(JSON.stringify(state)).not.toContain(secret);
    }
    const entries = logged();
    expect(entries.map((line) => line.outcome)).toEqual(["forbidden", "invalid", "failed"]);
    expect(entries[2]).toMatchObject({
      level: "error",
      event: "action.failed",
      errorName: "Error",
    });
  });

  it("logs one line per call, and lets a redirect through as success", async () => {
    const action = credentialAction({
      name: "signIn",
      guard: "anyone",
      schema: signInSchema,
      handler: async () => redirect("/en/dashboard"),
    });
    await expect(
      action(idle, form({ email: `${canary}@staff.test`, password: canary })),
    ).rejects.toMatchObject({ message: "NEXT_REDIRECT", url: "/en/dashboard" });
    expect(logged()).toEqual([
      expect.objectContaining({
        level: "info",
        event: "action.completed",
        action: "signIn",
        outcome: "redirected",
        requestId,
        durationMs: expect.any(Number),
      }),
    ]);
  });

  it("opens an enrolling step only to a session waiting for its second factor", async () => {
    const user = {
      id: "u1",
      email: "a@staff.test",
      name: "A",
      role: "TRIAGE" as const,
      organizationId: null,
      locale: "en",
    };
    const handler = vi.fn(async (_input: unknown, caller: { user: { id: string } }) =>
      done(caller.user.id),
    );
    const action = credentialAction({
      name: "t",
      guard: "enrolling",
      schema: z.object({ code: z.string() }),
      handler,
    });
    for (const other of [
      { status: "signedOut" },
      { status: "active", user, sessionId: "s" },
    ] as StaffSession[]) {
      session = other;
      expect(await action(idle, form({ code: "123456" }))).toMatchObject({
        status: "refused",
        error: "notAllowed",
      });
    }
    expect(handler).not.toHaveBeenCalled();
    session = { status: "needsSecondFactor", user };
    expect(await action(idle, form({ code: "123456" }))).toEqual({ status: "done", data: "u1" });
    expect(logged().map((line) => line.outcome)).toEqual(["notAllowed", "notAllowed", "done"]);
  });
});
