import type { ReportDocument, ReportTable } from './report-document';

const escape = (text: string | number) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function table(t: ReportTable): string {
  if (t.rows.length === 0) return `<h3 class="govuk-heading-s">${escape(t.caption)}</h3>\n<p class="govuk-body">None.</p>`;
  const num = (i: number) => (t.numeric.includes(i) ? ' govuk-table__header--numeric' : '');
  const numCell = (i: number) => (t.numeric.includes(i) ? ' govuk-table__cell--numeric' : '');
  const head = t.head.map((h, i) => `<th scope="col" class="govuk-table__header${num(i)}">${escape(h)}</th>`).join('');
  const rows = t.rows
    .map(
      (row) =>
        `<tr class="govuk-table__row">${row.map((v, i) => `<td class="govuk-table__cell${numCell(i)}">${escape(v)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table class="govuk-table">
<caption class="govuk-table__caption govuk-table__caption--s">${escape(t.caption)}</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">${head}</tr></thead>
<tbody class="govuk-table__body">
${rows}
</tbody>
</table>`;
}

/** The report's body in GOV.UK markup: the web page shows it inside its layout, the API inside a bare page. */
export function boardReportHtmlBody(doc: ReportDocument, headingLevel: 1 | 2 = 1): string {
  const h = headingLevel;
  return [
    `<p class="govuk-body govuk-!-font-weight-bold" data-classification>${escape(doc.classification)}</p>`,
    `<h${h} class="govuk-heading-${h === 1 ? 'l' : 'm'}">${escape(doc.title)}</h${h}>`,
    `<p class="govuk-body-l">${escape(doc.subtitle)}</p>`,
    ...doc.sections.map((s) =>
      [
        `<h${h + 1} class="govuk-heading-m">${escape(s.heading)}</h${h + 1}>`,
        ...s.paragraphs.map((p) => `<p class="govuk-body">${escape(p)}</p>`),
        ...s.tables.map(table),
      ].join('\n'),
    ),
    `<p class="govuk-body govuk-!-font-weight-bold">${escape(doc.classification)}</p>`,
  ].join('\n');
}

/** A whole page for `format=html` from the API: language, title and plain styles, no script. */
export function boardReportHtmlPage(doc: ReportDocument): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.title)}</title>
<style>body{font-family:Arial,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border-bottom:1px solid #b1b4b6;padding:.5rem;text-align:left}.govuk-table__header--numeric,.govuk-table__cell--numeric{text-align:right}caption{text-align:left;font-weight:bold;padding:.5rem 0}</style>
</head>
<body>
<main>
${boardReportHtmlBody(doc)}
</main>
</body>
</html>
`;
}
