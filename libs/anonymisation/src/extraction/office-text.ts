import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { openZip } from './zip-entries';
import { xmlText } from './xml-text';

/** Parts of a DOCX that mammoth's body text leaves out but that can still name someone. */
const DOCX_EXTRA_PARTS = /^(word\/(header\d*|footer\d*|footnotes|endnotes|comments)\.xml|docProps\/core\.xml)$/;

/** The body (mammoth), then headers, footers, notes, comments and the document properties. */
export async function docxText(bytes: Buffer): Promise<string> {
  const body = await mammoth.extractRawText({ buffer: bytes });
  const zip = openZip(bytes);
  const extras = (zip?.names ?? []).filter((n) => DOCX_EXTRA_PARTS.test(n)).map((n) => xmlText(zip!.read(n) ?? ''));
  return [body.value, ...extras].join('\n\n');
}

/** The text of every cell (as shown) and the sheet names. */
export async function xlsxText(bytes: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const lines: string[] = [];
  workbook.eachSheet((sheet) => {
    lines.push(sheet.name);
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell) => cells.push(cell.text));
      lines.push(cells.join('\n'));
    });
  });
  return lines.join('\n');
}

/** The body, styles (headers and footers live there) and metadata of an ODT. */
export function odtText(bytes: Buffer): string {
  const zip = openZip(bytes);
  const content = zip?.read('content.xml');
  if (!zip || content === null || content === undefined) throw new Error('not an ODT package');
  return [content, zip.read('styles.xml') ?? '', zip.read('meta.xml') ?? ''].map(xmlText).join('\n\n');
}
