import "server-only";
import { createHmac } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { newKey, openSealedKey, sealKey } from "@/lib/crypto/sealing";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { bytes } from "@/lib/keys/member-keys";
import { findCurrentOrganizationKey, type OrganizationKeyPair } from "@/lib/keys/organization-keys";
import type { Identifier } from "./identifiers";

// The link index key: the HMAC key of every blind index (ReportIdentifier.digest). It is held
// like an organisation's key, by the police triage unit, not by the server: stored only sealed to
// the police's organisation key, so a database dump with every server secret cannot compute a
// digest and so cannot test "is this phone number in any report?" (SECURITY.md). One key for the
// organisation's whole life: rotating the organisation key seals the same index key again
// (lib/keys/reseal.ts), so every digest ever stored stays comparable.

/** What the sealed index key is bound to: the organisation key it is sealed to. */
export const linkIndexKeyContext = (organizationKeyId: string) =>
  `link-index-key:${organizationKeyId}`;

/**
 * The index key, opened with an organisation key a session holds; made (and sealed to it) the
 * first time it is needed, if that key is the organisation's current one. Null when the index key
 * is sealed to a version this key is not (the session signed in before a rotation).
 */
export async function openLinkIndexKey(key: OrganizationKeyPair): Promise<Buffer | null> {
  const row = await db.linkIndexKey.findUnique({
    where: { organizationId: key.organizationId },
    select: { organizationKeyId: true, sealedKey: true },
  });
  if (row) {
    if (row.organizationKeyId !== key.organizationKeyId) return null;
    return openSealedKey(row.sealedKey, key, linkIndexKeyContext(key.organizationKeyId));
  }
  const current = await findCurrentOrganizationKey(key.organizationId);
  if (current?.id !== key.organizationKeyId) return null;
  const indexKey = newKey();
  const sealedKey = await sealKey(
    indexKey,
    key.publicKey,
    linkIndexKeyContext(key.organizationKeyId),
  );
  try {
    await db.$transaction(async (tx) => {
      await tx.linkIndexKey.create({
        data: {
          organizationId: key.organizationId,
          organizationKeyId: key.organizationKeyId,
          sealedKey: bytes(sealedKey),
        },
        select: { id: true },
      });
      await recordAudit(
        {
          action: "links.indexKeyMade",
          actorKind: "SYSTEM",
          detail: { organizationId: key.organizationId, version: key.version },
        },
        tx,
      );
    });
  } catch (error) {
    // Another session made it at the same moment: theirs is the one.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return openLinkIndexKey(key);
    throw error;
  }
  return indexKey;
}

/** The blind index of one normalised identifier: HMAC-SHA256 over its kind and value. */
export function identifierDigest(indexKey: Uint8Array, identifier: Identifier) {
  return bytes(
    createHmac("sha256", indexKey)
      .update(`${identifier.kind}\0${identifier.value}`, "utf8")
      .digest(),
  );
}
