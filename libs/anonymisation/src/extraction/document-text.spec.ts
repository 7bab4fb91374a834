import ExcelJS from 'exceljs';
import { MEDIA_TYPES } from '@dhr/documents';
import { docx, zip } from '../../../../test/support/zip';
import { findTerms } from '../term-matching';
import { minimalPdf } from '../testing/minimal-pdf';
import { extractDocumentText } from './document-text';

async function textOf(bytes: Buffer, mediaType: string): Promise<string> {
  const extracted = await extractDocumentText(bytes, mediaType);
  if (!extracted.ok) throw new Error(extracted.reason);
  return extracted.text;
}

describe('extracting the text of stored documents', () => {
  it('reads a PDF (in a worker thread), including Latin-1 accents', async () => {
    const text = await textOf(minimalPdf(['Overview report', 'Zoë Smith (the victim) lived in Leeds']), MEDIA_TYPES.pdf);
    expect(text).toContain('Zoë Smith (the victim) lived in Leeds');
  });

  it('reports a PDF it cannot parse, or one without text, as unreadable', async () => {
    expect(await extractDocumentText(Buffer.from('%PDF-1.4\nnonsense'), MEDIA_TYPES.pdf)).toMatchObject({ ok: false });
    expect(await extractDocumentText(minimalPdf([]), MEDIA_TYPES.pdf)).toEqual({
      ok: false,
      reason: 'the PDF has no text layer (a scanned image?)',
    });
  });

  it('reads a DOCX, and a name split across runs still matches', async () => {
    const split = docx(['Intro']);
    const runs = zip([
      ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
      [
        'word/document.xml',
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve">Seen by Ja</w:t></w:r><w:r><w:t>ne </w:t></w:r><w:r><w:t>Smith</w:t></w:r></w:p></w:body></w:document>',
      ],
      [
        'word/footer1.xml',
        '<?xml version="1.0"?><w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>Acacia</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>Avenue</w:t></w:r></w:p></w:ftr>',
      ],
    ]);
    expect(await textOf(split, MEDIA_TYPES.docx)).toContain('Intro');
    const text = await textOf(runs, MEDIA_TYPES.docx);
    expect(findTerms(text, ['Jane Smith', 'Acacia Avenue']).map((m) => m.term)).toEqual(['Jane Smith', 'Acacia Avenue']);
  });

  it('reads the cells of an XLSX', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Actions').addRow(['Agency', 'Contact with Jane Smith']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await textOf(bytes, MEDIA_TYPES.xlsx)).toContain('Contact with Jane Smith');
  });

  it('reads an ODT', async () => {
    const bytes = zip([
      ['mimetype', MEDIA_TYPES.odt],
      [
        'content.xml',
        '<office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text><text:p>Jane<text:s/>Smith &amp; Zo&#235;</text:p><text:p>Leeds</text:p></office:text></office:body></office:document-content>',
      ],
    ]);
    const text = await textOf(bytes, MEDIA_TYPES.odt);
    expect(findTerms(text, ['Jane Smith', 'Zoë', 'Leeds']).map((m) => m.term)).toEqual(['Jane Smith', 'Zoë', 'Leeds']);
  });

  it('reads text and CSV as UTF-8, and reports other types as unreadable', async () => {
    expect(await textOf(Buffer.from('name,place\nZoë,Leeds\n'), MEDIA_TYPES.csv)).toContain('Zoë,Leeds');
    expect(await extractDocumentText(Buffer.from('x'), 'image/png')).toEqual({ ok: false, reason: 'no text reader for image/png' });
    expect(await extractDocumentText(Buffer.from('PK not a zip'), MEDIA_TYPES.docx)).toEqual({
      ok: false,
      reason: 'the file could not be read',
    });
  });
});
