import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getReporterView, postReporterMessage, postStaffMessage } from "@/lib/followup/messages";
import { reporterKeyPair } from "@/lib/followup/reporter-keys";
import { resolveReporterSession, signInWithReceipt } from "@/lib/followup/reporter-session";
import { openThreadKey, type ThreadPurpose } from "@/lib/followup/thread-keys";
import { rotateOrganizationKey } from "@/lib/keys/rotate-organization-key";
import { addReferralNote, listReferralNotes } from "@/lib/referrals/referral-notes";
import { routeReport } from "@/lib/referrals/route-report";
import { createReport } from "@/lib/reports/create-report";
import { getReportForStaff } from "@/lib/reports/get-report";
import { addNote } from "@/lib/reports/notes";
import { formatReceipt, generateReceipt } from "@/lib/reports/receipt";
import { resetDatabase, withPg } from "../support/database";
import { seedOrganizationIds, selfReportData, staffUser } from "../support/case-data";
import { reporterKeyOf } from "../support/reporter-keys";
import { keysOf, triageKeys } from "../support/test-keys";

// Sealed conversations and notes, on real PostgreSQL: what organisations write about a report is
// encrypted under a key of its thread (lib/followup/thread-keys.ts), sealed to the organisation's
// key and, for a conversation, to the reporter's key from the receipt. The server's secrets open
// none of it; another organisation's key opens none of it; the reporter opens their conversations
// and nothing else; and an organisation still reads its own after replacing its key.

let org: Record<string, string>;
let officer: StaffUser;
let kljuc: StaffUser;
let caritas: StaffUser;

const staff = (role: "TRIAGE" | "ORG_STAFF", slug?: string): Promise<StaffUser> =>
  staffUser(role, { organization: slug, name: `Name of ${role} ${slug ?? ""}`.trim() });

/** A report newly submitted, routed to Ključ and Caritas: its id and receipt. */
async function routedReport(organizations = ["kljuc", "caritas"]) {
  const created = await createReport({
    data: selfReportData,
    locale: "en",
    submissionId: randomUUID(),
  });
  if (created.status !== "created") throw new Error(created.status);
  const routed = await routeReport({
    reportId: created.reportId,
    organizationIds: organizations.map((slug) => org[slug]!),
    keys: await triageKeys(),
    officerId: officer.id,
  });
  if (routed.status !== "routed") throw new Error(routed.status);
  return { reportId: created.reportId, receipt: created.receipt, referralIds: routed.referralIds };
}

/** The routed report with a conversation in the police's, Ključ's and Caritas's threads, and notes. */
async function conversation() {
  const report = await routedReport();
  const { reportId } = report;
  const reporterKey = await reporterKeyOf(report.receipt);
  expect(await postStaffMessage(reportId, "Triage asks: where?", officer, await triageKeys())).toBe(
    true,
  );
  expect(
    await postStaffMessage(reportId, "Ključ asks: are you safe?", kljuc, await keysOf(kljuc)),
  ).toBe(true);
  expect(
    await postStaffMessage(reportId, "Caritas asks: shelter?", caritas, await keysOf(caritas)),
  ).toBe(true);
  expect(await postReporterMessage(reportId, "To triage: Celje.", [], undefined, reporterKey)).toBe(
    true,
  );
  expect(
    await postReporterMessage(reportId, "To Ključ: not safe.", [], org.kljuc, reporterKey),
  ).toBe(true);
  expect(await addNote(reportId, "Ključ internal", kljuc, await keysOf(kljuc))).toBe(true);
  expect(await addNote(reportId, "Police internal", officer, await triageKeys())).toBe(true);
  const { id: kljucReferral } = await db.referral.findFirstOrThrow({
    where: { reportId, organizationId: org.kljuc! },
    select: { id: true },
  });
  expect(
    await addReferralNote(kljucReferral, "Call after 18:00.", officer, await triageKeys()),
  ).toBe(true);
  return { ...report, reporterKey, kljucReferral };
}

const thread = (reportId: string, slug: string, purpose: ThreadPurpose) => ({
  reportId,
  organizationId: org[slug]!,
  purpose,
});

type ViewMessage = { fromReporter: boolean; body: string | null };
const threadBodies = (view: {
  threads: { organization: { slug: string }; messages: ViewMessage[] }[];
}) => view.threads.map((t) => [t.organization.slug, t.messages.map((m) => m.body)]);

beforeEach(async () => {
  await resetDatabase();
  org = await seedOrganizationIds();
  officer = await staff("TRIAGE");
  kljuc = await staff("ORG_STAFF", "kljuc");
  caritas = await staff("ORG_STAFF", "caritas");
});
afterAll(() => db.$disconnect());

