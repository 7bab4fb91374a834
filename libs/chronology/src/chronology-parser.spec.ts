import { Workbook } from 'exceljs';
import { parseChronology, parseChronologyCsv, parseChronologyXlsx, XLSX_MEDIA_TYPE } from './chronology-parser';
import { MAX_CHRONOLOGY_ROWS, MAX_FIELD_LENGTH } from './chronology-rows';

const NOW = new Date('2026-06-01T12:00:00Z');
const csv = (text: string) => parseChronologyCsv(Buffer.from(text, 'utf8'), NOW);
const dates = (text: string) => csv(text).rows.map((r) => r.date.iso);

async function xlsx(rows: unknown[][], worksheets = 1): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Chronology');
  for (const row of rows) sheet.addRow(row);
  for (let i = 1; i < worksheets; i++) workbook.addWorksheet(`Other ${i}`).addRow(['nothing', 'here']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('chronology CSV', () => {
  it('reads quoted fields with commas, quotes and line breaks, and numbers each row by the line it starts on', () => {
    const parsed = csv(
      'date,agency,event,source\r\n' +
        '2024-01-02,Police,"Call, unanswered",PNC\r\n' +
        '2024-01-03,Police,"Officer said ""leave""\r\nthen left",Log 7\r\n' +
        '2024-01-04,Health,GP visit,EMIS\r\n',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.event])).toEqual([
      [2, 'Call, unanswered'],
      [3, 'Officer said "leave"\r\nthen left'],
      [5, 'GP visit'],
    ]);
  });

  it('accepts a BOM, header names in any order and case with spaces, and ignores extra columns', () => {
    const parsed = csv('\uFEFF Source ,EVENT,notes,Agency,Date\n PNC ,  Arrest ,ignored, Police ,02/01/2024\n');
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, date: { iso: '2024-01-02', day: '2024-01-02', instant: null }, agency: 'Police', event: 'Arrest', source: 'PNC' },
    ]);
  });

  it('names each missing header column on line 1, and a column named twice', () => {
    expect(csv('date,agency,details\n2024-01-01,Police,x\n').problems).toEqual([
      { line: 1, field: 'event', reason: expect.stringContaining('no "event" column') },
      { line: 1, field: 'source', reason: expect.stringContaining('no "source" column') },
    ]);
    expect(csv('date,agency,event,source,Date\n').problems).toEqual([
      { line: 1, field: 'date', reason: expect.stringContaining('more than once') },
    ]);
    expect(csv('').problems.map((p) => [p.line, p.field])).toEqual([
      [1, 'date'],
      [1, 'agency'],
      [1, 'event'],
      [1, 'source'],
    ]);
  });

  it('reads UK dates with and without a time, ISO dates and ISO date-times', () => {
    expect(
      dates(
        'date,agency,event,source\n' +
          '02/01/2024,P,a,s\n' +
          '2/1/2024 09:05,P,b,s\n' +
          '15/07/2024 09:05,P,c,s\n' +
          '2024-07-15,P,d,s\n' +
          '2024-07-15T09:05:00Z,P,e,s\n' +
          '2024-07-15T09:05,P,f,s\n' +
          '2024-01-15T09:05:00+02:00,P,g,s\n',
      ),
    ).toEqual([
      '2024-01-02',
      '2024-01-02T09:05:00+00:00',
      '2024-07-15T09:05:00+01:00',
      '2024-07-15',
      '2024-07-15T10:05:00+01:00',
      '2024-07-15T09:05:00+01:00',
      '2024-01-15T07:05:00+00:00',
    ]);
  });

  it('refuses impossible dates and month ends that do not exist, with their lines', () => {
    const parsed = csv(
      'date,agency,event,source\n31/04/2024,P,a,s\n31/02/2024,P,b,s\n29/02/2023,P,c,s\n29/02/2024,P,d,s\n2024-13-01,P,e,s\n01/01/2024 24:00,P,f,s\nyesterday,P,g,s\n',
    );
    expect(parsed.rows.map((r) => r.line)).toEqual([5]);
    expect(parsed.problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'date'],
      [3, 'date'],
      [4, 'date'],
      [6, 'date'],
      [7, 'date'],
      [8, 'date'],
    ]);
    expect(parsed.problems[0].reason).toBe('is not a real date (April 2024 has 30 days)');
  });

  it('reads times on the days the clocks change: the skipped hour is refused, the repeated one is BST', () => {
    const parsed = csv(
      'date,agency,event,source\n31/03/2024 00:30,P,a,s\n31/03/2024 01:30,P,b,s\n31/03/2024 02:30,P,c,s\n27/10/2024 01:30,P,d,s\n27/10/2024 02:30,P,e,s\n',
    );
    expect(parsed.rows.map((r) => r.date.iso)).toEqual([
      '2024-03-31T00:30:00+00:00',
      '2024-03-31T02:30:00+01:00',
      '2024-10-27T01:30:00+01:00',
      '2024-10-27T02:30:00+00:00',
    ]);
    expect(parsed.problems).toEqual([{ line: 3, field: 'date', reason: expect.stringContaining('clocks went forward') }]);
  });

  it('refuses dates in the future (London day and instant)', () => {
    const parsed = csv(
      'date,agency,event,source\n2026-06-01,P,today,s\n2026-06-02,P,tomorrow,s\n01/06/2026 13:30,P,later today,s\n01/06/2026 12:59,P,earlier,s\n',
    );
    expect(parsed.rows.map((r) => r.event)).toEqual(['today', 'earlier']);
    expect(parsed.problems.map((p) => [p.line, p.reason])).toEqual([
      [3, 'is in the future'],
      [4, 'is in the future'],
    ]);
  });

  it('skips entirely empty rows and names every missing field of a partial row', () => {
    const parsed = csv('date,agency,event,source\n\n , , , \n,,,\n2024-01-01,,  ,\n2024-01-02,P\n2024-01-03,P,e,s\n');
    expect(parsed.rows.map((r) => r.line)).toEqual([7]);
    expect(parsed.problems).toEqual([
      { line: 5, field: 'agency', reason: 'is required' },
      { line: 5, field: 'event', reason: 'is required' },
      { line: 5, field: 'source', reason: 'is required' },
      { line: 6, field: 'event', reason: 'is required' },
      { line: 6, field: 'source', reason: 'is required' },
    ]);
  });

  it('caps field length and row count', () => {
    const long = 'x'.repeat(MAX_FIELD_LENGTH + 1);
    expect(csv(`date,agency,event,source\n2024-01-01,P,"${long}",s\n`).problems).toEqual([
      { line: 2, field: 'event', reason: `is longer than ${MAX_FIELD_LENGTH} characters` },
    ]);
    const many = 'date,agency,event,source\n' + '2024-01-01,P,e,s\n'.repeat(MAX_CHRONOLOGY_ROWS + 5);
    const parsed = csv(many);
    expect(parsed.rows).toHaveLength(MAX_CHRONOLOGY_ROWS);
    expect(parsed.problems).toEqual([{ line: MAX_CHRONOLOGY_ROWS + 2, field: 'file', reason: expect.stringContaining('more than') }]);
  });

  it('names the line of a CSV syntax error even after quoted CRLF line breaks, keeping the rows before it', () => {
    const parsed = csv('date,agency,event,source\r\n2024-01-01,P,"two\r\nlines",s\r\n2024-01-02,P,"bad"quote,s\r\n2024-01-03,P,e,s\r\n');
    expect(parsed.rows.map((r) => r.line)).toEqual([2]);
    expect(parsed.problems).toEqual([{ line: 4, field: 'file', reason: expect.stringContaining('closing quote') }]);
    const open = csv('date,agency,event,source\n2024-01-01,P,e,s\n2024-01-02,P,"never closed,s\n2024-01-03,P,e,s\n');
    expect(open.problems).toEqual([{ line: 3, field: 'file', reason: expect.stringContaining('never closed') }]);
    const bare = csv('date,agency,event,source\n2024-01-01,P,e,s\n2024-01-02,P,=HYPERLINK("x"),s\n');
    expect(bare.problems).toEqual([{ line: 3, field: 'file', reason: expect.stringContaining('not quoted') }]);
  });

  it('refuses bytes that are not UTF-8 and NUL-free text', () => {
    expect(parseChronologyCsv(Buffer.from([0x64, 0xff, 0xfe]), NOW).problems).toEqual([
      { line: 1, field: 'file', reason: 'is not UTF-8 text' },
    ]);
  });
});

