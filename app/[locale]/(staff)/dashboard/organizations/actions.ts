"use server";

import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/auth/staff-action";
import { updateOrganization } from "@/lib/organizations/update-organization";
import { organizationSchema } from "@/lib/validation/organization";

export const updateOrganizationAction = staffAction(
  "organizations.manage",
  organizationSchema,
  async (input, admin) => {
    const done = await updateOrganization(input, admin.id);
    revalidatePath("/[locale]", "layout");
    return done ? { ok: true } : { ok: false, error: "notFound" };
  },
);
