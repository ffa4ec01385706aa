import { rowAad } from "@/lib/crypto/encrypted-fields";
import { decryptBytes, decryptText, encryptBytes, encryptText } from "@/lib/crypto/encryption";
import { db } from "@/lib/db";
import { openContentKey } from "@/lib/reports/report-keys";
import { organizationKeyFor } from "./test-keys";

// Reports as they were stored before sealed reports: every value under the server's current data
// key, no sealed content key. Made from a report stored today (opened with the police's key),
// for the tests of what still reads, rotates and moves from that format.

export async function makeLegacy(reportId: string): Promise<void> {
  const key = await openContentKey(reportId, [await organizationKeyFor("police")]);
  if (!key) throw new Error("not a sealed report");
  const text = (value: string | null, aad: string) =>
    value === null ? null : encryptText(decryptText(value, aad, key), aad);
  const report = await db.report.findUniqueOrThrow({
    where: { id: reportId },
    omit: { description: false, contact: false, placeDetails: false, closeReason: false },
  });
  const referrals = await db.referral.findMany({ where: { reportId }, omit: { note: false } });
  const files = await db.attachment.findMany({
    where: { reportId, messageId: null },
    select: { id: true, fileName: true, keyId: true, content: true },
  });
  await db.$transaction([
    db.report.update({
      where: { id: reportId },
      data: {
        description: text(report.description, rowAad("Report", "description", reportId))!,
        contact: text(report.contact, rowAad("Report", "contact", reportId)),
        placeDetails: text(report.placeDetails, rowAad("Report", "placeDetails", reportId)),
        closeReason: text(report.closeReason, rowAad("Report", "closeReason", reportId)),
      },
    }),
    ...referrals.map((referral) =>
      db.referral.update({
        where: { id: referral.id },
        data: { note: text(referral.note, rowAad("Referral", "note", referral.id)) },
      }),
    ),
    ...files.map((file) => {
      const aad = rowAad("Attachment", "content", file.id);
      const sealed = encryptBytes(decryptBytes(file.content, file.keyId, aad, key), aad);
      return db.attachment.update({
        where: { id: file.id },
        data: {
          keyId: sealed.keyId,
          content: new Uint8Array(sealed.content),
          fileName: text(file.fileName, rowAad("Attachment", "fileName", file.id))!,
        },
      });
    }),
    db.reportKey.deleteMany({ where: { reportId } }),
  ]);
}
