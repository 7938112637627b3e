// CSV as RFC 4180 writes it, for spreadsheets.

/** One record: a field holding a comma, a quote, CR or LF is quoted and its quotes doubled; CRLF ends it. */
export function csvRecord(fields: readonly (string | number | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Text from a learner's file, made safe to open in a spreadsheet: a cell that starts with
 * = + - @ (or a tab or CR) is a formula there, so it gets a leading apostrophe, as OWASP
 * advises against CSV injection.
 */
export function spreadsheetText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