describe("at rest", () => {
  it("every message and note of a new report is under its thread's key, never the server's", async () => {
    const { reportId } = await conversation();
    const stored = await withPg(async (c) => ({
      messages: (await c.query<{ body: string }>('SELECT body FROM "Message"')).rows,
      notes: (await c.query<{ body: string }>('SELECT body FROM "Note"')).rows,
    }));
    expect(stored.messages).toHaveLength(5);
    expect(stored.notes).toHaveLength(3);
    for (const { body } of [...stored.messages, ...stored.notes])
      expect(body.startsWith("v1.thread."), body.slice(0, 20)).toBe(true);
    const everything = JSON.stringify(stored);
    for (const text of ["are you safe", "not safe", "Celje", "internal", "18:00"])
      expect(everything).not.toContain(text);

    // Each thread's key is sealed to exactly its readers: a conversation to its organisation and
    // the reporter, internal notes to the organisation alone, referral notes to it and the police.
    const kljucKeyId = (await keysOf(kljuc))[0]!.organizationKeyId;
    const policeKeyId = (await triageKeys())[0]!.organizationKeyId;
    const recipients = async (slug: string, purpose: ThreadPurpose) =>
      (
        await db.threadKey.findMany({
          where: thread(reportId, slug, purpose),
          select: { recipient: true },
        })
      )
        .map((row) => row.recipient)
        .sort();
    expect(await recipients("kljuc", "messages")).toEqual([kljucKeyId, "reporter"].sort());
    expect(await recipients("kljuc", "notes")).toEqual([kljucKeyId]);
    expect(await recipients("kljuc", "referral")).toEqual([kljucKeyId, policeKeyId].sort());
    expect(await recipients("police", "notes")).toEqual([policeKeyId]);
  });
});

