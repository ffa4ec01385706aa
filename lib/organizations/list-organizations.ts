import "server-only";
import { db } from "@/lib/db";
import { incomingHeaders, requestIdOf } from "@/lib/http/request-context";
import { describeError, log } from "@/lib/log";
import {
  organizations as seededOrganizations,
  type OrganizationSeed,
  type Phone,
} from "@/prisma/organizations";

export type PublicOrganization = Omit<OrganizationSeed, "slug" | "sortOrder"> & { slug: string };

/** What anyone may read of an organisation: its names and how to reach it. */
export const publicOrganizationFields = {
  slug: true,
  kind: true,
  nameSl: true,
  nameEn: true,
  nameUk: true,
  email: true,
  phones: true,
  website: true,
  onlineFormUrl: true,
} as const;

/**
 * Every organisation in the directory's order, for staff pages (routing, inviting, editing). The
 * pages pass on only the fields their forms need.
 */
export function listOrganizations() {
  return db.organization.findMany({ orderBy: { sortOrder: "asc" } });
}

/**
 * The organisation directory for the public help page: an administrator's edit shows at once.
 * If the database cannot be reached, the seeded directory is shown instead: help numbers must
 * never depend on the database being up.
 */
export async function listPublicOrganizations(): Promise<PublicOrganization[]> {
  try {
    const rows = await db.organization.findMany({
      select: publicOrganizationFields,
      orderBy: { sortOrder: "asc" },
    });
    return rows.map((row) => ({
      ...row,
      phones: Array.isArray(row.phones) ? (row.phones as Phone[]) : [],
    }));
  } catch (error) {
    log.warn("organizations.fallback", {
      ...describeError(error),
      requestId: requestIdOf(await incomingHeaders()),
    });
    return seededOrganizations;
  }
}

export function organizationName(
  org: Pick<PublicOrganization, "nameSl" | "nameEn" | "nameUk">,
  locale: string,
): string {
  return locale === "sl" ? org.nameSl : locale === "uk" ? org.nameUk : org.nameEn;
}
