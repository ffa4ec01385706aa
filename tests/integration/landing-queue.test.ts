import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { postReporterMessage } from "@/lib/followup/messages";
import { getLandingQueue } from "@/lib/queue/landing-queue";
import { findOverdue } from "@/lib/deadlines/overdue";
import { acknowledgeReferral, listReferrals, type InboxView } from "@/lib/referrals/referrals";
import { routeReport } from "@/lib/referrals/route-report";
import { seedOrganizations } from "@/prisma/seed";
import { freshDatabaseAndEnvironment } from "../support/fresh-each-test";
import { organizationId, staffUser, storedReport } from "../support/case-data";
import { reporterKeyOf } from "../support/reporter-keys";
import { makeTestKeys, triageKeys } from "../support/test-keys";

// The dashboard's home: what waits for whom, with the clock moved past the deadlines. Each
// person's counts and first items come only from what their own lists would show.

freshDatabaseAndEnvironment();
beforeEach(async () => {
  await seedOrganizations(db as never);
  await makeTestKeys();
});

const hoursAfter = (from: Date, hours: number) => new Date(from.getTime() + hours * 3_600_000);

async function routed(reportId: string, slug: string, officerId: string) {
  const result = await routeReport({
    reportId,
    organizationIds: [await organizationId(slug)],
    keys: await triageKeys(),
    officerId,
  });
  if (result.status !== "routed") throw new Error(result.status);
  return result.referralIds[0]!;
}

describe("the landing queue", () => {
  it("shows each role only its own waiting work, most urgent first, then overdue", async () => {
    const triage = await staffUser("TRIAGE");
    const kljuc = await staffUser("ORG_STAFF", { organization: "kljuc" });
    const caritas = await staffUser("ORG_STAFF", { organization: "caritas" });
    const admin = await staffUser("ADMIN");

    const low = await storedReport("LOW");
    const critical = await storedReport("CRITICAL");
    const medium = await storedReport("MEDIUM");
    const high = await storedReport("HIGH");
    const lows = [await storedReport("LOW"), await storedReport("LOW"), await storedReport("LOW")];
    const forKljuc = await routed(medium.id, "kljuc", triage.id);
    const forCaritas = await routed(high.id, "caritas", triage.id);
    await db.report.update({ where: { id: low.id }, data: { assigneeId: triage.id } });
    expect(
      await postReporterMessage(
        medium.id,
        "Hello?",
        [],
        await organizationId("kljuc"),
        await reporterKeyOf(medium.receipt),
      ),
    ).toBe(true);
    // A day and an hour on: the critical report's first look (1 h) and both acknowledgements
    // (24 h) are late; the low ones' first look (72 h) is not.
    const now = hoursAfter(high.createdAt, 25);

    const forTriage = await getLandingQueue(triage, { now });
    expect(forTriage).toMatchObject({ kind: "triage", newCount: 5, overdueCount: 3, mineCount: 1 });
    if (forTriage.kind !== "triage") throw new Error(forTriage.kind);
    // Urgency first, then overdue; five at most, the counts cover the rest.
    expect(forTriage.first.map((row) => [row.id, row.overdue])).toEqual([
      [critical.id, true],
      [high.id, true],
      [medium.id, true],
      [low.id, false],
      [lows[0]!.id, false],
    ]);

    const kljucQueue = await getLandingQueue(kljuc, { now });
    expect(kljucQueue).toEqual({
      kind: "organization",
      unacknowledgedCount: 1,
      overdueCount: 1,
      unreadCount: 1,
      first: [
        expect.objectContaining({
          id: forKljuc,
          acknowledged: false,
          overdue: true,
          urgency: "MEDIUM",
          report: expect.objectContaining({ id: medium.id }),
        }),
      ],
    });
    // Caritas sees its own referral and nothing of Ključ's (not even the reporter's message).
    const caritasQueue = await getLandingQueue(caritas, { now });
    expect(caritasQueue).toMatchObject({
      kind: "organization",
      unacknowledgedCount: 1,
      overdueCount: 1,
      unreadCount: 0,
    });
    if (caritasQueue.kind !== "organization") throw new Error(caritasQueue.kind);
    expect(caritasQueue.first.map((row) => [row.id, row.report.id])).toEqual([
      [forCaritas, high.id],
    ]);

    // Administrators read no report: no counts, no items.
    expect(await getLandingQueue(admin, { now })).toEqual({ kind: "none" });
    // Organisation staff without an organisation see nothing rather than everything.
    expect(await getLandingQueue({ ...kljuc, organizationId: null }, { now })).toEqual({
      kind: "none",
    });

    // Acknowledged: nothing waits for Ključ any more but the reporter's unread message.
    expect(await acknowledgeReferral(forKljuc, kljuc)).toBe(true);
    expect(await getLandingQueue(kljuc, { now })).toEqual({
      kind: "organization",
      unacknowledgedCount: 0,
      overdueCount: 0,
      unreadCount: 1,
      first: [],
    });
    // The reporter's message has waited past the answer deadline (48 h): overdue again.
    const overdueAgain = await getLandingQueue(kljuc, { now: hoursAfter(now, 49) });
    expect(overdueAgain).toMatchObject({ overdueCount: 1, first: [{ id: forKljuc }] });
  });

  it("links each count to an inbox view listing exactly what it counts, naming who acknowledged", async () => {
    const triage = await staffUser("TRIAGE");
    const kljuc = await staffUser("ORG_STAFF", { organization: "kljuc", name: "Mojca Novak" });
    const caritas = await staffUser("ORG_STAFF", { organization: "caritas" });
    const reports = [
      await storedReport("MEDIUM"),
      await storedReport("HIGH"),
      await storedReport("LOW"),
    ];
    const [waiting, acknowledged, answered] = [
      await routed(reports[0]!.id, "kljuc", triage.id),
      await routed(reports[1]!.id, "kljuc", triage.id),
      await routed(reports[2]!.id, "kljuc", triage.id),
    ];
    expect(await acknowledgeReferral(acknowledged, kljuc)).toBe(true);
    expect(
      await postReporterMessage(
        reports[2]!.id,
        "Are you there?",
        [],
        await organizationId("kljuc"),
        await reporterKeyOf(reports[2]!.receipt),
      ),
    ).toBe(true);
    // A day and an hour on, the two referrals not acknowledged are late.
    const now = hoursAfter(new Date(), 25);
    const overdue = await findOverdue(kljuc, { now });
    const queue = await getLandingQueue(kljuc, { now });
    if (queue.kind !== "organization") throw new Error(queue.kind);
    const listed = async (view: InboxView) =>
      (await listReferrals(kljuc, { view, overdue })).map((referral) => referral.id).sort();

    expect(await listed("unacknowledged")).toEqual([waiting, answered].sort());
    expect(queue.unacknowledgedCount).toBe(2);
    expect(await listed("overdue")).toEqual([waiting, answered].sort());
    expect(queue.overdueCount).toBe(2);
    expect(await listed("unread")).toEqual([answered]);
    expect(queue.unreadCount).toBe(1);
    expect(await listed("all")).toEqual([waiting, acknowledged, answered].sort());

    const all = await listReferrals(kljuc);
    expect(all.find((referral) => referral.id === acknowledged)?.acknowledgedBy).toBe(
      "Mojca Novak",
    );
    expect(all.find((referral) => referral.id === waiting)?.acknowledgedBy).toBeNull();
    // A view narrows the caller's own referrals; Caritas's are empty whatever it asks.
    for (const view of ["all", "unacknowledged", "overdue", "unread"] as const)
      expect(await listReferrals(caritas, { view, overdue })).toEqual([]);
  });
});
