import { inflateRawSync } from 'node:zlib';

export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  csv: 'text/csv',
  txt: 'text/plain',
} as const;

const MAX_ZIP_ENTRIES = 10_000;
const MAX_MIMETYPE_BYTES = 200;

/** The smallest zip: an end-of-central-directory record alone. */
const MIN_ZIP_BYTES = 22;

/**
 * The media type decided from the bytes themselves (never the client's header):
 * PDF, DOCX, XLSX, ODT, CSV (UTF-8 text named .csv) or plain UTF-8 text; null for anything else.
 * A short file is judged on the bytes it has: lengths are checked before any header is read.
 */
export function sniffMediaType(bytes: Buffer, fileName: string | null): string | null {
  if (bytes.length === 0) return null;
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return MEDIA_TYPES.pdf;
  if (bytes.length >= MIN_ZIP_BYTES && bytes.readUInt32LE(0) === 0x04034b50) return zipMediaType(bytes);
  if (isUtf8Text(bytes)) return fileName?.toLowerCase().endsWith('.csv') ? MEDIA_TYPES.csv : MEDIA_TYPES.txt;
  return null;
}

function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

function zipMediaType(bytes: Buffer): string | null {
  const entries = centralDirectory(bytes);
  if (!entries) return null;
  const names = new Set(entries.map((e) => e.name));
  if (names.has('word/document.xml') && names.has('[Content_Types].xml')) return MEDIA_TYPES.docx;
  if (names.has('xl/workbook.xml') && names.has('[Content_Types].xml')) return MEDIA_TYPES.xlsx;
  const mimetype = entries.find((e) => e.name === 'mimetype');
  if (mimetype && entryText(bytes, mimetype) === MEDIA_TYPES.odt) return MEDIA_TYPES.odt;
  return null;
}

/** The entries named by the zip's central directory, or null when it is not a well-formed zip. */
function centralDirectory(bytes: Buffer): ZipEntry[] | null {
  // The end-of-central-directory record is in the last 22 + 65535 bytes.
  const from = Math.max(0, bytes.length - MIN_ZIP_BYTES - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - MIN_ZIP_BYTES; i >= from; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  if (count > MAX_ZIP_ENTRIES || offset + size > eocd) return null;
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    if (at + 46 + nameLength > eocd) return null;
    entries.push({
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      localHeaderOffset: bytes.readUInt32LE(at + 42),
      name: bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A small entry's content as text (stored or deflated), or null. */
function entryText(bytes: Buffer, entry: ZipEntry): string | null {
  const at = entry.localHeaderOffset;
  if (entry.compressedSize > MAX_MIMETYPE_BYTES || at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) return null;
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) return null;
  const data = bytes.subarray(start, end);
  try {
    if (entry.method === 0) return data.toString('latin1');
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: MAX_MIMETYPE_BYTES }).toString('latin1');
  } catch {
    return null;
  }
  return null;
}
