import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { boardReport } from './board-report';
import { boardReportDocx } from './board-report-docx';
import { boardReportHtmlBody } from './board-report-html';
import { parseChoice, parsePeriod } from './report-period';
import { reportDocument } from './report-document';
import { buildFacts, EventRow, FactRows } from './review-facts';
import { dataReturn, dataReturnCsv } from './data-return';
import { inflateRawSync } from 'node:zlib';

const NOW = new Date('2026-11-26T12:00:00Z');
const at = (iso: string) => new Date(iso);
const partnership = { id: 'p', name: 'Riverside CSP', code: 'RIV' };

let seq = 0;
const event = (
  reviewId: string,
  type: string,
  when: string,
  fromStage: string | null,
  toStage: string,
  extra: Partial<EventRow> = {},
): EventRow => ({
  reviewId,
  seq: ++seq,
  type,
  occurredAt: at(when),
  fromStage,
  toStage,
  holdKind: null,
  holdScope: null,
  reason: null,
  outcome: null,
  ...extra,
});

/** Two reviews: A completed in 7 months after a 30-day inquest hold; B running, past six months, with an overdue IMR. */
function rows(): FactRows {
  const review = (id: string, reference: string, notified: string) => ({
    id,
    reference,
    partnershipId: 'p',
    partnershipName: 'Riverside CSP',
    partnershipCode: 'RIV',
    stage: 'x',
    notifiedAt: at(notified),
    victimPseudonym: `Adult ${id}`,
    perpetratorPseudonym: null,
    deathType: 'homicide',
  });
  return {
    reviews: [review('A', 'DHR-RIV-2025-001', '2025-09-01T09:00:00Z'), review('B', 'DHR-RIV-2026-001', '2026-01-05T09:00:00Z')],
    events: [
      event('A', 'DECIDE_TO_COMMISSION', '2025-10-01T09:00:00Z', 'notification', 'setup'),
      event('A', 'AGREE_TERMS_OF_REFERENCE', '2025-10-10T09:00:00Z', 'setup', 'information_gathering'),
      event('A', 'PUT_ON_HOLD', '2025-12-01T09:00:00Z', 'information_gathering', 'information_gathering', {
        holdKind: 'inquest',
        holdScope: 'review',
        reason: 'Inquest for Adult A',
      }),
      event('A', 'RESUME', '2025-12-31T09:00:00Z', 'information_gathering', 'information_gathering'),
      event('A', 'BEGIN_DRAFTING', '2026-02-01T09:00:00Z', 'information_gathering', 'drafting'),
      event('A', 'SUBMIT_FOR_SIGNOFF', '2026-04-20T09:00:00Z', 'drafting', 'csp_signoff'),
      event('A', 'CSP_SIGN_OFF', '2026-05-01T09:00:00Z', 'csp_signoff', 'home_office_qa'),
      event('A', 'SUBMIT_TO_HOME_OFFICE', '2026-05-02T09:00:00Z', 'home_office_qa', 'home_office_qa'),
      event('A', 'QA_OUTCOME', '2026-06-02T09:00:00Z', 'home_office_qa', 'publication', { outcome: 'approved' }),
      event('B', 'DECIDE_TO_COMMISSION', '2026-02-01T10:00:00Z', 'notification', 'setup'),
    ],
    actions: [
      { reviewId: 'A', id: 'a1', dueAt: at('2026-10-01T00:00:00Z'), status: 'open', completedAt: null, recommendationId: 'r1' },
      {
        reviewId: 'A',
        id: 'a2',
        dueAt: at('2027-01-01T00:00:00Z'),
        status: 'complete',
        completedAt: at('2026-07-01T00:00:00Z'),
        recommendationId: 'r1',
      },
    ],
    requestClocks: [
      {
        reviewId: 'B',
        kind: 'imr',
        agencyId: 'ag',
        agencyName: 'Riverside Police',
        startedAt: at('2026-03-01T00:00:00Z'),
        dueAt: at('2026-04-12T00:00:00Z'),
        metAt: null,
        status: 'open',
      },
    ],
    recommendations: [
      { reviewId: 'A', id: 'r1', number: 1, scope: 'national', department: 'Home Office', sentOn: '2026-07-01', respondedOn: null },
    ],
  };
}

