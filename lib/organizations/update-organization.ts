import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrganizationUpdate } from "@/lib/validation/organization";

/** An administrator's edit of the directory; the public help page shows it at once. */
export async function updateOrganization(
  input: OrganizationUpdate,
  adminId: string,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { id, phones, ...fields } = input;
    const updated = await tx.organization.updateMany({
      where: { id },
      data: { ...fields, phones: phones as Prisma.InputJsonValue },
    });
    if (updated.count !== 1) return false;
    await recordAudit(
      {
        action: "organization.updated",
        actorKind: "STAFF",
        actorId: adminId,
        detail: { organizationId: id },
      },
      tx,
    );
    return true;
  });
}
