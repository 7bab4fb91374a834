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

function table(t: ReportTable): (Paragraph | Table)[] {
  const caption = new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(t.caption)] });
  if (t.rows.length === 0) return [caption, new Paragraph('None.')];
  const cell = (value: string | number, column: number, header: boolean) =>
    new TableCell({
      shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E8E8E8' } : undefined,
      children: [
        new Paragraph({
          alignment: t.numeric.includes(column) ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text: String(value), bold: header })],
        }),
      ],
    });
  return [
    caption,
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
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
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [
      {
        headers: { default: new Header({ children: [marking(doc.classification)] }) },
        footers: { default: new Footer({ children: [marking(doc.classification)] }) },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
          new Paragraph({ children: [new TextRun(doc.subtitle)] }),
          new Paragraph({ children: [new TextRun({ text: `Classification: ${doc.classification}`, bold: true })] }),
          ...doc.sections.flatMap((section) => [
            new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: false, children: [new TextRun(section.heading)] }),
            ...section.paragraphs.map((p) => new Paragraph(p)),
            ...section.tables.flatMap(table),
          ]),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
