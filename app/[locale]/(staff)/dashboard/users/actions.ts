"use server";

import { revalidatePath } from "next/cache";
import { done, refuse } from "@/lib/actions/posted-fields";
import { staffAction, type StaffFormState } from "@/lib/actions/staff-action";
import { InvitationError, inviteStaff, reissueAccountSetup } from "@/lib/auth/invitations";
import { resetSecondFactor, setStaffDisabled } from "@/lib/auth/staff-accounts";
import { inviteStaffSchema, staffIdSchema } from "@/lib/validation/staff";

/** Done with the e-mail address invited; a refusal gives back every choice made (role included). */
export type InviteStaffState = StaffFormState<typeof inviteStaffSchema, string>;

export const inviteStaffAction = staffAction(
  "users.manage",
  inviteStaffSchema,
  async (input, admin) => {
    try {
      const { placement, ...person } = input;
      await inviteStaff({ ...person, ...placement, invitedBy: admin.id });
    } catch (error) {
      if (error instanceof InvitationError)
        return refuse("invalid", {
          [error.reason === "emailTaken" ? "email" : "placement"]: error.reason,
        });
      throw error;
    }
    revalidatePath("/[locale]/dashboard/users", "page");
    return done(input.email);
  },
);

export const disableStaffAction = staffAction(
  "users.manage",
  staffIdSchema,
  async ({ userId }, admin) => {
    const changed = await setStaffDisabled(userId, true, admin.id);
    revalidatePath("/[locale]/dashboard/users", "page");
    return changed ? done() : refuse("notFound");
  },
);

export const enableStaffAction = staffAction(
  "users.manage",
  staffIdSchema,
  async ({ userId }, admin) => {
    const changed = await setStaffDisabled(userId, false, admin.id);
    revalidatePath("/[locale]/dashboard/users", "page");
    return changed ? done() : refuse("notFound");
  },
);

export const resetSecondFactorAction = staffAction(
  "users.manage",
  staffIdSchema,
  async ({ userId }, admin) => {
    const changed = await resetSecondFactor(userId, admin.id);
    revalidatePath("/[locale]/dashboard/users", "page");
    return changed ? done() : refuse("notFound");
  },
);

export const reissueSetupAction = staffAction(
  "users.manage",
  staffIdSchema,
  async ({ userId }, admin) => {
    // Not for one's own account: an administrator who lost access is helped by another.
    if (userId === admin.id) return refuse("notFound");
    const changed = await reissueAccountSetup(userId, admin.id);
    revalidatePath("/[locale]/dashboard/users", "page");
    return changed ? done() : refuse("notFound");
  },
);
