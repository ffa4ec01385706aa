"use server";

import { revalidatePath } from "next/cache";
import { done, refuse } from "@/lib/actions/posted-fields";
import { staffAction, type StaffFormState } from "@/lib/actions/staff-action";
import { updateOrganization } from "@/lib/organizations/update-organization";
import { organizationSchema } from "@/lib/validation/organization";

export type UpdateOrganizationState = StaffFormState<typeof organizationSchema>;

export const updateOrganizationAction = staffAction(
  "organizations.manage",
  organizationSchema,
  async (input, admin) => {
    const updated = await updateOrganization(input, admin.id);
    revalidatePath("/[locale]", "layout");
    return updated ? done() : refuse("notFound");
  },
);
