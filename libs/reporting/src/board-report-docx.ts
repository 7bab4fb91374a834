import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ReportDocument, ReportTable } from './report-document';

/** The classification line, at the top and bottom of every page (as protective marking is shown). */
const marking = (classification: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: classification, bold: true })] });

/** The text width of an A4 page with Word's default margins, in twips. */
const PAGE_WIDTH = 9026;

/**
 * Column widths from what the columns hold (their longest word in the header, their longest cell), so
 * "Commissioned" is not broken across lines while a reference column stays narrow.
 */
function columnWidths(t: ReportTable): number[] {
  const weights = t.head.map((h, i) => {
    const longestWord = Math.max(...h.split(/\s+/).map((w) => w.length));
    const longestCell = Math.max(0, ...t.rows.map((r) => String(r[i]).length));
    return Math.min(Math.max(longestWord + 2, Math.min(longestCell, 28), 6), 30);
  });
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.floor((w / total) * PAGE_WIDTH));
}

function table(t: ReportTable): (Paragraph | Table)[] {
  const caption = new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun(t.caption)] });
  if (t.rows.length === 0) return [caption, new Paragraph('None.')];
  const widths = columnWidths(t);
  const cell = (value: string | number, column: number, header: boolean) =>
    new TableCell({
      width: { size: widths[column], type: WidthType.DXA },
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
      shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E8E8E8' } : undefined,
      children: [
        new Paragraph({
          alignment: t.numeric.includes(column) ? AlignmentType.RIGHT : AlignmentType.LEFT,
          // The header row stays with the first data row (no header alone at the foot of a page).
          keepNext: header,
          children: [new TextRun({ text: String(value), bold: header })],
        }),
      ],
    });
  return [
    caption,
    new Table({
      width: { size: PAGE_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      rows: [
        // A header row Word repeats on each page, and screen readers announce as column headers.
        new TableRow({ tableHeader: true, cantSplit: true, children: t.head.map((h, i) => cell(h, i, true)) }),
        ...t.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((v, i) => cell(v, i, false)) })),
      ],
    }),
  ];
}

/** The report as a Word document: title and properties, the classification on every page, headings and tables. */
export function boardReportDocx(doc: ReportDocument): Promise<Buffer> {
  const document = new Document({
    title: doc.title,
    subject: doc.subtitle,
    creator: 'DHR case management',
    description: `${doc.classification}. ${doc.subtitle}`,
    keywords: doc.classification,
    // Plain, sober styles: Arial, black headings, space between blocks.
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 22 }, paragraph: { spacing: { after: 120 } } },
        title: { run: { font: 'Arial', size: 40, bold: true, color: '000000' }, paragraph: { spacing: { after: 200 } } },
        heading1: { run: { font: 'Arial', size: 32, bold: true, color: '000000' }, paragraph: { spacing: { before: 360, after: 120 } } },
        heading2: { run: { font: 'Arial', size: 24, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 80 } } },
      },
    },
    sections: [
      {
        headers: { default: new Header({ children: [marking(doc.classification)] }) },
        footers: { default: new Footer({ children: [marking(doc.classification)] }) },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
          new Paragraph({ children: [new TextRun(doc.subtitle)] }),
          new Paragraph({ children: [new TextRun({ text: `Classification: ${doc.classification}`, bold: true })] }),
          ...doc.sections.flatMap((section) => [
            new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, children: [new TextRun(section.heading)] }),
            ...section.paragraphs.map((p) => new Paragraph(p)),
            ...section.tables.flatMap(table),
          ]),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
