import { csvTable } from '@dhr/core';
import { Workbook } from 'exceljs';
import { spreadsheetValueOf } from './chronology-date';
import type { MergedEntry } from './chronology-merge';
import { XLSX_MEDIA_TYPE } from './chronology-parser';

/** The columns of a download: the four chronology columns, then where each row came from. */
export const EXPORT_HEADER = ['date', 'agency', 'event', 'source', 'agencyId', 'documentId', 'version', 'line'];

export interface ExportFile {
  bytes: Buffer;
  contentType: string;
  extension: 'csv' | 'xlsx';
}

/** RFC 4180 CSV (UTF-8 without BOM, CRLF); a text cell starting = + - @ gets a leading ' (csvTable). */
export function chronologyCsv(entries: readonly MergedEntry[]): ExportFile {
  const rows = entries.map((e) => [e.date.iso, e.agency, e.event, e.source, e.agencyId, e.documentId, e.version, e.line]);
  return { bytes: Buffer.from(csvTable(EXPORT_HEADER, rows), 'utf8'), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
}

/**
 * One worksheet with a bold header row; dates are real date cells showing the London date (and time when given).
 * Text goes in as plain string values, which exceljs writes as strings (never formulas) whatever they start
 * with: only a `{formula}` value makes a formula cell.
 */
export async function chronologyXlsx(entries: readonly MergedEntry[]): Promise<ExportFile> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Chronology');
  sheet.columns = EXPORT_HEADER.map((header) => ({ header, key: header, width: columnWidth(header) }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const e of entries) {
    const row = sheet.addRow([spreadsheetValueOf(e.date), e.agency, e.event, e.source, e.agencyId ?? '', e.documentId, e.version, e.line]);
    row.getCell(1).numFmt = e.date.instant === null ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm';
  }
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { bytes, contentType: XLSX_MEDIA_TYPE, extension: 'xlsx' };
}

function columnWidth(header: string): number {
  if (header === 'event') return 80;
  if (header === 'agencyId' || header === 'documentId') return 38;
  if (header === 'date') return 18;
  return 24;
}
