import { parse } from 'csv-parse/sync';
import { seedPartnership, Seed, Session } from './support/actors';
import { sql } from './support/notifications-db';
import { dateDaysAgo, daysAgo, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';
import { unzipEntry } from './support/zip';

/** A London calendar date `days` from today (negative: in the past). */
const londonDate = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(Date.now() + days * 86_400_000);

const FROM = londonDate(-400);
const TO = londonDate(0);
const PSEUDONYMS = ['Adult R1', 'Adult R2', 'Adult R3', 'Adult R4', 'Perpetrator R2'];

/**
 * A generated history with known answers, in partnership RPT:
 * - R1: commissioned 200 days ago, signed off 60 days ago (within six months) after a hold of 10 days
 *   (inquest), two QA rounds (resubmit, then approved), published; 3 actions (1 complete, 1 overdue,
 *   1 open), a local and two national recommendations (one sent and answered, one not sent);
 * - R2: commissioned 100 days ago, in drafting, on hold since 20 days ago (criminal trial);
 * - R3: commissioned 250 days ago (past six months), police IMR requested and overdue;
 * - R4: not commissioned 300 days ago, Home Office accepted, closed.
 */
describe('board report and national data return', () => {
  let t: TestApp;
  let s: Seed;
  let other: Seed;
  const ids: Record<string, string> = {};
  const refs: Record<string, string> = {};

  const create = async (key: string, notifiedDaysAgo: number, victim: string, perpetrator: string | null = null) => {
    const res = await t
      .http()
      .post('/api/reviews')
      .set(s.coordinator.auth)
      .send(
        reviewBody(s.partnership.id, {
          notifiedAt: daysAgo(notifiedDaysAgo),
          deathDate: dateDaysAgo(notifiedDaysAgo + 3),
          victimPseudonym: victim,
          perpetratorPseudonym: perpetrator,
        }),
      );
    expect(res.status).toBe(201);
    ids[key] = res.body.id;
    refs[key] = res.body.reference;
    return res.body.id as string;
  };

  /** Commissioned `d` days ago; set up with the police on the panel a day later. */
  const commissionAndSetUp = async (id: string, d: number) => {
    await send(t, s.cspChair, id, {
      type: 'DECIDE_TO_COMMISSION',
      decidedAt: daysAgo(d),
      rationale: 'criteria met',
      deathType: 'homicide',
    });
    await send(t, s.coordinator, id, { type: 'HOME_OFFICE_INFORMED', sentAt: daysAgo(d - 0.5) });
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id, occurredAt: daysAgo(d - 1) });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id, occurredAt: daysAgo(d - 1) });
    await send(t, s.chair, id, {
      type: 'AGREE_TERMS_OF_REFERENCE',
      agreedAt: daysAgo(d - 1),
      periodFrom: '2021-01-01',
      periodTo: '2026-01-01',
    });
  };

  const toDrafting = async (id: string, d: number) => {
    await send(t, s.chair, id, { type: 'WAIVE_IMR', agencyId: s.police.id, reason: 'no contact', occurredAt: daysAgo(d) });
    await send(t, s.chair, id, { type: 'BEGIN_DRAFTING', occurredAt: daysAgo(d) });
  };

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedPartnership(t, 'RPT');
    other = await seedPartnership(t, 'RPTB', s.admin);

    // R1
    const r1 = await create('R1', 205, 'Adult R1');
    await commissionAndSetUp(r1, 200);
    await toDrafting(r1, 190);
    await send(t, s.coordinator, r1, {
      type: 'PUT_ON_HOLD',
      kind: 'inquest',
      reason: 'Inquest into the death of Adult R1',
      occurredAt: daysAgo(150),
    });
    await send(t, s.coordinator, r1, { type: 'RESUME', occurredAt: daysAgo(140) });
    await send(t, s.chair, r1, { type: 'SUBMIT_DRAFT', note: 'draft', occurredAt: daysAgo(100) });
    await send(t, s.chair, r1, { type: 'FAMILY_NOT_INVOLVED', reason: 'declined', occurredAt: daysAgo(99) });
    await send(t, s.chair, r1, { type: 'SUBMIT_FOR_SIGNOFF', occurredAt: daysAgo(98) });
    await send(t, s.cspChair, r1, { type: 'CSP_SIGN_OFF', signedAt: daysAgo(60) });
    await send(t, s.coordinator, r1, { type: 'SUBMIT_TO_HOME_OFFICE', submittedAt: daysAgo(59) });
    await send(t, s.coordinator, r1, { type: 'QA_OUTCOME', outcome: 'resubmit', receivedAt: daysAgo(50) });
    await send(t, s.chair, r1, { type: 'SUBMIT_DRAFT', note: 'revised', occurredAt: daysAgo(45) });
    await send(t, s.chair, r1, { type: 'SUBMIT_FOR_SIGNOFF', occurredAt: daysAgo(44) });
    await send(t, s.cspChair, r1, { type: 'CSP_SIGN_OFF', signedAt: daysAgo(43) });
    await send(t, s.coordinator, r1, { type: 'SUBMIT_TO_HOME_OFFICE', submittedAt: daysAgo(42) });
    await send(t, s.coordinator, r1, { type: 'QA_OUTCOME', outcome: 'approved', receivedAt: daysAgo(30) });
    await send(t, s.coordinator, r1, { type: 'COPY_SENT_TO_COMMISSIONER', sentAt: daysAgo(29) });
    await send(t, s.coordinator, r1, { type: 'PUBLISH', url: 'https://example.org/dhr.pdf', publishedAt: daysAgo(28) });
    const rec = async (body: object) => {
      const res = await t.http().post(`/api/reviews/${r1}/recommendations`).set(s.coordinator.auth).send(body);
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const local = await rec({ scope: 'local', text: 'Police to refresh training', ownerAgencyId: s.police.id });
    const answered = await rec({ scope: 'national', text: 'Guidance on coercive control' });
    await rec({ scope: 'national', text: 'Guidance for GPs' });
    for (const body of [
      { department: 'Home Office', sentOn: londonDate(-20) },
      { response: 'Accepted in part', respondedOn: londonDate(-5) },
    ]) {
      const res = await t.http().patch(`/api/reviews/${r1}/recommendations/${answered}`).set(s.coordinator.auth).send(body);
      expect(res.status).toBe(200);
    }
    const done = '00000000-0000-4000-8000-000000000001';
    await send(t, s.coordinator, r1, {
      type: 'ADD_ACTION',
      actionId: done,
      agencyId: s.police.id,
      description: 'Training',
      dueAt: daysAgo(-30),
      recommendationId: local,
      occurredAt: daysAgo(27),
    });
    await send(t, s.coordinator, r1, {
      type: 'ADD_ACTION',
      agencyId: s.police.id,
      description: 'Audit',
      dueAt: daysAgo(2),
      occurredAt: daysAgo(27),
    });
    await send(t, s.coordinator, r1, {
      type: 'ADD_ACTION',
      agencyId: s.health.id,
      description: 'Guidance',
      dueAt: daysAgo(-60),
      recommendationId: answered,
      occurredAt: daysAgo(27),
    });
    await send(t, s.coordinator, r1, { type: 'COMPLETE_ACTION', actionId: done, completedAt: daysAgo(3) });

    // R2
    const r2 = await create('R2', 105, 'Adult R2', 'Perpetrator R2');
    await commissionAndSetUp(r2, 100);
    await toDrafting(r2, 90);
    await send(t, s.coordinator, r2, {
      type: 'PUT_ON_HOLD',
      kind: 'criminal_trial',
      reason: 'Trial of Perpetrator R2',
      occurredAt: daysAgo(20),
    });

    // R3
    const r3 = await create('R3', 255, 'Adult R3');
    await commissionAndSetUp(r3, 250);
    await send(t, s.chair, r3, { type: 'REQUEST_IMR', agencyId: s.police.id, dueAt: daysAgo(10), occurredAt: daysAgo(240) });

    // R4
    const r4 = await create('R4', 310, 'Adult R4');
    await send(t, s.cspChair, r4, {
      type: 'DECIDE_NOT_TO_COMMISSION',
      decidedAt: daysAgo(300),
      rationale: 'criteria not met',
      deathType: 'suicide',
    });
    await send(t, s.coordinator, r4, { type: 'HOME_OFFICE_INFORMED', sentAt: daysAgo(299) });
    await send(t, s.coordinator, r4, { type: 'HOME_OFFICE_RESPONSE', outcome: 'accepted', receivedAt: daysAgo(280) });
    await send(t, s.coordinator, r4, { type: 'CLOSE', occurredAt: daysAgo(279) });
  });
  afterAll(() => t.close());

  const boardReport = (query: string, session: Session = s.coordinator, partnershipId = s.partnership.id) =>
    t
      .http()
      .get(`/api/partnerships/${partnershipId}/board-report?${query}`)
      .set(session.auth)
      .buffer(true)
      .parse(binary as never);

  it('the HTML report has the exact figures, and the public one no pseudonym', async () => {
    const res = await boardReport(`from=${FROM}&to=${TO}&audience=public&format=html`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = (res.body as Buffer).toString('utf8');
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('OFFICIAL');
    expect(text).not.toContain('OFFICIAL-SENSITIVE');
    expect(text).toContain('3 reviews running at the end of the period, of which 1 on hold.');
    expect(text).toContain('Deaths notified 4');
    expect(text).toContain('Reviews commissioned 3');
    expect(text).toContain('Decided not to commission 1');
    expect(text).toContain('Reviews completed (signed off by the CSP) 1');
    expect(text).toContain('Reports published 1');
    expect(text).toContain('Reviews closed 1');
    expect(text).toContain('Completed in the period: 1 within six months, 0 after six months. Running past six months: 1.');
    expect(text).toContain(`RPT Police 0 1 1`);
    expect(text).toContain(
      '2 submissions to the Home Office Quality Assurance Panel in the period; outcomes received: 1 approved, 1 resubmission required.',
    );
    expect(text).toContain('Home Office responses to decisions not to commission: 1 accepted, 0 challenged.');
    expect(text).toContain('3 actions: 1 complete, 2 open, of which 1 overdue. 1 completed in the period.');
    expect(text).toContain('2 national recommendations: 1 not sent on, 0 sent and awaiting a response, 1 with a response.');
    expect(text).toContain('Home Office 1 1');
    expect(text).toContain('Inquest');
    expect(text).toContain('Criminal trial');
    for (const ref of Object.values(refs).slice(0, 3)) expect(text).toContain(ref);
    for (const p of PSEUDONYMS) expect(html).not.toContain(p);
    expect(html).not.toContain('Trial of');
    expect(html).not.toMatch(/coordinator RPT|csp_chair RPT|independent_chair RPT/);
  });

  it('the public DOCX carries the figures and no pseudonym or name; the restricted one has pseudonyms and reasons', async () => {
    const res = await boardReport(`from=${FROM}&to=${TO}&audience=public&format=docx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/vnd.openxmlformats-officedocument.wordprocessingml.document/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="board-report-rpt-${FROM}-${TO}-public.docx"`);
    const xml = unzipEntry(res.body as Buffer, 'word/document.xml')!;
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Classification: OFFICIAL');
    expect(text).toContain('Reviews running by stage');
    expect(text).toContain(refs.R1);
    for (const p of PSEUDONYMS) expect(xml).not.toContain(p);
    expect(xml).not.toMatch(/coordinator RPT|csp_chair RPT|independent_chair RPT/);
    expect(unzipEntry(res.body as Buffer, 'word/header1.xml') ?? '').toContain('OFFICIAL');
    expect(unzipEntry(res.body as Buffer, 'docProps/core.xml')).toContain('report to the board');

    const restricted = await boardReport(`from=${FROM}&to=${TO}&audience=restricted&format=docx`);
    expect(restricted.status).toBe(200);
    expect(restricted.headers['content-disposition']).toContain('-restricted.docx');
    const rxml = unzipEntry(restricted.body as Buffer, 'word/document.xml')!;
    expect(rxml).toContain('OFFICIAL-SENSITIVE');
    expect(rxml).toContain('Adult R2');
    expect(rxml).toContain('Trial of Perpetrator R2');
  });

  it('audits each download: who, partnership, period, audience; no content', async () => {
    const rows = await sql(
      t.config,
      `SELECT actor_id, entity_id, changes FROM audit_entries WHERE action = 'board_report.download' AND chain = $1 ORDER BY seq`,
      [s.partnership.id],
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows[0]).toMatchObject({ actor_id: s.coordinator.id, entity_id: s.partnership.id });
    expect(rows[0].changes).toEqual({
      period: { before: null, after: `${FROM}/${TO}` },
      audience: { before: null, after: 'public' },
      format: { before: null, after: 'html' },
    });
  });

  it('refuses other roles and another partnership; names the bad field', async () => {
    expect((await boardReport(`from=${FROM}&to=${TO}`, s.chair)).status).toBe(403);
    expect((await boardReport(`from=${FROM}&to=${TO}`, s.policeContact)).status).toBe(403);
    expect((await boardReport(`from=${FROM}&to=${TO}`, s.admin)).status).toBe(403);
    expect((await boardReport(`from=${FROM}&to=${TO}`, other.coordinator)).status).toBe(404);
    expect((await boardReport(`from=${FROM}&to=${TO}`, s.cspChair)).status).toBe(200);
    const field = async (query: string) => {
      const res = await boardReport(query);
      expect(res.status).toBe(400);
      return JSON.parse((res.body as Buffer).toString('utf8')).fields.map((f: { field: string }) => f.field);
    };
    expect(await field(`to=${TO}`)).toEqual(['from']);
    expect(await field(`from=2026-02-30&to=${TO}`)).toEqual(['from']);
    expect(await field(`from=${TO}&to=${FROM}`)).toEqual(['to']);
    expect(await field(`from=${FROM}&to=${TO}&audience=board`)).toEqual(['audience']);
    expect(await field(`from=${FROM}&to=${TO}&format=pdf`)).toEqual(['format']);
  });

  it('the data return: one record per review, no pseudonyms, exact figures, in JSON and CSV', async () => {
    const res = await t.http().get(`/api/data-return?from=${FROM}&to=${TO}&format=json`).set(s.coordinator.auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="data-return-${FROM}-${TO}.json"`);
    const body = JSON.parse(res.text);
    for (const p of PSEUDONYMS) expect(res.text).not.toContain(p);
    const byRef = Object.fromEntries(body.records.map((r: { reference: string }) => [r.reference, r]));
    expect(Object.keys(byRef).sort()).toEqual(Object.values(refs).sort());
    expect(byRef[refs.R1]).toMatchObject({
      partnership: { name: 'RPT CSP', code: 'RPT' },
      deathType: 'homicide',
      stage: 'action_plan',
      commissionedOn: londonDate(-200),
      completedOn: londonDate(-60),
      daysToComplete: 140,
      holds: { count: 1, totalDays: 10 },
      qaRounds: 2,
      qaResubmissions: 1,
    });
    expect(byRef[refs.R1].stageDates).toMatchObject({
      setup: londonDate(-200),
      home_office_qa: londonDate(-60),
      action_plan: londonDate(-28),
      closed: null,
    });
    expect(byRef[refs.R1].recommendations).toEqual([
      { number: 1, scope: 'local', routing: null, status: 'complete' },
      {
        number: 2,
        scope: 'national',
        routing: { department: 'Home Office', sentOn: londonDate(-20), respondedOn: londonDate(-5), status: 'response_received' },
        status: 'open',
      },
      {
        number: 3,
        scope: 'national',
        routing: { department: null, sentOn: null, respondedOn: null, status: 'not_sent' },
        status: 'no_actions',
      },
    ]);
    expect(byRef[refs.R2]).toMatchObject({
      stage: 'drafting',
      holds: { count: 1, totalDays: 20 },
      completedOn: null,
      daysToComplete: null,
    });
    expect(byRef[refs.R4]).toMatchObject({ deathType: 'suicide', stage: 'closed', commissionedOn: null });

    const csv = await t.http().get(`/api/data-return?from=${FROM}&to=${TO}&format=csv`).set(s.coordinator.auth);
    expect(csv.status).toBe(200);
    const rows: Record<string, string>[] = parse(csv.text, { columns: true });
    const r1 = rows.find((r) => r.reference === refs.R1)!;
    expect(r1).toMatchObject({
      days_to_complete: '140',
      holds: '1',
      hold_days: '10',
      qa_rounds: '2',
      recommendations_local: '1',
      recommendations_national: '2',
      national_not_sent: '1',
      national_response_received: '1',
      recommendations_complete: '1',
      recommendations_open: '1',
      recommendations_no_actions: '1',
    });
    expect(rows).toHaveLength(4);
  });

  it('a review notified after the period, or closed before it began, is not in the return', async () => {
    const res = await t
      .http()
      .get(`/api/data-return?from=${londonDate(-300)}&to=${londonDate(-290)}&format=json`)
      .set(s.coordinator.auth);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).records.map((r: { reference: string }) => r.reference)).toEqual([refs.R4]);
    const late = await t
      .http()
      .get(`/api/data-return?from=${londonDate(-10)}&to=${TO}&format=json`)
      .set(s.coordinator.auth);
    expect(JSON.parse(late.text).records.map((r: { reference: string }) => r.reference)).not.toContain(refs.R4);
  });

  it('the data return: administrators every partnership, coordinators theirs, others 403, bad query 400; audited; schema served', async () => {
    const admin = await t.http().get(`/api/data-return?from=${FROM}&to=${TO}&format=json`).set(s.admin.auth);
    expect(admin.status).toBe(200);
    expect(JSON.parse(admin.text).records.length).toBeGreaterThanOrEqual(4);
    const b = await t.http().get(`/api/data-return?from=${FROM}&to=${TO}&format=json`).set(other.coordinator.auth);
    expect(JSON.parse(b.text).records).toEqual([]);
    for (const who of [s.cspChair, s.chair, s.policeContact])
      expect((await t.http().get(`/api/data-return?from=${FROM}&to=${TO}`).set(who.auth)).status).toBe(403);
    const bad = await t.http().get(`/api/data-return?from=${FROM}&to=${TO}&format=xml`).set(s.coordinator.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([{ field: 'format', reason: 'must be one of csv, json' }]);
    const audited = await sql<{ changes: object }>(
      t.config,
      `SELECT changes FROM audit_entries WHERE action = 'data_return.download' AND chain = 'system'`,
    );
    expect(audited[0].changes).toEqual({
      period: { before: null, after: `${FROM}/${TO}` },
      format: { before: null, after: 'json' },
      records: { before: null, after: JSON.parse(admin.text).records.length },
    });
    const schema = await t.http().get('/api/data-return/schema').set(s.coordinator.auth);
    expect(schema.status).toBe(200);
    expect(schema.body.$schema).toContain('json-schema.org');
    expect(Object.keys(schema.body.properties.records.items.properties)).toEqual(Object.keys(JSON.parse(admin.text).records[0]));
  });
});

/** Collects the body as bytes whatever its media type (the DOCX is binary); superagent hands the raw response stream. */
function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
