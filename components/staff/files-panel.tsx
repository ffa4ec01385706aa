import { getFormatter, getTranslations } from "next-intl/server";
import { formatFileSize, type KeptFile } from "@/lib/attachments/limits";
import { PdfFileLinks } from "./pdf-file-links";

type FileView = Omit<KeptFile, "name"> & {
  /** Null while the report is sealed to keys the session does not hold. */
  name: string | null;
  mediaType: string;
  messageId: string | null;
  createdAt: Date;
  activeContent: string[];
  pageCount: number | null;
};

/** The reporter's files on a report, each downloaded through the scoped, audited file route. */
export async function FilesPanel({ locale, files }: { locale: string; files: FileView[] }) {
  const t = await getTranslations("Triage");
  const ts = await getTranslations("SealedReports");
  const format = await getFormatter();
  const status = (file: FileView) =>
    file.kind === "pdf"
      ? t("filePdf")
      : file.metadataRemoved
        ? t("fileMetadataRemoved")
        : t("fileOriginal");
  return (
    <section aria-labelledby="files-title" className="space-y-3">
      <h2 id="files-title" className="text-xl font-bold">
        {t("filesTitle")}
      </h2>
      <p className="text-sm text-slate-700">{t("filesHint")}</p>
      {files.length === 0 ? (
        <p>{t("noFiles")}</p>
      ) : (
        <ul className="space-y-2" data-testid="staff-files">
          {files.map((file) => (
            <li key={file.id} className="rounded-md border border-slate-300 bg-white p-3">
              {/* A download, never shown inline: the route answers with Content-Disposition: attachment. */}
              {file.kind === "pdf" ? (
                <p className="font-semibold">{file.name ?? ts("fileNameSealed")}</p>
              ) : (
                <a
                  href={`/${locale}/dashboard/files/${file.id}`}
                  download
                  className="font-semibold"
                >
                  {t("download")}: {file.name ?? ts("fileNameSealed")}
                </a>
              )}
              <p className="text-sm text-slate-700">
                {formatFileSize(file.size, locale)} ·{" "}
                {file.messageId ? t("fileWithMessage") : t("fileWithReport")} ·{" "}
                {format.dateTime(file.createdAt, "stamp")} · {status(file)}
              </p>
              {file.kind === "pdf" ? <PdfFileLinks locale={locale} file={file} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
