import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { idle } from "@/lib/actions/form-state";
import { db } from "@/lib/db";
import { resetDatabase } from "../support/database";
import {
  actors,
  createActors,
  createStaff,
  readStaffUser,
  type Actor,
  type TestStaff,
} from "../support/staff";
import { formData as form } from "../support/form-data";
import { newReport, newReportWithReceipt, seedOrganizationIds } from "../support/case-data";
import { actAs } from "../support/next-headers";
import { holdKeysInSession, openKeysOf } from "../support/organization-keys";
import { reporterKeyOf } from "../support/reporter-keys";
import { keysOf, triageKeys } from "../support/test-keys";

// Every staff server action against every kind of caller. The request is the only thing faked
// (next/headers hands the action the caller's real session cookie); sessions, permissions and
// the database are real. Pages are covered in tests/e2e/staff.spec.ts.

vi.mock("next/headers", () => import("../support/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next-intl/server", () => ({ getLocale: async () => "en" }));
vi.mock("next/navigation", () => import("../support/next-navigation"));

const {
  inviteStaffAction,
  disableStaffAction,
  enableStaffAction,
  resetSecondFactorAction,
  reissueSetupAction,
} = await import("@/app/[locale]/(staff)/dashboard/users/actions");
const { signOutEverywhereAction } = await import("@/app/[locale]/(staff)/dashboard/actions");
const {
  routeReportAction,
  changeStatusAction,
  addNoteAction,
  acknowledgeReferralAction,
  closeReferralAction,
  messageReporterAction,
  takeReportAction,
  releaseReportAction,
  takeReferralAction,
  releaseReferralAction,
  handOnReportAction,
  handOnReferralAction,
  addReferralNoteAction,
} = await import("@/app/[locale]/(staff)/dashboard/reports/actions");
const { updateOrganizationAction } =
  await import("@/app/[locale]/(staff)/dashboard/organizations/actions");
const { makeOrganizationKeysAction } =
  await import("@/app/[locale]/(staff)/dashboard/keys/actions");
const { decideLinkAction, addIdentifierAction, routeLinkedGroupAction } =
  await import("@/app/[locale]/(staff)/dashboard/reports/[id]/actions");
const { openLinkIndexKey } = await import("@/lib/links/index-key");
const { indexWaitingIdentifiers } = await import("@/lib/links/index-reports");
const { routeReport } = await import("@/lib/referrals/route-report");
const { postReporterMessage, postStaffMessage } = await import("@/lib/followup/messages");
const { getReportForStaff } = await import("@/lib/reports/get-report");

// The spec, written out by hand (not derived from lib/auth/permissions.ts, which it checks).
const allowed: Record<string, Actor[]> = {
  inviteStaff: ["admin"],
  disableStaff: ["admin"],
  enableStaff: ["admin"],
  resetSecondFactor: ["admin"],
  reissueSetup: ["admin"],
  routeReport: ["triage"],
  changeStatus: ["triage"],
  addNote: ["triage", "kljuc"],
  // A note on Ključ's referral: triage and Ključ; Caritas's id for it is not found.
  addReferralNote: ["triage", "kljuc"],
  acknowledgeReferral: ["kljuc"],
  closeReferral: ["kljuc"],
  // On a report routed to Ključ: triage writes in the police thread, Ključ in its own.
  messageReporter: ["triage", "kljuc"],
  // Triage holds reports; a referral is held by staff of the organisation it was routed to.
  // Releasing is tried after the same caller's own take: only who could take can release.
  takeReport: ["triage"],
  releaseReport: ["triage"],
  takeReferral: ["kljuc"],
  releaseReferral: ["kljuc"],
  // Handing on to oneself (taking over from nobody): only who may hold it, in scope.
  handOnReport: ["triage"],
  handOnReferral: ["kljuc"],
  updateOrganization: ["admin"],
  // Each member for their own organisation (triage: the police), once; never an administrator.
  makeOrganizationKeys: ["triage", "kljuc", "caritas"],
  // Linked reports: deciding a link and typing an identifier (which needs the index key, so a
  // triage session holding the police key) are triage's; routing a confirmed group is routing.
  decideLink: ["triage"],
  addIdentifier: ["triage"],
  routeLinkedGroup: ["triage"],
  // Last: it ends the caller's sessions.
  signOutEverywhere: ["admin", "triage", "kljuc", "caritas"],
};

let people: Record<Exclude<Actor, "signedOut">, TestStaff>;
let target: TestStaff;
/** The user id of whoever the current call is made as (a random id when signed out). */
let callerId: string;
let org: Record<string, string>;

const description = "Matrix test report text.";
const newReportId = () => newReport({ description, forms: ["notSure"], locale: "en" });

/** A fresh report routed to Ključ, for calls that act on a report or its referral. */
async function reportRoutedToKljuc(): Promise<{ reportId: string; referralId: string }> {
  const reportId = await newReport({ description, locale: "sl" });
  const routed = await routeReport({
    reportId,
    organizationIds: [org.kljuc!],
    keys: await triageKeys(),
    officerId: people.triage.userId,
  });
  if (routed.status !== "routed") throw new Error("not routed");
  return { reportId, referralId: routed.referralIds[0]! };
}

beforeAll(async () => {
  await resetDatabase();
  org = await seedOrganizationIds();
  people = await createActors();
  target = await createStaff("TRIAGE");
}, 120_000);

/** Two reports naming the same phone number, indexed: a possible link to decide. */
async function linkedPair(): Promise<[string, string]> {
  const ids = [
    await newReport({ description: "He called from 041 222 333 about the job.", locale: "sl" }),
    await newReport({ description: "The recruiter's number is +386 41 222 333.", locale: "sl" }),
  ];
  const police = await openKeysOf(people.triage);
  const indexKey = await openLinkIndexKey(police);
  await indexWaitingIdentifiers({ organizationKeys: [police], indexKey: indexKey! });
  return ids as [string, string];
}
afterAll(() => db.$disconnect());

const calls: Record<string, () => Promise<unknown>> = {
  inviteStaff: () =>
    inviteStaffAction(
      idle,
      form({
        email: `new-${Math.random().toString(36).slice(2)}@staff.test`,
        name: "New",
        placement: "TRIAGE",
        locale: "en",
      }),
    ),
  disableStaff: () => disableStaffAction(idle, form({ userId: target.userId })),
  enableStaff: () => enableStaffAction(idle, form({ userId: target.userId })),
  resetSecondFactor: () => resetSecondFactorAction(idle, form({ userId: target.userId })),
  reissueSetup: () => reissueSetupAction(idle, form({ userId: target.userId })),
  signOutEverywhere: () => signOutEverywhereAction(idle, form({})),
  routeReport: async () =>
    routeReportAction(idle, form({ reportId: await newReportId(), organizationIds: org.caritas! })),
  changeStatus: async () =>
    changeStatusAction(idle, form({ reportIds: await newReportId(), to: "IN_TRIAGE" })),
  addNote: async () =>
    addNoteAction(
      idle,
      form({ reportId: (await reportRoutedToKljuc()).reportId, body: "A note." }),
    ),
  acknowledgeReferral: async () =>
    acknowledgeReferralAction(idle, form({ referralId: (await reportRoutedToKljuc()).referralId })),
  closeReferral: async () =>
    closeReferralAction(
      idle,
      form({ referralId: (await reportRoutedToKljuc()).referralId, outcome: "NO_CONTACT" }),
    ),
  messageReporter: async () =>
    messageReporterAction(
      idle,
      form({ reportId: (await reportRoutedToKljuc()).reportId, body: "A question." }),
    ),
  takeReport: async () => takeReportAction(idle, form({ id: await newReportId() })),
  releaseReport: async () => {
    const id = await newReportId();
    await takeReportAction(idle, form({ id }));
    return releaseReportAction(idle, form({ id }));
  },
  takeReferral: async () =>
    takeReferralAction(idle, form({ id: (await reportRoutedToKljuc()).referralId })),
  releaseReferral: async () => {
    const id = (await reportRoutedToKljuc()).referralId;
    await takeReferralAction(idle, form({ id }));
    return releaseReferralAction(idle, form({ id }));
  },
  addReferralNote: async () =>
    addReferralNoteAction(
      idle,
      form({ referralId: (await reportRoutedToKljuc()).referralId, body: "Please call back." }),
    ),
  handOnReport: async () =>
    handOnReportAction(idle, form({ id: await newReportId(), to: callerId, expectedHolderId: "" })),
  handOnReferral: async () =>
    handOnReferralAction(
      idle,
      form({ id: (await reportRoutedToKljuc()).referralId, to: callerId, expectedHolderId: "" }),
    ),
  makeOrganizationKeys: () => makeOrganizationKeysAction(idle, form({})),
  decideLink: async () => {
    const [reportId, otherReportId] = await linkedPair();
    return decideLinkAction(idle, form({ reportId, otherReportId, decision: "DISMISSED" }));
  },
  addIdentifier: async () => {
    // The triage officer's session holds the police key, as after signing in through the page.
    if (callerId === people.triage.userId) await holdKeysInSession(people.triage);
    return addIdentifierAction(idle, form({ reportId: await newReportId(), text: "041 555 666" }));
  },
  routeLinkedGroup: async () =>
    routeLinkedGroupAction(
      idle,
      form({ reportId: await newReportId(), organizationIds: org.caritas! }),
    ),
  updateOrganization: () =>
    updateOrganizationAction(
      idle,
      form({
        id: org.filantropija!,
        nameSl: "Slovenska filantropija",
        nameEn: "Slovene Philanthropy",
        nameUk: "Словенська філантропія",
        phones: "+386 1 430 12 88; office",
      }),
    ),
};

// "allowed" means the action did its work; a refusal of any kind (no permission, or outside the
// caller's organisation, which answers "not found") counts as denied.
async function outcome(call: () => Promise<unknown>): Promise<"allowed" | "denied"> {
  try {
    const result = (await call()) as { status: string; error?: string };
    // Organisation keys the test set-up made already: past every check, the action finds them.
    if (
      result.status === "refused" &&
      result.error === "conflict" &&
      call === calls.makeOrganizationKeys
    )
      return "allowed";
    return result.status === "done" ? "allowed" : "denied";
  } catch (error) {
    // A redirect after success (signing out everywhere) means the action ran.
    if ((error as Error).message === "NEXT_REDIRECT") return "allowed";
    throw error;
  }
}

describe("authorization matrix: staff server actions", () => {
  for (const [action, allowedActors] of Object.entries(allowed)) {
    for (const actor of actors) {
      const expected = allowedActors.includes(actor) ? "allowed" : "denied";
      it(`${action} by ${actor}: ${expected}`, async () => {
        // Sign-out everywhere ends the caller's sessions: give each such call a fresh session.
        const person = actor === "signedOut" ? undefined : people[actor];
        if (person && action === "signOutEverywhere" && actor !== "withoutSecondFactor") {
          const { signInWithCode } = await import("../support/staff");
          person.headers = await signInWithCode(person.email, person.totp());
        }
        actAs(person ? person.headers : new Headers());
        callerId = person?.userId ?? crypto.randomUUID();
        expect(await outcome(calls[action]!)).toBe(expected);
      });
    }
  }

  it("a denied call changes nothing", async () => {
    const before = await db.user.findUniqueOrThrow({ where: { id: target.userId } });
    actAs(people.triage.headers);
    await disableStaffAction(idle, form({ userId: target.userId }));
    actAs(new Headers());
    await resetSecondFactorAction(idle, form({ userId: target.userId }));
    const after = await db.user.findUniqueOrThrow({ where: { id: target.userId } });
    expect(after.disabled).toBe(before.disabled);
    expect(after.twoFactorEnabled).toBe(before.twoFactorEnabled);
  });
});

// Threads per organisation (lib/followup/threads.ts), on a report routed to Ključ and Caritas with
// a conversation in every thread: whose messages each caller reads, and whose thread's activity
// they see. Triage reads the police thread and sees the others' activity only (the decision is
// written beside the rule in lib/auth/permissions.ts); administrators read no thread.
type Reader = "admin" | "triage" | "kljuc" | "caritas";
const threadCells: Record<Reader, { reads: string[]; sees: string[] }> = {
  admin: { reads: [], sees: [] },
  triage: { reads: ["police"], sees: ["police", "kljuc", "caritas"] },
  kljuc: { reads: ["kljuc"], sees: ["kljuc"] },
  caritas: { reads: ["caritas"], sees: ["caritas"] },
};

const staffUser = (actor: Reader) => readStaffUser(people[actor].userId);

describe("authorization matrix: threads per organisation", () => {
  let reportId: string;
  const slugOf = (id: string) => Object.entries(org).find(([, value]) => value === id)?.[0];

  beforeAll(async () => {
    const created = await newReportWithReceipt({ description, forms: ["notSure"], locale: "en" });
    reportId = created.reportId;
    const reporterKey = await reporterKeyOf(created.receipt);
    await routeReport({
      reportId,
      organizationIds: [org.kljuc!, org.caritas!],
      keys: await triageKeys(),
      officerId: people.triage.userId,
    });
    for (const slug of ["police", "kljuc", "caritas"]) {
      expect(await postReporterMessage(reportId, `to ${slug}`, [], org[slug], reporterKey)).toBe(
        true,
      );
    }
    // Written through the data function: the sessions may have been ended by the matrix above.
    for (const writer of ["triage", "kljuc", "caritas"] as const) {
      const user = await staffUser(writer);
      expect(await postStaffMessage(reportId, `from ${writer}`, user, await keysOf(user))).toBe(
        true,
      );
    }
  });

  for (const [reader, cell] of Object.entries(threadCells) as [
    Reader,
    (typeof threadCells)[Reader],
  ][]) {
    it(`${reader} reads ${cell.reads.join(", ") || "no thread"}; sees ${cell.sees.join(", ") || "none"}`, async () => {
      // A caller who cannot open the report at all reads and sees no thread either.
      const view = await getReportForStaff(
        reportId,
        await staffUser(reader),
        await keysOf(await staffUser(reader)),
      );
      const messages = view?.messages ?? [];
      const threads = view?.threads ?? [];
      const read = [...new Set(messages.map((m) => slugOf(m.organizationId)))].sort();
      expect(read).toEqual([...cell.reads].sort());
      // Each thread read whole: the reporter's message in it and its staff answer.
      expect(messages).toHaveLength(cell.reads.length * 2);
      expect(threads.map((t) => t.organization.slug)).toEqual(cell.sees);
      expect(threads.filter((t) => t.readable).map((t) => t.organization.slug)).toEqual(cell.reads);
    });
  }
});
