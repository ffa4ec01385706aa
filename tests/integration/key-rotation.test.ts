import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  findCurrentOrganizationKey,
  revokeOrganizationKeyGrant,
} from "@/lib/keys/organization-keys";
import { recoverOrganizationKey } from "@/lib/keys/recover-organization-key";
import { rotateOrganizationKey } from "@/lib/keys/rotate-organization-key";
import { freshDirectoryWithoutAnswerFloor } from "../support/fresh-each-test";
import { openKeysOf } from "../support/organization-keys";
import { createStaff, readStaffUser } from "../support/staff";
import { newReport, staffUser } from "../support/case-data";
import { triageKeys } from "../support/test-keys";
import { routeReport } from "@/lib/referrals/route-report";
import { getReportForStaff } from "@/lib/reports/get-report";
import { openContentKey } from "@/lib/reports/report-keys";

// Replacing an organisation's key (issue 15): after a colleague's access is taken away, a member
// holding the key makes the next version; the members who still hold it are granted the new one,
// the old key is deleted with every copy of it, and a new recovery key is shown once.

freshDirectoryWithoutAnswerFloor();

async function kljucTeam() {
  const maker = await createStaff("ORG_STAFF", { organization: "kljuc" });
  const colleague = await createStaff("ORG_STAFF", { organization: "kljuc" });
  const leaving = await createStaff("ORG_STAFF", { organization: "kljuc" });
  const key = await openKeysOf(maker);
  await openKeysOf(colleague);
  await openKeysOf(leaving);
  return { maker, colleague, leaving, key };
}

describe("replacing an organisation's key", () => {
  it("grants the new key to those who still hold the old one, and deletes the old one with every copy", async () => {
    const { maker, colleague, leaving, key } = await kljucTeam();
    expect(
      await revokeOrganizationKeyGrant(await readStaffUser(maker.userId), leaving.userId),
    ).toBe(true);
    const rotated = await rotateOrganizationKey(await readStaffUser(maker.userId), key);
    if (rotated.status !== "rotated") throw new Error(rotated.status);
    expect(rotated.key.version).toBe(key.version + 1);
    expect(rotated.key.publicKey.equals(key.publicKey)).toBe(false);

    const current = await findCurrentOrganizationKey(key.organizationId);
    expect(current?.id).toBe(rotated.key.organizationKeyId);
    expect(await db.organizationKey.count({ where: { id: key.organizationKeyId } })).toBe(0);
    expect(
      await db.organizationKeyGrant.count({ where: { organizationKeyId: key.organizationKeyId } }),
    ).toBe(0);

    // Both remaining members open the new key with their own passwords; the one who left cannot.
    for (const person of [maker, colleague]) {
      const opened = await openKeysOf(person);
      expect(opened.organizationKeyId).toBe(rotated.key.organizationKeyId);
      expect(opened.privateKey.equals(rotated.key.privateKey)).toBe(true);
    }
    expect(await db.organizationKeyGrant.count({ where: { userId: leaving.userId } })).toBe(0);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "keys.rotated" } });
    expect(audit.actorId).toBe(maker.userId);
  });

  it("makes a new recovery key: the old one opens nothing any more, the new one the new key", async () => {
    const { maker, colleague, key } = await kljucTeam();
    const first = await rotateOrganizationKey(await readStaffUser(maker.userId), key);
    if (first.status !== "rotated") throw new Error(first.status);
    const second = await rotateOrganizationKey(await readStaffUser(maker.userId), first.key);
    if (second.status !== "rotated") throw new Error(second.status);
    const person = await readStaffUser(colleague.userId);
    expect((await recoverOrganizationKey(person, first.recoveryKey)).status).toBe("wrongKey");
    const recovered = await recoverOrganizationKey(person, second.recoveryKey);
    expect(recovered.status).toBe("recovered");
    if (recovered.status === "recovered")
      expect(recovered.key.organizationKeyId).toBe(second.key.organizationKeyId);
  });

  it("happens once when two members replace the key at the same moment", async () => {
    const { maker, colleague, key } = await kljucTeam();
    const theirs = await openKeysOf(colleague);
    const outcomes = await Promise.all([
      rotateOrganizationKey(await readStaffUser(maker.userId), key),
      rotateOrganizationKey(await readStaffUser(colleague.userId), theirs),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["notCurrent", "rotated"]);
    expect(await db.organizationKey.count({ where: { organizationId: key.organizationId } })).toBe(
      1,
    );
  });

  it("is refused with a key that is no longer current, or by another organisation's member", async () => {
    const { maker, key } = await kljucTeam();
    const caritas = await createStaff("ORG_STAFF", { organization: "caritas" });
    expect((await rotateOrganizationKey(await readStaffUser(caritas.userId), key)).status).toBe(
      "notCurrent",
    );
    const rotated = await rotateOrganizationKey(await readStaffUser(maker.userId), key);
    expect(rotated.status).toBe("rotated");
    expect((await rotateOrganizationKey(await readStaffUser(maker.userId), key)).status).toBe(
      "notCurrent",
    );
  });

  it("seals every report again to the new key: it reads after rotation, and the old key opens nothing", async () => {
    const { maker, key } = await kljucTeam();
    const reportId = await newReport({ description: "Rotated report: the bakery cellar." });
    const routed = await routeReport({
      reportId,
      organizationIds: [key.organizationId],
      note: "Note for Ključ across the rotation.",
      officerId: (await staffUser("TRIAGE")).id,
      keys: await triageKeys(),
    });
    expect(routed.status).toBe("routed");
    const member = await readStaffUser(maker.userId);
    expect((await getReportForStaff(reportId, member, [key]))?.description).toBe(
      "Rotated report: the bakery cellar.",
    );

    const rotated = await rotateOrganizationKey(member, key);
    if (rotated.status !== "rotated") throw new Error(rotated.status);
    expect(rotated.resealed).toBe(1);
    const report = await getReportForStaff(reportId, member, [rotated.key]);
    expect(report?.sealed).toBe(false);
    expect(report?.description).toBe("Rotated report: the bakery cellar.");
    expect(report?.referrals[0]?.note).toBe("Note for Ključ across the rotation.");
    // The old key, as someone who copied it would hold it: it opens nothing, and is gone.
    expect(await openContentKey(reportId, [key])).toBeNull();
    expect((await getReportForStaff(reportId, member, [key]))?.sealed).toBe(true);
    expect(await db.organizationKey.count({ where: { id: key.organizationKeyId } })).toBe(0);
    expect(await db.reportKey.count({ where: { organizationKeyId: key.organizationKeyId } })).toBe(
      0,
    );
    // The police's copy was not touched.
    expect(await openContentKey(reportId, await triageKeys())).not.toBeNull();
  });
});
