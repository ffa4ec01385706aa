import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { createTranslator } from "next-intl";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { StaffUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { seedOrganizations } from "@/prisma/seed";
import { resetDatabase, withPg } from "../support/database";
import { cleanPdf, embeddedFilePdf, javascriptPdf } from "../support/pdfs";
import { staffUser } from "../support/case-data";
import { formData, postedAnswers } from "../support/form-data";
import { keysOf, makeTestKeys, triageKeys } from "../support/test-keys";

// PDFs from upload to the staff download: the parser's findings stored with the file, the safe
// copy drawn by the real pdftoppm, the original byte for byte, the scope and the audit. Faked: the
// request context (headers, cookies, locale) and who is signed in; the rest is real.
const messages = (locale: string) =>
  JSON.parse(readFileSync(path.resolve("messages", `${locale}.json`), "utf8"));
let signedIn: StaffUser | null = null;
vi.mock("next/headers", () => import("../support/reporter-request"));
vi.mock("next-intl/server", () => ({
  getLocale: async () => "sl",
  getTranslations: async ({ locale, namespace }: { locale: string; namespace: string }) =>
    createTranslator({
      locale: locale as "sl",
      messages: messages(locale),
      namespace: namespace as never,
    }),
}));
vi.mock("next/navigation", () => import("../support/next-navigation"));
// The keys the signed-in caller's session holds: their organisation's (tests/support/test-keys.ts).
vi.mock("@/lib/keys/session-keys", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/keys/session-keys")>()),
  heldKeysOfRequest: async () => (signedIn ? keysOf(signedIn) : []),
}));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  authorize: async () => signedIn,
}));

const { submitReportAction } = await import("@/app/[locale]/(public)/report/actions");
const { GET } = await import("@/app/[locale]/(staff)/dashboard/files/[id]/route");
const { listReportFiles } = await import("@/lib/attachments/store");
const { inspectPdf } = await import("@/lib/attachments/pdf-inspect");
const { routeReport } = await import("@/lib/referrals/route-report");

const answers = {
  ...postedAnswers,
  locale: "sl",
  description: "Na kmetiji pri Ptuju ljudje delajo brez plačila.",
  contactChoice: "anonymous",
};

async function submit(files: File[], fields: Record<string, string> = {}) {
  const submissionId = randomUUID();
  const data = formData({ ...answers, ...fields, submissionId }, files);
  return { submissionId, state: await submitReportAction({ status: "idle", submissionId }, data) };
}

async function reportWithPdf(bytes: Buffer, name = "pogodba.pdf") {
  const { submissionId, state } = await submit([
    new File([new Uint8Array(bytes)], name, { type: "application/pdf" }),
  ]);
  if (state.status !== "done") throw new Error(`not stored: ${state.status}`);
  const report = await db.report.findFirstOrThrow({
    where: { submissionId },
    select: { id: true },
  });
  const [file] = await listReportFiles(report.id, await triageKeys());
  return { reportId: report.id, fileId: file!.id, file: file! };
}

const staff = (role: "TRIAGE" | "ORG_STAFF", slug?: string): Promise<StaffUser> =>
  staffUser(role, { organization: slug, name: "Handler", locale: "sl" });

async function download(fileId: string, query = "", locale = "sl") {
  const response = await GET(
    new Request(`http://localhost/${locale}/dashboard/files/${fileId}${query}`),
    { params: Promise.resolve({ locale, id: fileId }) },
  );
  return {
    status: response.status,
    headers: response.headers,
    body: Buffer.from(await response.arrayBuffer()),
  };
}

