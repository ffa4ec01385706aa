import { randomBytes, randomUUID } from "node:crypto";
import exifr from "exifr";
import sharp from "sharp";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { idle } from "@/lib/actions/form-state";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { seedOrganizations } from "@/prisma/seed";
import { resetDatabase, withPg } from "../support/database";
import { cleanPdf, largePdf } from "../support/pdfs";
import { staffUser } from "../support/case-data";
import { formData as form, postedAnswers } from "../support/form-data";
import { holdSessionCookie, newVisitor } from "../support/reporter-request";
import { waitingLookupId } from "@/lib/attachments/waiting-key";
import { makeLegacy } from "../support/legacy-reports";
import { keysOf, makeTestKeys, triageKeys } from "../support/test-keys";

// The reporter's session cookie is the one thing faked: the actions, the files, the scope and the
// database are real.
vi.mock("next/headers", () => import("../support/reporter-request"));
vi.mock("next-intl/server", () => ({ getLocale: async () => "uk" }));
vi.mock("next/navigation", () => import("../support/next-navigation"));

const { submitReportAction } = await import("@/app/[locale]/(public)/report/actions");
const { replyAction } = await import("@/app/[locale]/(public)/follow-up/actions");
const { getAttachmentForStaff, listReportFiles } = await import("@/lib/attachments/store");
const { signInWithReceipt } = await import("@/lib/followup/reporter-session");
const { routeReport } = await import("@/lib/referrals/route-report");
const { rotateDataKeys } = await import("@/lib/crypto/rotate-keys");
const { purgeExpiredReports } = await import("@/lib/retention/purge-reports");
const { getReportForStaff } = await import("@/lib/reports/get-report");

const answers = {
  ...postedAnswers,
  locale: "uk",
  description: "На фермі біля Птуя людей змушують працювати без оплати.",
  contactChoice: "anonymous",
};

const gpsPhoto = () =>
  sharp({ create: { width: 80, height: 60, channels: 3, background: "#446688" } })
    .jpeg()
    .withExif({
      IFD0: { Make: "TestPhone" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "46/1 25/1 0/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "15/1 52/1 0/1",
      },
    })
    .toBuffer();

async function submit(fields: Record<string, string | string[]>, files: File[] = []) {
  const submissionId = fields.submissionId as string;
  return submitReportAction({ status: "idle", submissionId }, form(fields, files));
}

const staff = (role: "TRIAGE" | "ORG_STAFF" | "ADMIN", slug?: string): Promise<StaffUser> =>
  staffUser(role, { organization: slug, name: "Handler", locale: "sl" });

async function reportWithPhoto() {
  const submissionId = randomUUID();
  const state = await submit({ ...answers, submissionId }, [
    new File([new Uint8Array(await gpsPhoto())], "ферма.jpg", { type: "image/jpeg" }),
  ]);
  if (state.status !== "done") throw new Error(`not stored: ${state.status}`);
  const report = await db.report.findFirstOrThrow({
    where: { submissionId },
    select: { id: true },
  });
  return { reportId: report.id, receipt: state.data.receipt };
}

beforeEach(async () => {
  await resetDatabase();
  await seedOrganizations(db);
  await makeTestKeys();
  newVisitor();
});
afterAll(() => db.$disconnect());