describe('board report figures', () => {
  const period = parsePeriod({ from: '2026-04-01', to: '2026-11-26' }, NOW);
  const report = boardReport(partnership, buildFacts(rows()), period, 'public', NOW);

  it('counts completion against six calendar months from commissioning, and running reviews past it', () => {
    expect(report.sixMonths).toMatchObject({ completedWithin: 0, completedLater: 1, runningPast: 1 });
    expect(report.sixMonths.completed[0]).toMatchObject({
      commissionedOn: '2025-10-01',
      completedOn: '2026-05-01',
      days: 212,
      withinSixMonths: false,
    });
  });

  it('lists overdue requests by agency, QA rounds, actions and national routing', () => {
    expect(report.delays.overdueRequests).toEqual([{ agency: 'Riverside Police', scoping: 0, imr: 1, reviews: 1 }]);
    expect(report.qa).toMatchObject({ submissions: 1, approved: 1, resubmit: 0 });
    expect(report.actionPlans).toMatchObject({ total: 2, open: 1, overdue: 1, complete: 1, completedInPeriod: 1 });
    expect(report.national).toMatchObject({
      total: 1,
      awaitingResponse: 1,
      byDepartment: [{ department: 'Home Office', sent: 1, responded: 0 }],
    });
  });

  it('the public document names no pseudonym and no reason; the restricted one does', async () => {
    const html = boardReportHtmlBody(reportDocument(report));
    expect(html).not.toMatch(/Adult [AB]/);
    const restricted = boardReport(
      partnership,
      buildFacts(rows()),
      parsePeriod({ from: '2025-04-01', to: '2026-03-31' }, NOW),
      'restricted',
      NOW,
    );
    const rhtml = boardReportHtmlBody(reportDocument(restricted));
    expect(rhtml).toContain('Adult A');
    expect(rhtml).toContain('Inquest for Adult A');
    expect(rhtml).toContain('OFFICIAL-SENSITIVE');
  });

  it('writes a Word document whose body holds the headings and tables', async () => {
    const bytes = await boardReportDocx(reportDocument(report));
    if (process.env.REPORT_SAMPLE_DIR) writeFileSync(join(process.env.REPORT_SAMPLE_DIR, 'board-report-sample.docx'), bytes);
    const xml = documentXml(bytes);
    expect(xml).toContain('Six-month compliance');
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).not.toMatch(/Adult [AB]/);
  });
});

describe('data return records', () => {
  it('one record per review active in the period, with stage dates, hold days and recommendation status', () => {
    const data = dataReturn(buildFacts(rows()), parsePeriod({ from: '2026-01-01', to: '2026-11-26' }, NOW), NOW, '/schema');
    expect(data.records.map((r) => r.reference)).toEqual(['DHR-RIV-2025-001', 'DHR-RIV-2026-001']);
    expect(data.records[0]).toMatchObject({
      commissionedOn: '2025-10-01',
      completedOn: '2026-05-01',
      daysToComplete: 212,
      holds: { count: 1, totalDays: 30 },
      qaRounds: 1,
      stage: 'publication',
      recommendations: [{ number: 1, scope: 'national', status: 'open', routing: { status: 'awaiting_response' } }],
    });
    expect(data.records[0].stageDates).toMatchObject({ notification: '2025-09-01', drafting: '2026-02-01', closed: null });
    const csv = dataReturnCsv(data).split('\r\n');
    expect(csv[0].split(',')).toHaveLength(29);
    expect(csv[1]).toContain('DHR-RIV-2025-001,Riverside CSP,RIV,homicide,publication,2025-09-01');
  });
});

/** The fields a call refuses, as the API names them. */
function refused(call: () => unknown): { field: string; reason: string }[] {
  try {
    call();
  } catch (error) {
    return (error as { details: { fields: { field: string; reason: string }[] } }).details.fields;
  }
  throw new Error('not refused');
}

describe('period and choices', () => {
  it('names the field and the reason', () => {
    expect(refused(() => parsePeriod({ to: '2026-01-01' }, NOW))).toEqual([
      { field: 'from', reason: 'is required (a date like 2026-04-01)' },
    ]);
    expect(refused(() => parsePeriod({ from: '2026-02-30', to: '2026-03-01' }, NOW))).toEqual([
      { field: 'from', reason: 'must be a real date written YYYY-MM-DD' },
    ]);
    expect(refused(() => parsePeriod({ from: '2026-03-02', to: '2026-03-01' }, NOW))).toEqual([
      { field: 'to', reason: 'must be on or after from' },
    ]);
    expect(refused(() => parsePeriod({ from: '2027-01-01', to: '2027-03-01' }, NOW))).toEqual([
      { field: 'from', reason: 'must not be in the future' },
    ]);
    expect(refused(() => parseChoice('audience', 'board', ['public', 'restricted']))).toEqual([
      { field: 'audience', reason: 'must be one of public, restricted' },
    ]);
  });

  it('whole London days: a day in summer time starts at 23:00 UTC the day before', () => {
    expect(parsePeriod({ from: '2026-07-01', to: '2026-07-01' }, NOW)).toMatchObject({
      start: at('2026-06-30T23:00:00Z'),
      end: at('2026-07-01T23:00:00Z'),
    });
  });
});

/** word/document.xml of a DOCX (zip: central directory, deflated or stored). */
function documentXml(archive: Buffer): string {
  const eocd = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = archive.readUInt32LE(eocd + 16);
  for (let i = 0; i < archive.readUInt16LE(eocd + 10); i++) {
    const n = archive.readUInt16LE(p + 28);
    const local = archive.readUInt32LE(p + 42);
    if (archive.toString('utf8', p + 46, p + 46 + n) === 'word/document.xml') {
      const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
      const data = archive.subarray(start, start + archive.readUInt32LE(p + 20));
      return (archive.readUInt16LE(p + 10) === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + n + archive.readUInt16LE(p + 30) + archive.readUInt16LE(p + 32);
  }
  throw new Error('no word/document.xml');
}
