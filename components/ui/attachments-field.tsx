"use client";

import { useLocale, useTranslations } from "next-intl";
import type { Ref } from "react";
import {
  acceptedFileTypes,
  attachmentFields,
  attachmentLimits,
  formatFileSize,
  type AttachmentError,
  type KeptFile,
} from "@/lib/attachments/limits";
import { Choice, describedBy, FieldError, FieldHint, Tag } from "./field";

export const attachmentMessageValues = {
  maxFiles: attachmentLimits.maxFiles,
  maxSize: attachmentLimits.maxFileBytes / (1024 * 1024),
  maxTotal: attachmentLimits.maxTotalBytes / (1024 * 1024),
};

type Props = {
  /** Prefix for element ids, so two forms on one page cannot collide. */
  idPrefix?: string;
  kept?: KeptFile[];
  keepOriginal?: boolean;
  error?: AttachmentError;
  /** The files chosen were lost with a failed send (rate limit, database down): say so. */
  notKept?: boolean;
  inputRef?: Ref<HTMLInputElement>;
};

/**
 * The file part of the report and reply forms: a plain multipart file input (works without
 * JavaScript), the "keep my photos as taken" choice with what it reveals, the PDF warning, and
 * the files the server already holds for this form, each of which can be removed.
 */
export function AttachmentsField({
  idPrefix = "",
  kept = [],
  keepOriginal = false,
  error,
  notKept,
  inputRef,
}: Props) {
  const t = useTranslations("Attachments");
  const locale = useLocale();
  const name = `${idPrefix}attachments`;
  const errorText = error ? t(`errors.${error}`, attachmentMessageValues) : undefined;
  const status = (file: KeptFile) =>
    file.kind === "pdf"
      ? t("pdfAsGiven")
      : file.metadataRemoved
        ? t("metadataRemoved")
        : t("originalKept");

  return (
    <fieldset
      id={`${name}-group`}
      aria-describedby={describedBy(name, { hint: true, error: errorText })}
      className={`field space-y-3 ${errorText ? "field-error" : ""}`}
    >
      <legend className="text-base font-semibold text-slate-900">
        {t("legend")}
        <Tag>{t("optional")}</Tag>
      </legend>
      <FieldHint name={name}>{t("hint", attachmentMessageValues)}</FieldHint>
      <FieldError name={name} message={errorText} />
      {notKept && <p className="font-semibold text-red-900">{t("notKept")}</p>}

      {kept.length > 0 && (
        <div className="rounded-md bg-slate-100 p-3" data-testid="kept-files">
          <p className="font-semibold">{t("keptTitle")}</p>
          <p className="text-sm text-slate-700">{t("keptHint")}</p>
          <ul className="mt-2 space-y-2">
            {kept.map((file) => (
              <li key={file.id}>
                <input type="hidden" name={attachmentFields.kept} value={JSON.stringify(file)} />
                <Choice
                  id={`${idPrefix}remove-${file.id}`}
                  type="checkbox"
                  name={attachmentFields.remove}
                  value={file.id}
                  label={
                    <>
                      {t("remove", { name: file.name })}
                      <span className="block text-sm text-slate-700">
                        {formatFileSize(file.size, locale)} · {status(file)}
                      </span>
                    </>
                  }
                />
              </li>
            ))}
          </ul>
        </div>
      )}

      <div>
        <label htmlFor={name} className="block font-semibold">
          {t("choose")}
        </label>
        <input
          ref={inputRef}
          id={name}
          name={attachmentFields.files}
          type="file"
          multiple
          accept={acceptedFileTypes}
          aria-describedby={describedBy(name, { hint: true, error: errorText })}
          aria-invalid={errorText ? true : undefined}
          className="mt-2 block w-full max-w-full text-base file:mr-3 file:rounded-md file:border-2 file:border-teal-800 file:bg-white file:px-3 file:py-2 file:font-semibold file:text-teal-900"
        />
      </div>

      <Choice
        id={`${idPrefix}keepOriginal`}
        type="checkbox"
        name={attachmentFields.keepOriginal}
        value="yes"
        defaultChecked={keepOriginal}
        aria-describedby={`${idPrefix}keepOriginal-hint`}
        label={t("keepOriginal")}
      />
      <p id={`${idPrefix}keepOriginal-hint`} className="text-sm text-slate-700">
        {t("keepOriginalHint")}
      </p>
      <p className="text-sm text-slate-700">{t("pdfWarning")}</p>
    </fieldset>
  );
}