describe("files with the first report", () => {
  it("are kept under the form's id while it is sent back for corrections, then join the report once", async () => {
    const submissionId = randomUUID();
    const photo = new File([new Uint8Array(await gpsPhoto())], "oglas.jpg", { type: "image/jpeg" });
    const renamed = new File(["<script>alert(1)</script>"], "slika.jpg", { type: "image/jpeg" });

    const first = await submit({ ...answers, description: "", submissionId }, [photo, renamed]);
    expect(first).toMatchObject({ status: "refused", error: "invalid" });
    if (first.status !== "refused") return;
    expect(first.fieldErrors.description).toBe("description.required");
    expect(first.files.error).toBe("fileType");
    expect(first.files.kept.map((file) => [file.name, file.kind, file.metadataRemoved])).toEqual([
      ["oglas.jpg", "image", true],
    ]);
    expect(first.values.region).toBe("podravska");

    // A second post with another file: both are kept, the count includes the first.
    const pdf = new File([new Uint8Array(await cleanPdf())], "potrdilo.pdf", {
      type: "application/pdf",
    });
    const second = await submit({ ...answers, description: "", submissionId }, [pdf]);
    if (second.status !== "refused") throw new Error(second.status);
    expect(second.files.kept.map((file) => file.name)).toEqual(["oglas.jpg", "potrdilo.pdf"]);

    // The reporter unticks the PDF and sends the corrected form: the photo joins the report.
    // (The page lists the kept files in hidden fields, as it does here.)
    const pdfId = second.files.kept[1]!.id;
    const listed = second.files.kept.map((file) => JSON.stringify(file));
    const done = await submit({
      ...answers,
      submissionId,
      keptAttachment: listed,
      removeAttachment: pdfId,
    });
    expect(done.status).toBe("done");
    const report = await db.report.findFirstOrThrow({
      where: { submissionId },
      select: { id: true },
    });
    expect((await listReportFiles(report.id, await triageKeys())).map((file) => file.name)).toEqual(
      ["oglas.jpg"],
    );
    expect(await db.attachment.count()).toBe(1);
    expect(await db.attachment.count({ where: { pendingSubmissionId: { not: null } } })).toBe(0);

    // Sending the same form again stores nothing, files or not.
    expect(await submit({ ...answers, submissionId }, [photo])).toMatchObject({
      status: "refused",
      error: "conflict",
    });
    expect(await db.attachment.count()).toBe(1);
  });

  it("another form cannot remove or claim the waiting files of this one", async () => {
    const mine = randomUUID();
    const state = await submit({ ...answers, description: "", submissionId: mine }, [
      new File([new Uint8Array(await gpsPhoto())], "a.jpg"),
    ]);
    if (state.status !== "refused") throw new Error(state.status);
    const fileId = state.files.kept[0]!.id;
    const other = randomUUID();
    expect(
      (await submit({ ...answers, submissionId: other, removeAttachment: fileId })).status,
    ).toBe("done");
    const otherReport = await db.report.findFirstOrThrow({
      where: { submissionId: other },
      select: { id: true },
    });
    expect(await listReportFiles(otherReport.id, await triageKeys())).toEqual([]);
    expect(
      await db.attachment.count({
        where: { id: fileId, pendingSubmissionId: waitingLookupId(mine) },
      }),
    ).toBe(1);
  });

  it("refuses too many files without reading them, keeping everything typed", async () => {
    const submissionId = randomUUID();
    const onePdf = new Uint8Array(await cleanPdf());
    const six = Array.from({ length: 6 }, (_, i) => new File([onePdf], `${i}.pdf`));
    const state = await submit({ ...answers, submissionId }, six);
    if (state.status !== "refused") throw new Error(state.status);
    expect(state.files.error).toBe("tooManyFiles");
    expect(state.values.description).toBe(answers.description);
    expect(await db.report.count()).toBe(0);
    expect(await db.attachment.count()).toBe(0);
  });

  it("charge the shared file budget only for files that will be stored; when it is spent the report's text is still taken", async () => {
    const { rateLimiter } = await import("@/lib/security/rate-limit");
    const saved = process.env.RATE_LIMIT_GLOBAL_UPLOAD_MB_PER_HOUR;
    try {
      process.env.RATE_LIMIT_GLOBAL_UPLOAD_MB_PER_HOUR = "1";
      // Junk files, on valid and on invalid forms: refused, and nothing charged (no bucket at all).
      const junk = () =>
        new File([Buffer.concat([Buffer.from("MZ\u0090\u0000"), randomBytes(4096)])], "photo.jpg");
      for (let i = 0; i < 5; i++)
        expect(await submit({ ...answers, submissionId: randomUUID() }, [junk()])).toMatchObject({
          status: "refused",
          error: "invalid",
        });
      for (let i = 0; i < 5; i++)
        expect(
          await submit({ ...answers, description: "", submissionId: randomUUID() }, [junk()]),
        ).toMatchObject({ status: "refused", error: "invalid" });
      expect(
        await withPg(
          async (c) =>
            (await c.query('SELECT count(*)::int AS n FROM "RateLimitBucket"')).rows[0].n,
        ),
      ).toBe(0);

      // Someone spends the whole megabyte; then a genuine report with a photo arrives.
      expect(
        (
          await rateLimiter.take([
            { scope: "attachments:global", id: "", perHour: 1024, cost: 1024 },
          ])
        ).allowed,
      ).toBe(true);
      const submissionId = randomUUID();
      const state = await submit({ ...answers, submissionId }, [
        new File([new Uint8Array(await gpsPhoto())], "ферма.jpg"),
      ]);
      expect(state).toMatchObject({ status: "done", data: { filesLater: true } });
      const stored = await db.report.findFirstOrThrow({
        where: { submissionId },
        select: { id: true },
      });
      expect(await listReportFiles(stored.id, await triageKeys())).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.RATE_LIMIT_GLOBAL_UPLOAD_MB_PER_HOUR;
      else process.env.RATE_LIMIT_GLOBAL_UPLOAD_MB_PER_HOUR = saved;
    }
  });

  it("stores the content encrypted and bound to its row: nothing of the photo is readable in the table", async () => {
    const { reportId } = await reportWithPhoto();
    const rows = await withPg(
      async (c) =>
        (await c.query('SELECT id, content, "fileName", "keyId" FROM "Attachment"')).rows,
    );
    expect(rows).toHaveLength(1);
    const row = rows[0] as { id: string; content: Buffer; fileName: string; keyId: string };
    expect(row.content.includes(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    expect(row.fileName).not.toContain("ферма");
    // Under the report's own content key, which only the organisations holding it open.
    expect(row.keyId).toBe("report");

    // Copied onto another row, the content no longer decrypts (the associated data names the row).
    const triage = await staff("TRIAGE");
    const other = await reportWithPhoto();
    const otherFile = (await listReportFiles(other.reportId, await triageKeys()))[0]!;
    await withPg((c) =>
      c.query('UPDATE "Attachment" SET content = $1 WHERE id = $2', [row.content, otherFile.id]),
    );
    await expect(
      getAttachmentForStaff(otherFile.id, triage, { keys: await keysOf(triage) }),
    ).rejects.toThrow();
    expect(
      (await getAttachmentForStaff(row.id, triage, { keys: await keysOf(triage) }))?.fileName,
    ).toBe("ферма.jpg");
    expect(reportId).toBeDefined();
  });
});

describe("who can download a file", () => {
  it("triage and the organisations the report was routed to; not an administrator, not another organisation, nor a report's other files by id", async () => {
    const { reportId } = await reportWithPhoto();
    const [triage, admin, kljuc, caritas] = [
      await staff("TRIAGE"),
      await staff("ADMIN"),
      await staff("ORG_STAFF", "kljuc"),
      await staff("ORG_STAFF", "caritas"),
    ];
    const kljucId = (await db.organization.findUniqueOrThrow({ where: { slug: "kljuc" } })).id;
    const [file] = await listReportFiles(reportId, await triageKeys());

    // Before routing, Ključ has no business with it either.
    expect(await getAttachmentForStaff(file!.id, kljuc, { keys: await keysOf(kljuc) })).toBeNull();
    await routeReport({
      reportId,
      organizationIds: [kljucId],
      keys: await triageKeys(),
      officerId: triage.id,
    });

    for (const allowed of [triage, kljuc]) {
      const got = await getAttachmentForStaff(file!.id, allowed, { keys: await keysOf(allowed) });
      if (!got || got.sealed) throw new Error("file not readable");
      expect(got.mediaType).toBe("image/jpeg");
      expect(await exifr.gps(got.bytes)).toBeUndefined();
    }
    expect(
      await getAttachmentForStaff(file!.id, caritas, { keys: await keysOf(caritas) }),
    ).toBeNull();
    // Administrators manage accounts, not cases (least privilege): no file, no report.
    expect(await getAttachmentForStaff(file!.id, admin, { keys: await keysOf(admin) })).toBeNull();
    expect(await getReportForStaff(reportId, admin, await keysOf(admin))).toBeNull();
    // Nor can Caritas see the thread or the list of files.
    expect(await getReportForStaff(reportId, caritas, await keysOf(caritas))).toBeNull();

    // Every download is in the audit log, without the file's name.
    const audit = await db.auditEvent.findMany({
      where: { action: "attachment.downloaded" },
      select: { actorId: true, detail: true },
    });
    expect(audit.map((event) => event.actorId).sort()).toEqual([triage.id, kljuc.id].sort());
    expect(JSON.stringify(audit)).not.toContain("ферма");
  });

  it("a file still waiting for its form is nobody's to download", async () => {
    const submissionId = randomUUID();
    const state = await submit({ ...answers, description: "", submissionId }, [
      new File([new Uint8Array(await gpsPhoto())], "a.jpg"),
    ]);
    if (state.status !== "refused") throw new Error(state.status);
    expect(
      await getAttachmentForStaff(state.files.kept[0]!.id, await staff("TRIAGE"), {
        keys: await keysOf(await staff("TRIAGE")),
      }),
    ).toBeNull();
  });
});

describe("files with a reply", () => {
  it("go with the message, to that reporter's report only; a reply may be files alone", async () => {
    const a = await reportWithPhoto();
    const b = await reportWithPhoto();
    const session = await signInWithReceipt(a.receipt);
    if (session.status !== "ok") throw new Error(session.status);
    holdSessionCookie(session.token);

    const pdf = new File([new Uint8Array(await cleanPdf({ author: "Olena" }))], "договір.pdf");
    // The form cannot choose the report: the session decides.
    await expect(
      replyAction(idle, form({ body: "", reportId: b.reportId }, [pdf])),
    ).rejects.toMatchObject({ url: "/uk/follow-up?sent=1" });
    const filesA = await listReportFiles(a.reportId, await triageKeys());
    expect(
      filesA.map((file) => [file.name, file.kind, file.metadataRemoved, file.messageId !== null]),
    ).toEqual([
      ["ферма.jpg", "image", true, false],
      ["договір.pdf", "pdf", false, true],
    ]);
    expect(await listReportFiles(b.reportId, await triageKeys())).toHaveLength(1);

    // Neither text nor files: asked for one or the other. A renamed file: refused, text kept.
    expect(await replyAction(idle, form({ body: "  " }))).toMatchObject({
      status: "refused",
      error: "invalid",
      fieldErrors: { body: "replyRequired" },
    });
    const renamed = await replyAction(
      idle,
      form({ body: "see photo" }, [new File(["MZ\u0090\u0000"], "photo.jpg")]),
    );
    expect(renamed).toMatchObject({
      fileError: "fileType",
      values: { body: "see photo" },
      filesNotKept: true,
    });
  });

  it("stop at the hourly budget of megabytes for everyone together: the text is still sent, and the reporter told", async () => {
    const { reportId, receipt } = await reportWithPhoto();
    const session = await signInWithReceipt(receipt);
    if (session.status !== "ok") throw new Error(session.status);
    holdSessionCookie(session.token);
    const scan = new Uint8Array(await largePdf(2.5 * 1024 * 1024));
    const pdf = (name: string) => new File([scan], name);
    const saved = process.env.RATE_LIMIT_GLOBAL_UPLOAD_MB_PER_HOUR;
    try {
      // 3 MB an hour: one file of 2.5 MB fits, a second does not.
      process.env.RATE_LIMIT_GLOBAL_UPLOAD_MB_PER_HOUR = "3";
      await expect(
        replyAction(idle, form({ body: "first" }, [pdf("a.pdf")])),
      ).rejects.toMatchObject({ url: "/uk/follow-up?sent=1" });
      await expect(
        replyAction(idle, form({ body: "second" }, [pdf("b.pdf")])),
      ).rejects.toMatchObject({ url: "/uk/follow-up?sent=filesLater" });
      // Files alone, and no room for them: nothing to send, the reporter is told.
      expect(await replyAction(idle, form({ body: "" }, [pdf("c.pdf")]))).toMatchObject({
        fileError: "uploadsLimited",
        filesNotKept: true,
      });
      // Text alone is not held back by the file budget.
      await expect(replyAction(idle, form({ body: "third, no file" }))).rejects.toMatchObject({
        url: "/uk/follow-up?sent=1",
      });
      expect(await db.message.count({ where: { reportId, fromReporter: true } })).toBe(3);
      expect(
        (await listReportFiles(reportId, await triageKeys())).map((file) => file.name),
      ).toEqual(["ферма.jpg", "a.pdf"]);
    } finally {
      if (saved === undefined) delete process.env.RATE_LIMIT_GLOBAL_UPLOAD_MB_PER_HOUR;
      else process.env.RATE_LIMIT_GLOBAL_UPLOAD_MB_PER_HOUR = saved;
    }
  });

  it("stop at the per-report limit, with the text kept", async () => {
    const { reportId, receipt } = await reportWithPhoto();
    const session = await signInWithReceipt(receipt);
    if (session.status !== "ok") throw new Error(session.status);
    holdSessionCookie(session.token);
    // Fill the report up to its limit directly (30 files), then try one more through the action.
    const { attachmentRows } = await import("@/lib/attachments/store");
    const onePdf = await cleanPdf();
    const filler = Array.from({ length: 29 }, () => ({
      fileName: "x.pdf",
      mediaType: "application/pdf",
      bytes: onePdf,
      metadataRemoved: false,
    }));
    await db.attachment.createMany({ data: attachmentRows(filler, { reportId }) });
    const state = await replyAction(
      idle,
      form({ body: "one more" }, [new File([new Uint8Array(onePdf)], "more.pdf")]),
    );
    expect(state).toMatchObject({ fileError: "reportFull", values: { body: "one more" } });
    expect(await db.attachment.count({ where: { reportId } })).toBe(30);
  });
});

describe("rotation and retention", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("key rotation re-encrypts every file and its name; they read the same under the new key alone", async () => {
    const { reportId } = await reportWithPhoto();
    // A file stored before sealed reports; a sealed report's files are not the server's to rotate.
    await makeLegacy(reportId);
    const sealed = await reportWithPhoto();
    const triage = await staff("TRIAGE");
    const before = (await getAttachmentForStaff(
      (await listReportFiles(reportId, await triageKeys()))[0]!.id,
      triage,
      { keys: await keysOf(triage) },
    ))!;
    const oldKey = process.env.DATA_ENCRYPTION_KEY!;
    process.env.DATA_ENCRYPTION_KEY = `next:${randomBytes(32).toString("base64")}`;
    process.env.DATA_ENCRYPTION_PREVIOUS_KEYS = oldKey;
    expect(await rotateDataKeys()).toMatchObject({ remaining: 0 });
    expect(await db.attachment.count({ where: { keyId: { not: "next" } } })).toBe(1);
    expect(
      await db.attachment.count({ where: { reportId: sealed.reportId, keyId: "report" } }),
    ).toBe(1);
    delete process.env.DATA_ENCRYPTION_PREVIOUS_KEYS;
    const after = (await getAttachmentForStaff(
      (await listReportFiles(reportId, await triageKeys()))[0]!.id,
      triage,
      { keys: await keysOf(triage) },
    ))!;
    expect(after.fileName).toBe(before.fileName);
    if (after.sealed || before.sealed) throw new Error("file not readable");
    expect(after.bytes.equals(before.bytes)).toBe(true);
  });

  it("files go with their purged report, and files of a form never sent go after a day", async () => {
    const { reportId } = await reportWithPhoto();
    const waiting = await submit({ ...answers, description: "", submissionId: randomUUID() }, [
      new File([new Uint8Array(await gpsPhoto())], "w.jpg"),
    ]);
    expect(waiting).toMatchObject({ status: "refused", error: "invalid" });
    await db.report.update({
      where: { id: reportId },
      data: { status: "CLOSED", closedAt: new Date(Date.now() - 200 * 86_400_000) },
    });

    expect(await purgeExpiredReports({ now: new Date(Date.now() + 60 * 60 * 1000) })).toEqual({
      purged: 1,
      batches: 1,
      abandonedFiles: 0,
    });
    expect(await db.attachment.count({ where: { reportId: { not: null } } })).toBe(0);
    expect(await db.attachment.count()).toBe(1);
    expect(
      await purgeExpiredReports({ now: new Date(Date.now() + 25 * 60 * 60 * 1000) }),
    ).toMatchObject({ abandonedFiles: 1 });
    expect(await db.attachment.count()).toBe(0);
  });
});