describe('chronology XLSX', () => {
  it('reads the first worksheet: date cells as the London date and time shown, text and ISO/UK date strings', async () => {
    const bytes = await xlsx(
      [
        ['Agency', 'Date', 'Event', 'Source', 'Notes'],
        ['Police', new Date(Date.UTC(2024, 6, 15)), 'Arrest', 'PNC', 'x'],
        ['Police', new Date(Date.UTC(2024, 6, 15, 9, 5)), 'Charge', 'PNC'],
        [null, null, null, null],
        ['Health', '03/01/2024', 'GP visit', 'EMIS'],
        ['Health', new Date(Date.UTC(2024, 2, 31, 1, 30)), 'Skipped hour', 'EMIS'],
        ['Health', 42, 'A number', 'EMIS'],
      ],
      2,
    );
    const parsed = await parseChronology(bytes, XLSX_MEDIA_TYPE, NOW);
    expect(parsed.rows.map((r) => [r.line, r.date.iso, r.agency, r.event])).toEqual([
      [2, '2024-07-15', 'Police', 'Arrest'],
      [3, '2024-07-15T09:05:00+01:00', 'Police', 'Charge'],
      [5, '2024-01-03', 'Health', 'GP visit'],
    ]);
    expect(parsed.problems.map((p) => [p.line, p.field])).toEqual([
      [6, 'date'],
      [7, 'date'],
    ]);
  });

  it('names missing header columns and refuses a file that is not a workbook', async () => {
    const parsed = await parseChronologyXlsx(
      await xlsx([
        ['date', 'event'],
        [new Date(Date.UTC(2024, 0, 1)), 'x'],
      ]),
      NOW,
    );
    expect(parsed.problems.map((p) => [p.line, p.field])).toEqual([
      [1, 'agency'],
      [1, 'source'],
    ]);
    expect((await parseChronologyXlsx(Buffer.from('PK not really'), NOW)).problems).toEqual([
      { line: 1, field: 'file', reason: 'is not a readable XLSX workbook' },
    ]);
  });

  it('reads formula results and rich text as their text', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('C');
    sheet.addRow(['date', 'agency', 'event', 'source']);
    sheet.addRow(['2024-01-01', { formula: 'UPPER("p")', result: 'P' }, { richText: [{ text: 'Rich ' }, { text: 'text' }] }, 's']);
    const parsed = await parseChronologyXlsx(Buffer.from(await workbook.xlsx.writeBuffer()), NOW);
    expect(parsed.rows.map((r) => [r.agency, r.event])).toEqual([['P', 'Rich text']]);
  });
});
