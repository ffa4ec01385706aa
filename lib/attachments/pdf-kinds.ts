// What pdf-scan.mjs can find in a PDF, in the order staff read them. No server imports: the
// staff file panel names each kind in the reader's language.

const pdfContentKinds = [
  "javascript",
  "openAction",
  "additionalActions",
  "launch",
  "embeddedFile",
  "fileAttachment",
  "formAction",
  "xfa",
  "richMedia",
  "remoteGoTo",
  "embeddedGoTo",
  "encrypted",
  "link",
] as const;

export type PdfContentKind = (typeof pdfContentKinds)[number];

/** Web links are noted for staff but are not active: they act only when clicked. */
export const isActivePdfContent = (kind: string) => kind !== "link";

/** Kinds a stored value holds, known ones only, in the order above. */
export function pdfKindsOf(values: readonly string[]): PdfContentKind[] {
  return pdfContentKinds.filter((kind) => values.includes(kind));
}