describe("who opens what", () => {
  it("Ključ's staff read Ključ's conversation and notes with their keys", async () => {
    const { reportId, kljucReferral } = await conversation();
    const view = await getReportForStaff(reportId, kljuc, await keysOf(kljuc));
    expect(view!.messages.map((m) => m.body)).toEqual([
      "Ključ asks: are you safe?",
      "To Ključ: not safe.",
    ]);
    expect(view!.notes.map((n) => n.body)).toEqual(["Ključ internal"]);
    const referralNotes = await listReferralNotes(reportId, kljuc, await keysOf(kljuc));
    expect(referralNotes.get(kljucReferral)?.map((n) => n.body)).toEqual(["Call after 18:00."]);
  });

  it("the reporter, with the key from the receipt, reads Ključ's and the police's conversations", async () => {
    const { reportId, reporterKey } = await conversation();
    expect(threadBodies(await getReporterView(reportId, "en", reporterKey))).toEqual([
      ["police", ["Triage asks: where?", "To triage: Celje."]],
      ["kljuc", ["Ključ asks: are you safe?", "To Ključ: not safe."]],
      ["caritas", ["Caritas asks: shelter?"]],
    ]);
  });

  it("a reporter signed in with the receipt holds that key in their session, which reads the same", async () => {
    const { reportId, receipt, reporterKey } = await conversation();
    const signedIn = await signInWithReceipt(formatReceipt(receipt));
    if (signedIn.status !== "ok") throw new Error(signedIn.status);
    const session = await resolveReporterSession(signedIn.token);
    expect(session?.reportId).toBe(reportId);
    expect(session?.reporterKey?.privateKey.equals(reporterKey.privateKey)).toBe(true);
    expect(threadBodies(await getReporterView(reportId, "en", session!.reporterKey))[1]).toEqual([
      "kljuc",
      ["Ključ asks: are you safe?", "To Ključ: not safe."],
    ]);
    // The session row keeps the key only wrapped under the cookie's token, which is not stored.
    const row = await withPg(async (c) =>
      JSON.stringify((await c.query('SELECT * FROM "ReporterSession"')).rows),
    );
    expect(row).not.toContain(reporterKey.privateKey.toString("hex"));
    expect(row).not.toContain(reporterKey.privateKey.toString("base64"));
  });

  it("without the reporter's key, the reporter's view has no message text", async () => {
    const { reportId } = await conversation();
    const view = await getReporterView(reportId, "en", null);
    // The messages are there (the reporter sees that someone wrote), their bodies are not.
    expect(view.threads.flatMap((t) => t.messages)).toHaveLength(5);
    expect(threadBodies(view)).toEqual([
      ["police", [null, null]],
      ["kljuc", [null, null]],
      ["caritas", [null]],
    ]);
    expect(JSON.stringify(view)).not.toMatch(/asks|Celje|not safe/);
  });

  it("Caritas's key opens none of Ključ's thread keys, nor does the police's", async () => {
    const { reportId } = await conversation();
    const kljucKeys = { organizationKeys: await keysOf(kljuc) };
    const caritasKeys = { organizationKeys: await keysOf(caritas) };
    const policeKeys = { organizationKeys: await triageKeys() };
    for (const purpose of ["messages", "notes"] as const) {
      // Ključ's own key opens them: the thread exists and the check below is not vacuous.
      expect(await openThreadKey(thread(reportId, "kljuc", purpose), kljucKeys)).not.toBeNull();
      expect(await openThreadKey(thread(reportId, "kljuc", purpose), caritasKeys)).toBeNull();
      // Triage reads Ključ's conversation's activity only, and none of its internal notes.
      expect(await openThreadKey(thread(reportId, "kljuc", purpose), policeKeys)).toBeNull();
    }
    // And the other way round: Ključ opens nothing of Caritas's or of the police's notes.
    expect(
      await openThreadKey(thread(reportId, "caritas", "messages"), caritasKeys),
    ).not.toBeNull();
    expect(await openThreadKey(thread(reportId, "caritas", "messages"), kljucKeys)).toBeNull();
    expect(await openThreadKey(thread(reportId, "police", "notes"), policeKeys)).not.toBeNull();
    expect(await openThreadKey(thread(reportId, "police", "notes"), kljucKeys)).toBeNull();
    // Caritas's staff, holding Caritas's key, see nothing of Ključ's thread nor its notes.
    const caritasView = await getReportForStaff(reportId, caritas, await keysOf(caritas));
    expect(JSON.stringify(caritasView)).not.toMatch(/Ključ asks|To Ključ|Ključ internal/);
  });

  it("the reporter's key opens their conversations, never an organisation's notes", async () => {
    const { reportId, reporterKey } = await conversation();
    const holder = { reporterKey };
    expect(await openThreadKey(thread(reportId, "kljuc", "messages"), holder)).not.toBeNull();
    expect(await openThreadKey(thread(reportId, "police", "messages"), holder)).not.toBeNull();
    expect(await openThreadKey(thread(reportId, "kljuc", "notes"), holder)).toBeNull();
    expect(await openThreadKey(thread(reportId, "police", "notes"), holder)).toBeNull();
    expect(await openThreadKey(thread(reportId, "kljuc", "referral"), holder)).toBeNull();
  });

  it("a reporter key derived from a wrong receipt opens nothing, and writes nothing", async () => {
    const { reportId, receipt, reporterKey } = await conversation();
    const { reporterKeySalt } = await db.report.findUniqueOrThrow({
      where: { id: reportId },
      select: { reporterKeySalt: true },
    });
    let other = generateReceipt();
    while (other === receipt) other = generateReceipt();
    // The right salt, the wrong receipt: what someone guessing codes against a dump would try.
    const wrong = await reporterKeyPair(other, reporterKeySalt!);
    expect(wrong.privateKey.equals(reporterKey.privateKey)).toBe(false);
    for (const slug of ["police", "kljuc", "caritas"]) {
      expect(
        await openThreadKey(thread(reportId, slug, "messages"), { reporterKey }),
      ).not.toBeNull();
      expect(
        await openThreadKey(thread(reportId, slug, "messages"), { reporterKey: wrong }),
      ).toBeNull();
    }
    const view = await getReporterView(reportId, "en", wrong);
    expect(view.threads.flatMap((t) => t.messages)).toHaveLength(5);
    expect(view.threads.flatMap((t) => t.messages).every((m) => m.body === null)).toBe(true);
    // Nor can a reporter without the right key write into a conversation that already has one.
    const before = await db.message.count({ where: { reportId } });
    expect(await postReporterMessage(reportId, "forged", [], org.kljuc, wrong)).toBe(false);
    expect(await postReporterMessage(reportId, "forged", [], undefined, wrong)).toBe(false);
    expect(await postReporterMessage(reportId, "keyless", [], org.kljuc, null)).toBe(false);
    expect(await db.message.count({ where: { reportId } })).toBe(before);
    // The right key still writes: the refusals above are about the key, not the thread.
    expect(await postReporterMessage(reportId, "again", [], org.kljuc, reporterKey)).toBe(true);
  });
});

