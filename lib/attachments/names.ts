// File names: what is shown and offered for download. No dependencies, so the pages and the
// download route do not load the image libraries (lib/attachments/prepare.ts).

const extensions: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/heic": "heic",
  "application/pdf": "pdf",
};

/**
 * The name as the reporter's device gave it, made safe to show and to offer as a download: no
 * path, no control or direction-changing characters (which can disguise "gpj.exe" as "exe.jpg"),
 * at most 120 characters.
 */
export function cleanFileName(name: string): string {
  const base = name.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const clean = base
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .trim();
  const limited = [...clean].length > 120 ? [...clean].slice(-120).join("") : clean;
  return limited.replace(/^\.+/, "") || "file";
}

/** The name to download under: always the extension of the type found in the bytes. */
export function withExtension(fileName: string, mediaType: string): string {
  const extension = extensions[mediaType] ?? "bin";
  const stem = fileName.replace(/\.[^.]{1,10}$/, "") || "file";
  return `${stem}.${extension}`;
}
