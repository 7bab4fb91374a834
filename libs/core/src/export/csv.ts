export type CsvValue = string | number | null;

/** RFC 4180 CSV: a header row, then one line per row, CRLF line ends. */
export function csvTable(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * One cell: quoted when it holds a quote, comma or line break; a text starting
 * with = + - @ (or tab / CR) gets a leading ' so a spreadsheet shows it rather than
 * running it as a formula (CSV injection).
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