describe("writing", () => {
  it("staff whose session holds no key of their organisation write neither a message nor a note", async () => {
    const { reportId } = await routedReport(["kljuc"]);
    // On a report with no thread yet: nothing is made without the key.
    expect(await postStaffMessage(reportId, "no key", kljuc, [])).toBe(false);
    expect(await addNote(reportId, "no key", kljuc, [])).toBe(false);
    // Another organisation's key is not Ključ's.
    expect(await postStaffMessage(reportId, "wrong key", kljuc, await keysOf(caritas))).toBe(false);
    expect(await addNote(reportId, "wrong key", kljuc, await keysOf(caritas))).toBe(false);
    expect(await postStaffMessage(reportId, "no key", officer, [])).toBe(false);
    expect(await addNote(reportId, "no key", officer, [])).toBe(false);
    expect(await db.message.count({ where: { reportId } })).toBe(0);
    expect(await db.note.count({ where: { reportId } })).toBe(0);

    // With the key, it writes; and once the thread exists, without it still nothing.
    expect(await postStaffMessage(reportId, "with key", kljuc, await keysOf(kljuc))).toBe(true);
    expect(await addNote(reportId, "with key", kljuc, await keysOf(kljuc))).toBe(true);
    expect(await postStaffMessage(reportId, "no key", kljuc, [])).toBe(false);
    expect(await addNote(reportId, "no key", kljuc, [])).toBe(false);
    expect(await postStaffMessage(reportId, "wrong key", kljuc, await keysOf(caritas))).toBe(false);
    expect(await db.message.count({ where: { reportId } })).toBe(1);
    expect(await db.note.count({ where: { reportId } })).toBe(1);
  });
});

describe("replacing an organisation's key", () => {
  it("Ključ still reads its conversation and notes with the new key, and the old key opens nothing", async () => {
    const { reportId, reporterKey } = await conversation();
    const [old] = await keysOf(kljuc);
    const rotated = await rotateOrganizationKey(kljuc, old!);
    if (rotated.status !== "rotated") throw new Error(rotated.status);

    const view = await getReportForStaff(reportId, kljuc, [rotated.key]);
    expect(view!.messages.map((m) => m.body)).toEqual([
      "Ključ asks: are you safe?",
      "To Ključ: not safe.",
    ]);
    expect(view!.notes.map((n) => n.body)).toEqual(["Ključ internal"]);
    for (const purpose of ["messages", "notes", "referral"] as const) {
      expect(
        await openThreadKey(thread(reportId, "kljuc", purpose), {
          organizationKeys: [rotated.key],
        }),
      ).not.toBeNull();
      // The old key, as someone who copied it would hold it.
      expect(
        await openThreadKey(thread(reportId, "kljuc", purpose), { organizationKeys: [old!] }),
      ).toBeNull();
    }
    // Writing goes on in the same thread, under the same key.
    expect(await postStaffMessage(reportId, "After rotation.", kljuc, [rotated.key])).toBe(true);
    expect(await addNote(reportId, "Noted after rotation.", kljuc, [rotated.key])).toBe(true);
    const after = await getReportForStaff(reportId, kljuc, [rotated.key]);
    expect(after!.messages.map((m) => m.body)).toContain("After rotation.");
    expect(after!.notes.map((n) => n.body)).toEqual(["Ključ internal", "Noted after rotation."]);
    // The reporter's copy and the other organisations' threads were not touched.
    expect(threadBodies(await getReporterView(reportId, "en", reporterKey))[1]).toEqual([
      "kljuc",
      ["Ključ asks: are you safe?", "To Ključ: not safe.", "After rotation."],
    ]);
    expect(
      await openThreadKey(thread(reportId, "caritas", "messages"), {
        organizationKeys: await keysOf(caritas),
      }),
    ).not.toBeNull();
  });
});

describe("first writers at once", () => {
  it("make one key per thread: every message of a burst from both sides opens with it", async () => {
    const { reportId, receipt } = await routedReport(["kljuc"]);
    const reporterKey = await reporterKeyOf(receipt);
    const kljucKeys = await keysOf(kljuc);
    const sent = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2
          ? postStaffMessage(reportId, `staff ${i}`, kljuc, kljucKeys)
          : postReporterMessage(reportId, `reporter ${i}`, [], org.kljuc, reporterKey),
      ),
    );
    expect(sent.every(Boolean)).toBe(true);
    // One key, sealed to Ključ and to the reporter: two copies, not one pair per writer.
    expect(await db.threadKey.count({ where: thread(reportId, "kljuc", "messages") })).toBe(2);
    const staffView = await getReportForStaff(reportId, kljuc, kljucKeys);
    expect(staffView!.messages.map((m) => m.body).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `${i % 2 ? "staff" : "reporter"} ${i}`).sort(),
    );
    const reporterView = await getReporterView(reportId, "en", reporterKey);
    expect(reporterView.messages.filter((m) => m.body === null)).toEqual([]);
  });
});
