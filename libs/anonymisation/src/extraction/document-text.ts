import { MEDIA_TYPES } from '@dhr/documents';
import { docxText, odtText, xlsxText } from './office-text';
import { pdfText } from './pdf-text';

export type ExtractedText = { ok: true; text: string } | { ok: false; reason: string };

/**
 * The searchable text of a stored document by its (sniffed) media type: PDF (unpdf), DOCX (mammoth,
 * plus headers, footers, notes, comments and properties), XLSX (exceljs), ODT (content, styles, meta),
 * CSV and plain text as UTF-8. Anything that cannot be read is reported, never guessed at.
 */
export async function extractDocumentText(bytes: Buffer, mediaType: string): Promise<ExtractedText> {
  try {
    switch (mediaType) {
      case MEDIA_TYPES.pdf: {
        const text = await pdfText(bytes);
        // A PDF without a text layer (a scan) cannot be proved clean.
        return text.trim() ? { ok: true, text } : { ok: false, reason: 'the PDF has no text layer (a scanned image?)' };
      }
      case MEDIA_TYPES.docx:
        return { ok: true, text: await docxText(bytes) };
      case MEDIA_TYPES.xlsx:
        return { ok: true, text: await xlsxText(bytes) };
      case MEDIA_TYPES.odt:
        return { ok: true, text: odtText(bytes) };
      case MEDIA_TYPES.csv:
      case MEDIA_TYPES.txt:
        return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
      default:
        return { ok: false, reason: `no text reader for ${mediaType}` };
    }
  } catch (error) {
    // The reason only: parser messages can quote the document's content.
    return {
      ok: false,
      reason: error instanceof Error && /^(timed out|PDF )/.test(error.message) ? error.message : 'the file could not be read',
    };
  }
}
