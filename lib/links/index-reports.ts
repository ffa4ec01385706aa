import "server-only";
import { SealError } from "@/lib/crypto/sealing";
import { db } from "@/lib/db";
import type { OrganizationKeyPair } from "@/lib/keys/organization-keys";
import { log } from "@/lib/log";
import type { Identifier } from "./identifiers";
import { identifierDigest } from "./index-key";
import { openWaitingIdentifiers } from "./waiting-identifiers";

/** What a triage session holds for links: the police keys it opened, and the index key. */
export type LinkKeys = { organizationKeys: OrganizationKeyPair[]; indexKey: Buffer };

/** How many waiting reports a triage officer's list or landing page indexes on the way. */
export const indexBatch = 25;

/** Stores the blind indexes of identifiers for a report (each once). */
export async function storeIdentifierDigests(
  tx: Pick<typeof db, "reportIdentifier">,
  indexKey: Buffer,
  reportId: string,
  identifiers: Identifier[],
  addedById: string | null = null,
): Promise<number> {
  const stored = await tx.reportIdentifier.createMany({
    data: identifiers.map((identifier) => ({
      reportId,
      kind: identifier.kind,
      digest: identifierDigest(indexKey, identifier),
      addedById,
    })),
    skipDuplicates: true,
  });
  return stored.count;
}

/**
 * Digests the waiting identifiers of these reports (or of the oldest `take` waiting reports) with
 * the keys a triage session holds, and deletes what waited. A report whose row another session
 * indexed meanwhile is skipped; one sealed to a key this session does not hold waits on.
 * Returns how many reports were indexed.
 */
export async function indexWaitingIdentifiers(
  keys: LinkKeys,
  options: { reportIds?: string[]; take?: number } = {},
): Promise<number> {
  const held = new Map(keys.organizationKeys.map((key) => [key.organizationKeyId, key]));
  const rows = await db.waitingReportIdentifiers.findMany({
    where: {
      organizationKeyId: { in: [...held.keys()] },
      ...(options.reportIds ? { reportId: { in: options.reportIds } } : {}),
    },
    orderBy: { createdAt: "asc" },
    take: options.take ?? indexBatch,
    select: { reportId: true, organizationKeyId: true, sealedKey: true, payload: true },
  });
  let indexed = 0;
  for (const row of rows) {
    let identifiers: Identifier[];
    try {
      identifiers = await openWaitingIdentifiers(row, held.get(row.organizationKeyId)!);
    } catch (error) {
      if (!(error instanceof SealError)) throw error;
      log.warn("links.waitingUnopenable", { reportId: row.reportId });
      continue;
    }
    const done = await db.$transaction(async (tx) => {
      const taken = await tx.waitingReportIdentifiers.deleteMany({
        where: { reportId: row.reportId, organizationKeyId: row.organizationKeyId },
      });
      if (taken.count !== 1) return false;
      await storeIdentifierDigests(tx, keys.indexKey, row.reportId, identifiers);
      return true;
    });
    if (done) indexed += 1;
  }
  return indexed;
}
