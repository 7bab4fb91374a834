import { CsvError, parse } from 'csv-parse/sync';
import { Workbook, type CellValue, type Worksheet } from 'exceljs';
import { ChronologyProblem, ParsedChronology, RawCell, RawRow, readRows } from './chronology-rows';

export const CSV_MEDIA_TYPE = 'text/csv';
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Chronologies in these formats are read and merged; others (PDF, DOCX) are kept but not merged. */
export const isMergeable = (mediaType: string) => mediaType === CSV_MEDIA_TYPE || mediaType === XLSX_MEDIA_TYPE;

/** A CSV record longer than this (all fields) is refused before its fields are looked at. */
const MAX_CSV_RECORD_CHARS = 64 * 1024;

/** Reads a chronology in either mergeable format; never throws for bad content. */
export async function parseChronology(bytes: Buffer, mediaType: string, now: Date): Promise<ParsedChronology> {
  if (mediaType === XLSX_MEDIA_TYPE) return parseChronologyXlsx(bytes, now);
  if (mediaType === CSV_MEDIA_TYPE) return parseChronologyCsv(bytes, now);
  return { rows: [], problems: [{ line: 1, field: 'file', reason: 'only CSV and XLSX chronologies can be read' }] };
}

/**
 * A UTF-8 CSV (optional BOM, RFC 4180 quoting, CRLF or LF). Each record's line is where it starts in the file;
 * csv-parse counts a CRLF inside a quoted field as two lines, so lines are counted here from each record's raw text.
 */
export function parseChronologyCsv(bytes: Buffer, now: Date): ParsedChronology {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { rows: [], problems: [{ line: 1, field: 'file', reason: 'is not UTF-8 text' }] };
  }
  const records: RawRow[] = [];
  let nextLine = 1;
  let overCount = 0; // how far csv-parse's own line count has run ahead of ours
  let syntax: ChronologyProblem | null = null;
  try {
    parse(text, {
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: false,
      record_delimiter: ['\r\n', '\n'],
      max_record_size: MAX_CSV_RECORD_CHARS,
      on_record: (wrapped) => {
        // With `info` and `raw` on, csv-parse hands each record over wrapped (its types do not say so).
        const { record, raw, info } = wrapped as unknown as { record: string[]; raw: string; info: { lines: number } };
        const line = nextLine;
        nextLine = line + lineBreaks(raw) + 1;
        overCount = info.lines - (nextLine - 1);
        records.push({ line, cells: record });
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    syntax = csvSyntaxProblem(error, nextLine, overCount);
  }
  const parsed = readRows(records[0], records.slice(1), now);
  if (syntax) parsed.problems.push(syntax);
  return parsed;
}

/** Line breaks inside a record (quoted fields), not counting the record's own delimiter. */
function lineBreaks(raw: string): number {
  return raw.replace(/^[\r\n]+|[\r\n]+$/g, '').match(/\r\n|\r|\n/g)?.length ?? 0;
}

function csvSyntaxProblem(error: CsvError, recordStart: number, overCount: number): ChronologyProblem {
  const errorLine = Math.max(recordStart, (error as CsvError & { lines?: number }).lines ?? recordStart) - overCount;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { line: recordStart, field: 'file', reason: 'a quoted field starting on this line is never closed' };
    case 'CSV_INVALID_CLOSING_QUOTE':
      return {
        line: Math.max(recordStart, errorLine),
        field: 'file',
        reason:
          'a closing quote is followed by other text (write a quote inside a quoted field as two quotes); rows from here on were not read',
      };
    case 'INVALID_OPENING_QUOTE': // csv-parse names this one without the CSV_ prefix
      return {
        line: Math.max(recordStart, errorLine),
        field: 'file',
        reason:
          'a quote appears inside a field that is not quoted (quote the whole field and write the quote twice); rows from here on were not read',
      };
    case 'CSV_MAX_RECORD_SIZE':
      return {
        line: recordStart,
        field: 'file',
        reason: `a row is longer than ${MAX_CSV_RECORD_CHARS} characters; rows from here on were not read`,
      };
    default:
      return { line: Math.max(recordStart, errorLine), field: 'file', reason: 'is not valid CSV here; rows from here on were not read' };
  }
}

/** An XLSX workbook's first worksheet; the spreadsheet's row number is the line. */
export async function parseChronologyXlsx(bytes: Buffer, now: Date): Promise<ParsedChronology> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { rows: [], problems: [{ line: 1, field: 'file', reason: 'is not a readable XLSX workbook' }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { rows: [], problems: [{ line: 1, field: 'file', reason: 'has no worksheet' }] };
  return readRows(sheetRow(sheet, 1), sheetRows(sheet, 2), now);
}

function* sheetRows(sheet: Worksheet, from: number): Generator<RawRow> {
  for (let line = from; line <= sheet.rowCount; line++) {
    const row = sheetRow(sheet, line);
    if (row) yield row;
  }
}

function sheetRow(sheet: Worksheet, line: number): RawRow | undefined {
  const row = sheet.findRow(line);
  if (!row) return undefined;
  const cells: RawCell[] = [];
  for (let column = 1; column <= row.cellCount; column++) cells.push(cellOf(row.getCell(column).value));
  return { line, cells };
}

/** What a cell holds, as text or a date: formulas by their cached result, rich text joined, links by their text. */
function cellOf(value: CellValue | undefined): RawCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellOf((value as { result?: CellValue }).result);
  if ('hyperlink' in value) return cellOf((value as { text?: CellValue }).text);
  if ('error' in value) return String(value.error);
  return null;
}
