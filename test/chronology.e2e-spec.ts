import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import { parseChronologyXlsx } from '@dhr/chronology';
import { seedPartnership, Seed, Session } from './support/actors';
import { sql } from './support/notifications-db';
import { daysAgo, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

/** Police: CSV with a quoted comma, a time, a formula-looking event and the row health also sent. */
const POLICE_CSV = Buffer.from(
  '\uFEFFDate,Agency,Event,Source\r\n' +
    '14/02/2023 22:15,Police,"Domestic incident reported, officers attended",Incident log 0231\r\n' +
    '2023-03-01,Police,Joint MARAC meeting,MARAC minutes\r\n' +
    '2022-11-05,Police,"=HYPERLINK(""http://evil.example"")",PNC\r\n',
);

async function healthXlsx(): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Chronology');
  sheet.addRow(['source', 'event', 'date', 'agency']);
  sheet.addRow(['EMIS record', 'GP appointment; injuries noted', new Date(Date.UTC(2023, 0, 10)), 'NHS Trust']);
  sheet.addRow(['MARAC minutes', 'joint  MARAC meeting', '01/03/2023', 'POLICE']); // the police row, spelt differently
  sheet.addRow(['A&E notes', 'Attended A&E', new Date(Date.UTC(2023, 6, 2, 3, 40)), 'NHS Trust']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const binary = (res: import('superagent').Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

interface Entry {
  date: string;
  agency: string;
  event: string;
  source: string;
  agencyId: string;
  documentId: string;
  version: number;
  line: number;
}

describe('combined chronology', () => {
  let t: TestApp;
  let a: Seed;
  let review: string;
  let reference: string;
  let policeDoc: string;
  let healthDoc: string;

  beforeAll(async () => {
    t = await startTestApp();
    a = await seedPartnership(t, 'CHRON');
    const created = await t.http().post('/api/reviews').set(a.coordinator.auth).send(reviewBody(a.partnership.id));
    review = created.body.id;
    reference = created.body.reference;
    await send(t, a.cspChair, review, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(10), rationale: 'criteria met' });
    await send(t, a.coordinator, review, { type: 'APPOINT_CHAIR', userId: a.chair.id });
    await send(t, a.chair, review, { type: 'ADD_PANEL_AGENCY', agencyId: a.police.id });
    await send(t, a.chair, review, { type: 'ADD_PANEL_AGENCY', agencyId: a.health.id });
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (who: Session, file: Buffer, fileName: string, agencyId: string, type = 'chronology') =>
    t
      .http()
      .post(`/api/reviews/${review}/documents`)
      .set(who.auth)
      .field('type', type)
      .field('agencyId', agencyId)
      .attach('file', file, fileName);
  const merged = (who: Session) => t.http().get(`/api/reviews/${review}/chronology`).set(who.auth);
  const download = (who: Session, format?: string) =>
    t
      .http()
      .get(`/api/reviews/${review}/chronology/content${format ? `?format=${format}` : ''}`)
      .set(who.auth)
      .buffer(true)
      .parse(binary);
  const documentCount = async () =>
    (
      await sql<{ n: number }>(
        t.config,
        'SELECT count(*)::int AS n FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE d.review_id = $1',
        [review],
      )
    )[0].n;

  it('accepts well-formed CSV and XLSX chronologies from the agencies', async () => {
    const police = await upload(a.policeContact, POLICE_CSV, 'police-chronology.csv', a.police.id);
    expect([police.status, police.body.mediaType]).toEqual([201, 'text/csv']);
    policeDoc = police.body.id;
    const health = await upload(a.healthContact, await healthXlsx(), 'health.xlsx', a.health.id);
    expect(health.status).toBe(201);
    healthDoc = health.body.id;
  });

  it('refuses a malformed chronology with 422 naming the lines, and stores nothing', async () => {
    const before = await documentCount();
    const bad = Buffer.from(
      'date,agency,event,source\n2023-01-01,Police,Fine,PNC\n31/04/2023,Police,No such day,PNC\n2023-01-02,Police,,PNC\n\n2099-01-01,Police,Future,PNC\n',
    );
    const res = await upload(a.policeContact, bad, 'bad.csv', a.police.id);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      error: 'chronology_invalid',
      message: expect.any(String),
      problems: [
        { line: 3, field: 'date', reason: 'is not a real date (April 2023 has 30 days)' },
        { line: 4, field: 'event', reason: 'is required' },
        { line: 6, field: 'date', reason: 'is in the future' },
      ],
      problemCount: 3,
    });
    const noHeader = await t
      .http()
      .post(`/api/reviews/${review}/documents/${policeDoc}/versions`)
      .set(a.policeContact.auth)
      .attach('file', Buffer.from('when,who,what\n2023-01-01,P,x\n'), 'v2.csv');
    expect(noHeader.status).toBe(422);
    expect(noHeader.body.problems.map((p: { line: number; field: string }) => [p.line, p.field])).toEqual([
      [1, 'date'],
      [1, 'agency'],
      [1, 'event'],
      [1, 'source'],
    ]);
    expect(await documentCount()).toBe(before);
  });

  it('merges the latest versions for the coordinator: sorted, de-duplicated, with where each row came from', async () => {
    const res = await merged(a.coordinator);
    expect(res.status).toBe(200);
    const body = res.body as { entries: Entry[]; duplicatesRemoved: number; sources: unknown[]; notMerged: unknown[]; problems: unknown[] };
    expect(body.entries.map((e) => [e.date, e.agency, e.event, e.documentId, e.line])).toEqual([
      ['2022-11-05', 'Police', '=HYPERLINK("http://evil.example")', policeDoc, 4],
      ['2023-01-10', 'NHS Trust', 'GP appointment; injuries noted', healthDoc, 2],
      ['2023-02-14T22:15:00+00:00', 'Police', 'Domestic incident reported, officers attended', policeDoc, 2],
      ['2023-03-01', 'Police', 'Joint MARAC meeting', policeDoc, 3],
      ['2023-07-02T03:40:00+01:00', 'NHS Trust', 'Attended A&E', healthDoc, 4],
    ]);
    expect(body.entries[0]).toEqual({
      date: '2022-11-05',
      agency: 'Police',
      event: '=HYPERLINK("http://evil.example")',
      source: 'PNC',
      agencyId: a.police.id,
      documentId: policeDoc,
      version: 1,
      line: 4,
    });
    expect(body.duplicatesRemoved).toBe(1);
    expect(body.sources).toEqual([
      { documentId: policeDoc, agencyId: a.police.id, version: 1, rows: 3 },
      { documentId: healthDoc, agencyId: a.health.id, version: 1, rows: 3 },
    ]);
    expect(body.notMerged).toEqual([]);
    expect(body.problems).toEqual([]);
    // The independent chair and CSP chair see the same merge.
    expect((await merged(a.chair)).body).toEqual(body);
    expect((await merged(a.cspChair)).body).toEqual(body);
  });

  it('uses the latest version of a chronology', async () => {
    const v2 = Buffer.concat([POLICE_CSV, Buffer.from('2023-04-01,Police,Follow-up visit,Incident log 0310\r\n')]);
    const res = await t
      .http()
      .post(`/api/reviews/${review}/documents/${policeDoc}/versions`)
      .set(a.policeContact.auth)
      .attach('file', v2, 'v2.csv');
    expect(res.status).toBe(201);
    const body = (await merged(a.coordinator)).body as { entries: Entry[]; sources: { documentId: string; version: number }[] };
    expect(body.entries.map((e) => e.event)).toContain('Follow-up visit');
    expect(body.entries.filter((e) => e.documentId === policeDoc).every((e) => e.version === 2)).toBe(true);
    expect(body.sources.find((s) => s.documentId === policeDoc)?.version).toBe(2);
  });

  it('downloads CSV and XLSX that read back as the same rows, with formula-looking text neutralised', async () => {
    const view = (await merged(a.coordinator)).body as { entries: Entry[] };
    const expected = view.entries.map((e) => [e.date, e.agency, e.event, e.source]);

    const csv = await download(a.coordinator);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="chronology-${reference}.csv"`);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).toContain('\r\n');
    const rows = parse(text) as string[][];
    expect(rows[0]).toEqual(['date', 'agency', 'event', 'source', 'agencyId', 'documentId', 'version', 'line']);
    expect(rows.slice(1).map((r) => r.slice(0, 4))).toEqual(
      expected.map(([date, agency, event, source]) => [date, agency, event.startsWith('=') ? `'${event}` : event, source]),
    );
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);

    const xlsx = await download(a.coordinator, 'xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toBe(`attachment; filename="chronology-${reference}.xlsx"`);
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell('A2').value).toBeInstanceOf(Date);
    expect(sheet.getCell('A2').numFmt).toBe('yyyy-mm-dd');
    const formulaCell = sheet.getCell('C2');
    expect([formulaCell.type, formulaCell.formula, formulaCell.value]).toEqual([
      3 /* ValueType.String */,
      undefined,
      '=HYPERLINK("http://evil.example")',
    ]);
    // Read back with the chronology's own reader: the same rows, dates included.
    const back = await parseChronologyXlsx(xlsx.body as Buffer, new Date());
    expect(back.problems).toEqual([]);
    expect(back.rows.map((r) => [r.date.iso, r.agency, r.event, r.source])).toEqual(expected);
  });

  it("shows an agency contact only their own agency's chronology", async () => {
    const police = (await merged(a.policeContact)).body as { entries: Entry[]; sources: { agencyId: string }[] };
    expect(police.entries.length).toBeGreaterThan(0);
    expect(police.entries.every((e) => e.agencyId === a.police.id)).toBe(true);
    expect(police.sources.every((s) => s.agencyId === a.police.id)).toBe(true);
    const health = (await merged(a.healthContact)).body as { entries: Entry[]; duplicatesRemoved: number };
    expect(health.entries.map((e) => e.event)).toEqual(['GP appointment; injuries noted', 'joint  MARAC meeting', 'Attended A&E']);
    expect(health.duplicatesRemoved).toBe(0);
    const csv = parse((await download(a.healthContact)).body.toString('utf8')) as string[][];
    expect(csv.slice(1).every((r) => r[4] === a.health.id)).toBe(true);
    expect((await merged(a.admin)).status).toBe(403);
  });

  it('lists a PDF chronology as not merged', async () => {
    const pdf = await upload(a.coordinator, PDF, 'social-care.pdf', a.health.id);
    expect(pdf.status).toBe(201);
    const body = (await merged(a.coordinator)).body as { notMerged: unknown[] };
    expect(body.notMerged).toEqual([
      { documentId: pdf.body.id, agencyId: a.health.id, version: 1, mediaType: 'application/pdf', reason: expect.any(String) },
    ]);
  });

  it('refuses an unknown format and audits every read with the versions merged, never row text', async () => {
    expect((await download(a.coordinator, 'pdf')).status).toBe(400);
    const rows = await sql<{ action: string; changes: Record<string, { after: unknown }> }>(
      t.config,
      `SELECT action, changes FROM audit_entries WHERE review_id = $1 AND action LIKE 'chronology.%' ORDER BY id`,
      [review],
    );
    expect(rows.filter((r) => r.action === 'chronology.read').length).toBeGreaterThanOrEqual(6);
    expect(rows.filter((r) => r.action === 'chronology.export').length).toBeGreaterThanOrEqual(3);
    const last = rows.filter((r) => r.action === 'chronology.read').at(-1)!;
    expect(last.changes.merged.after).toEqual(
      expect.arrayContaining([
        { documentId: policeDoc, version: 2, rows: 4 },
        { documentId: healthDoc, version: 1, rows: 3 },
      ]),
    );
    const all = JSON.stringify(rows);
    for (const secret of ['MARAC', 'Domestic incident', 'HYPERLINK', 'A&E']) expect(all).not.toContain(secret);
  });

  it('answers 409 when a stored chronology fails its integrity check', async () => {
    const [row] = await sql<{ storage_key: string }>(
      t.config,
      'SELECT storage_key FROM document_versions WHERE document_id = $1 ORDER BY version DESC LIMIT 1',
      [healthDoc],
    );
    const path = resolve(t.config.VAR_DIR, 'documents', row.storage_key);
    const bytes = readFileSync(path);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    writeFileSync(path, bytes);
    const res = await merged(a.coordinator);
    expect([res.status, res.body.error]).toEqual([409, 'document_integrity_failed']);
    // The police contact never reads the health file, so theirs still merges.
    expect((await merged(a.policeContact)).status).toBe(200);
  });
});