/** Runs a poppler tool on bytes written to a private temporary file. */
function poppler(tool: "pdfinfo" | "pdftotext", bytes: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pdf-test-"));
  try {
    writeFileSync(path.join(dir, "f.pdf"), bytes);
    return execFileSync(
      tool,
      tool === "pdftotext" ? [path.join(dir, "f.pdf"), "-"] : [path.join(dir, "f.pdf")],
      { encoding: "utf8" },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const savedRenderer = process.env.PDFTOPPM_PATH;
beforeEach(async () => {
  await resetDatabase();
  await seedOrganizations(db);
  await makeTestKeys();
  signedIn = null;
});
afterEach(() => {
  if (savedRenderer === undefined) delete process.env.PDFTOPPM_PATH;
  else process.env.PDFTOPPM_PATH = savedRenderer;
});
afterAll(() => db.$disconnect());

describe("a PDF sent with a report", () => {
  it("is stored with the active content found in it, which staff see in the list", async () => {
    const { reportId, file } = await reportWithPdf(await javascriptPdf({ pages: 2 }));
    expect(file).toMatchObject({
      name: "pogodba.pdf",
      kind: "pdf",
      activeContent: ["javascript", "openAction"],
      pageCount: 2,
    });
    const [row] = await withPg(
      async (c) =>
        (
          await c.query(
            'SELECT "activeContent", "pageCount", content FROM "Attachment" WHERE "reportId" = $1',
            [reportId],
          )
        ).rows,
    );
    expect(row.activeContent).toEqual(["javascript", "openAction"]);
    // The flags are readable in the table; the file itself is not.
    expect((row.content as Buffer).includes(Buffer.from("app.alert"))).toBe(false);
  });

  it("that does not parse is refused with its own error, the report's text kept and nothing stored", async () => {
    const junk = new File(
      [
        Buffer.concat([
          Buffer.from("%PDF-1.7\n"),
          randomBytes(32 * 1024),
          Buffer.from("\n%%EOF\n"),
        ]),
      ],
      "scan.pdf",
    );
    const { state } = await submit([junk], { description: "" });
    if (state.status !== "refused") throw new Error(state.status);
    expect(state.files.error).toBe("pdfUnreadable");
    expect(state.files.kept).toEqual([]);
    expect(state.values.region).toBe("podravska");
    expect(await db.attachment.count()).toBe(0);
  });
});

describe("staff downloading a PDF", () => {
  it("get a safe copy by default: the same pages as pictures, nothing active; the original byte for byte on request; both audited", async () => {
    const original = await javascriptPdf({ pages: 2 });
    const { fileId } = await reportWithPdf(original);
    signedIn = await staff("TRIAGE");

    const safe = await download(fileId);
    expect(safe.status).toBe(200);
    expect(safe.headers.get("content-type")).toBe("application/pdf");
    expect(safe.headers.get("content-disposition")).toMatch(
      /^attachment; filename="pogodba \(varna kopija\)\.pdf"/,
    );
    expect(safe.headers.get("x-content-type-options")).toBe("nosniff");
    expect(safe.headers.get("cache-control")).toBe("no-store");
    const copy = await PDFDocument.load(safe.body);
    expect(copy.getPageCount()).toBe(2);
    // Written without object streams, so a search of the bytes sees every name in the file.
    expect(safe.body.toString("latin1")).not.toMatch(
      /\/JavaScript|\/JS\b|\/OpenAction|\/AA\b|\/EmbeddedFile|\/Launch|\/AcroForm|\/URI/,
    );
    expect(await inspectPdf(safe.body)).toEqual({ ok: true, pageCount: 2, activeContent: [] });
    // poppler agrees: two pages, no form; and no text, since the pages are pictures now.
    expect(poppler("pdfinfo", safe.body)).toMatch(/Pages:\s+2\n/);
    expect(poppler("pdfinfo", safe.body)).toMatch(/Form:\s+none/);
    expect(poppler("pdftotext", original)).toContain("Page 2");
    expect(poppler("pdftotext", safe.body).trim()).toBe("");

    const asSent = await download(fileId, "?copy=original");
    expect(asSent.status).toBe(200);
    expect(asSent.headers.get("content-disposition")).toMatch(
      /^attachment; filename="pogodba\.pdf"/,
    );
    expect(asSent.body.equals(original)).toBe(true);

    const audit = await db.auditEvent.findMany({
      where: { action: "attachment.downloaded" },
      orderBy: { createdAt: "asc" },
      select: { actorId: true, detail: true },
    });
    expect(audit).toEqual([
      { actorId: signedIn.id, detail: { attachmentId: fileId, copy: "safe" } },
      { actorId: signedIn.id, detail: { attachmentId: fileId } },
    ]);
    expect(JSON.stringify(audit)).not.toContain("pogodba");
  });

  it("the safe copy holds at most the first 50 pages; embedded files do not survive it", async () => {
    const { fileId: long } = await reportWithPdf(await cleanPdf({ pages: 51 }), "dolg.pdf");
    const { fileId: carrier } = await reportWithPdf(await embeddedFilePdf(), "racun.pdf");
    signedIn = await staff("TRIAGE");
    expect((await PDFDocument.load((await download(long)).body)).getPageCount()).toBe(50);
    const copy = (await download(carrier)).body;
    expect(copy.toString("latin1")).not.toMatch(/EmbeddedFile|invoice\.exe/);
    expect((await download(carrier, "?copy=original")).body.toString("latin1")).toMatch(
      /EmbeddedFile/,
    );
  });

  it("another organisation, and someone signed out, get 404 for either copy; the organisation it was routed to gets both", async () => {
    const { reportId, fileId } = await reportWithPdf(await cleanPdf());
    const triage = await staff("TRIAGE");
    const kljuc = await staff("ORG_STAFF", "kljuc");
    const caritas = await staff("ORG_STAFF", "caritas");
    const kljucId = (await db.organization.findUniqueOrThrow({ where: { slug: "kljuc" } })).id;
    await routeReport({
      reportId,
      organizationIds: [kljucId],
      keys: await triageKeys(),
      officerId: triage.id,
    });

    for (const [who, status] of [
      [caritas, 404],
      [null, 404],
      [kljuc, 200],
    ] as const) {
      signedIn = who;
      expect((await download(fileId)).status, who?.role ?? "signed out").toBe(status);
      expect((await download(fileId, "?copy=original")).status, who?.role ?? "signed out").toBe(
        status,
      );
    }
    expect(
      await db.auditEvent.count({
        where: { action: "attachment.downloaded", actorId: caritas.id },
      }),
    ).toBe(0);
  });

  it("without pdftoppm: staff are told why, in their language, and the original still downloads", async () => {
    const original = await cleanPdf();
    const { fileId } = await reportWithPdf(original);
    signedIn = await staff("TRIAGE");
    process.env.PDFTOPPM_PATH = "/nonexistent/pdftoppm";
    for (const locale of ["sl", "en", "uk"]) {
      const refused = await download(fileId, "", locale);
      expect(refused.status).toBe(503);
      expect(refused.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(refused.body.toString("utf8")).toBe(messages(locale).StaffFiles.safeCopyUnavailable);
    }
    expect((await download(fileId, "?copy=original")).body.equals(original)).toBe(true);
  });
});
