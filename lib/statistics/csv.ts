// CSV as spreadsheet programs read it: UTF-8 with a byte-order mark (without it Excel reads č, š,
// ž and Cyrillic as Windows-1250 mojibake), CRLF line ends, every field quoted. A field that
// starts with = + - @ (or a tab or carriage return) is prefixed with an apostrophe, so that no
// label can become a formula when the file is opened (CSV injection); numbers are written bare.

const bom = "\uFEFF";

function field(value: string | number): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return bom + rows.map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
}
