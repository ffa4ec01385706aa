"use server";

import { revalidatePath } from "next/cache";
import { InvitationError, inviteStaff } from "@/lib/auth/invitations";
import { staffAction } from "@/lib/auth/staff-action";
import { resetSecondFactor, setStaffDisabled } from "@/lib/auth/staff-accounts";
import { inviteStaffSchema, staffIdSchema } from "@/lib/validation/staff";

export const inviteStaffAction = staffAction(
  "users.manage",
  inviteStaffSchema,
  async (input, admin) => {
    try {
      await inviteStaff({ ...input, invitedBy: admin.id });
    } catch (error) {
      if (error instanceof InvitationError)
        return {
          ok: false,
          error: "invalid",
          fieldErrors: {
            [error.reason === "emailTaken" ? "email" : "organizationId"]: error.reason,
          },
        };
      throw error;
    }
    revalidatePath("/[locale]/dashboard/users", "page");
    return { ok: true, message: input.email };
  },
);

export const disableStaffAction = staffAction(
  "users.manage",
  staffIdSchema,
  async ({ userId }, admin) => {
    const done = await setStaffDisabled(userId, true, admin.id);
    revalidatePath("/[locale]/dashboard/users", "page");
    return done ? { ok: true } : { ok: false, error: "notFound" };
  },
);

export const enableStaffAction = staffAction(
  "users.manage",
  staffIdSchema,
  async ({ userId }, admin) => {
    const done = await setStaffDisabled(userId, false, admin.id);
    revalidatePath("/[locale]/dashboard/users", "page");
    return done ? { ok: true } : { ok: false, error: "notFound" };
  },
);

export const resetSecondFactorAction = staffAction(
  "users.manage",
  staffIdSchema,
  async ({ userId }, admin) => {
    const done = await resetSecondFactor(userId, admin.id);
    revalidatePath("/[locale]/dashboard/users", "page");
    return done ? { ok: true } : { ok: false, error: "notFound" };
  },
);
