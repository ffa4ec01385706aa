import "server-only";
import { after } from "next/server";
import { can } from "@/lib/auth/permissions";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { keyOrganizationIdOf } from "@/lib/keys/organization-keys";
import { heldKeysOfRequest } from "@/lib/keys/session-keys";
import { describeError, log } from "@/lib/log";
import { openLinkIndexKey } from "./index-key";
import { indexBatch, indexWaitingIdentifiers, type LinkKeys } from "./index-reports";

// The link keys of the calling triage session: the police keys in its vault (every version it
// opened, for identifiers sealed before a rotation) and the index key opened with the current one.

/**
 * Null unless the caller is a triage officer whose session holds the police's current key. The
 * keys are the request's (heldKeysOfRequest): the vault is opened once, shared with the report's
 * own content on the same page.
 */
export async function linkKeysOfSession(user: StaffUser): Promise<LinkKeys | null> {
  if (!can(user.role, "links.index")) return null;
  const police = await keyOrganizationIdOf(user);
  const organizationKeys = (await heldKeysOfRequest()).filter(
    (key) => key.organizationId === police,
  );
  for (const key of organizationKeys) {
    const indexKey = await openLinkIndexKey(key);
    if (indexKey) return { organizationKeys, indexKey };
  }
  return null;
}

/**
 * Indexes waiting identifiers on the way through a triage page: the report opened, or a batch of
 * the oldest waiting. Never fails the page: links appear on a later look instead.
 */
export async function indexWaitingInSession(
  user: StaffUser,
  options: { reportIds?: string[] } = {},
): Promise<void> {
  if (!can(user.role, "links.index")) return;
  try {
    const waiting = await db.waitingReportIdentifiers.findFirst({
      where: options.reportIds ? { reportId: { in: options.reportIds } } : {},
      select: { reportId: true },
    });
    if (!waiting) return;
    const keys = await linkKeysOfSession(user);
    if (keys) await indexWaitingIdentifiers(keys, options);
  } catch (error) {
    log.error("links.indexFailed", describeError(error));
  }
}

/**
 * On a triage officer's list or landing page: the oldest waiting reports (a batch) are indexed
 * after the page is sent, with the keys read now (request data is gone by then).
 */
export async function indexWaitingAfterResponse(user: StaffUser): Promise<void> {
  if (!can(user.role, "links.index")) return;
  try {
    if (!(await db.waitingReportIdentifiers.findFirst({ select: { reportId: true } }))) return;
    const keys = await linkKeysOfSession(user);
    if (!keys) return;
    after(async () => {
      try {
        await indexWaitingIdentifiers(keys, { take: indexBatch });
      } catch (error) {
        log.error("links.indexFailed", describeError(error));
      }
    });
  } catch (error) {
    log.error("links.indexFailed", describeError(error));
  }
}
