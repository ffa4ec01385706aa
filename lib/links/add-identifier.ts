import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { extractIdentifiers, type IdentifierKind } from "./identifiers";
import { storeIdentifierDigests } from "./index-reports";

/**
 * Indexes identifiers a staff member typed for a report (a number read out on the phone, a plate
 * seen in a photo): normalised and digested exactly as the report's own, so they meet. Needs the
 * index key, so triage only. The audit names the kinds, never the values.
 */
export async function addIdentifiers(
  user: StaffUser,
  indexKey: Buffer,
  reportId: string,
  text: string,
): Promise<{ status: "added"; kinds: IdentifierKind[] } | { status: "none" | "notFound" }> {
  if (!can(user.role, "links.index")) return { status: "notFound" };
  if (!(await db.report.count({ where: { id: reportId } }))) return { status: "notFound" };
  const identifiers = extractIdentifiers([text]).slice(0, 20);
  if (!identifiers.length) return { status: "none" };
  const kinds = [...new Set(identifiers.map((identifier) => identifier.kind))];
  await db.$transaction(async (tx) => {
    await storeIdentifierDigests(tx, indexKey, reportId, identifiers, user.id);
    await recordAudit(
      {
        action: "links.identifierAdded",
        actorKind: "STAFF",
        actorId: user.id,
        reportId,
        detail: { kinds },
      },
      tx,
    );
  });
  return { status: "added", kinds };
}
