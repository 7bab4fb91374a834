import { findInputProblem } from '@dhr/core';
import { ChronologyDate, readChronologyDate, readSpreadsheetDate } from './chronology-date';

/** The columns a chronology must name in its header row (any order, any case; others are ignored). */
export const CHRONOLOGY_COLUMNS = ['date', 'agency', 'event', 'source'] as const;
export type ChronologyColumn = (typeof CHRONOLOGY_COLUMNS)[number];

/** Limits that keep one upload's parse and the merge bounded. */
export const MAX_CHRONOLOGY_ROWS = 20_000;
export const MAX_FIELD_LENGTH = 4_000;

/** One good row of an agency's chronology. */
export interface ChronologyRow {
  line: number;
  date: ChronologyDate;
  agency: string;
  event: string;
  source: string;
}

/** Why a row (or the header, or the file) cannot be read; `line` is 1-based, as the agency's file shows it. */
export interface ChronologyProblem {
  line: number;
  field: string;
  reason: string;
}

export interface ParsedChronology {
  rows: ChronologyRow[];
  problems: ChronologyProblem[];
}

/** A cell as the file format gives it: text, a spreadsheet date, or nothing. */
export type RawCell = string | Date | null;
export interface RawRow {
  line: number;
  cells: RawCell[];
}

const isBlank = (cell: RawCell) => cell === null || (typeof cell === 'string' && cell.trim() === '');

/**
 * Turns the header row and data rows of either format into chronology rows, naming every problem with its
 * line: a missing header column (line 1), too many rows, and per row a missing, over-long or unreadable field.
 * Entirely empty rows are skipped.
 */
export function readRows(header: RawRow | undefined, data: Iterable<RawRow>, now: Date): ParsedChronology {
  const columns = headerColumns(header);
  if ('problems' in columns) return { rows: [], problems: columns.problems };
  const rows: ChronologyRow[] = [];
  const problems: ChronologyProblem[] = [];
  let count = 0;
  for (const raw of data) {
    if (raw.cells.every(isBlank)) continue;
    if (++count > MAX_CHRONOLOGY_ROWS) {
      problems.push({ line: raw.line, field: 'file', reason: `has more than ${MAX_CHRONOLOGY_ROWS} rows; split it into smaller files` });
      break;
    }
    const row = readRow(raw, columns.at, now);
    if ('problems' in row) problems.push(...row.problems);
    else rows.push(row);
  }
  return { rows, problems };
}

function headerColumns(header: RawRow | undefined): { at: Record<ChronologyColumn, number> } | { problems: ChronologyProblem[] } {
  const names = (header?.cells ?? []).map((cell) =>
    typeof cell === 'string'
      ? cell
          .replace(/^\uFEFF/, '')
          .trim()
          .toLowerCase()
      : '',
  );
  const problems: ChronologyProblem[] = [];
  const at = {} as Record<ChronologyColumn, number>;
  for (const column of CHRONOLOGY_COLUMNS) {
    const found = names.flatMap((name, i) => (name === column ? [i] : []));
    if (found.length === 0) problems.push({ line: 1, field: column, reason: `the header row (line 1) has no "${column}" column` });
    else if (found.length > 1)
      problems.push({ line: 1, field: column, reason: `the header row (line 1) names "${column}" more than once` });
    else at[column] = found[0];
  }
  return problems.length ? { problems } : { at };
}

function readRow(raw: RawRow, at: Record<ChronologyColumn, number>, now: Date): ChronologyRow | { problems: ChronologyProblem[] } {
  const problems: ChronologyProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ line: raw.line, field, reason });
  const text = (column: Exclude<ChronologyColumn, 'date'>): string => {
    const cell = raw.cells[at[column]] ?? null;
    const value = cell instanceof Date ? cell.toISOString() : (cell ?? '').trim();
    if (value === '') problem(column, 'is required');
    else if (value.length > MAX_FIELD_LENGTH) problem(column, `is longer than ${MAX_FIELD_LENGTH} characters`);
    else {
      const bad = findInputProblem(value, column);
      if (bad) problem(column, bad.reason);
    }
    return value;
  };
  const dateCell = raw.cells[at.date] ?? null;
  let date: ChronologyDate | null = null;
  if (isBlank(dateCell)) problem('date', 'is required');
  else {
    const reading = dateCell instanceof Date ? readSpreadsheetDate(dateCell, now) : readChronologyDate(dateCell!, now);
    if (reading.ok) date = reading.date;
    else problem('date', reading.reason);
  }
  const agency = text('agency');
  const event = text('event');
  const source = text('source');
  if (problems.length || !date) return { problems };
  return { line: raw.line, date, agency, event, source };
}
