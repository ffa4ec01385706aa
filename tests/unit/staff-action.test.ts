import { beforeEach, describe, expect, it, vi } from "vitest";
import { idle } from "@/lib/actions/form-state";
import { done } from "@/lib/actions/posted-fields";
import type { StaffUser } from "@/lib/auth/session";
import { inviteStaffSchema } from "@/lib/validation/staff";

// The staff wrapper on its own, with the session stood in for (the real sessions and permissions
// are in tests/integration/authorization-matrix.test.ts).

vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/navigation", () => import("../support/next-navigation"));
let caller: StaffUser | null = null;
const authorize = vi.fn(async () => caller);
vi.mock("@/lib/auth/session", () => ({ authorize }));

const { staffAction } = await import("@/lib/actions/staff-action");

const admin: StaffUser = {
  id: "u1",
  email: "admin@staff.test",
  name: "Admin",
  role: "ADMIN",
  organizationId: null,
  locale: "en",
};

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

beforeEach(() => {
  caller = admin;
  authorize.mockClear();
});

describe("staffAction", () => {
  it("checks the permission itself before reading the input", async () => {
    const handler = vi.fn(async () => done());
    const action = staffAction("users.manage", inviteStaffSchema, handler);
    caller = null;
    expect(await action(idle, form({ email: "x" }))).toMatchObject({ error: "forbidden" });
    expect(authorize).toHaveBeenCalledWith("users.manage");
    expect(await action(idle, "forged" as unknown as FormData)).toMatchObject({
      error: "invalid",
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("gives back every choice typed into a refused invitation, and no secret", async () => {
    const action = staffAction("users.manage", inviteStaffSchema, async () => done());
    const organizationId = "7fa0aa08-ba2f-4e6c-995e-fcc96f8a2fa0";
    const state = await action(
      idle,
      form({
        name: "",
        email: "new@staff.test",
        placement: `ORG_STAFF:${organizationId}`,
        locale: "uk",
        password: "never back",
      }),
    );
    expect(state).toEqual({
      status: "refused",
      error: "invalid",
      fieldErrors: { name: "nameRequired" },
      values: {
        name: "",
        email: "new@staff.test",
        placement: `ORG_STAFF:${organizationId}`,
        locale: "uk",
      },
    });
  });
});
