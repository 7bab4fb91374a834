import { parse } from 'csv-parse/sync';
import { seedPartnership, Seed } from './support/actors';
import { sql } from './support/notifications-db';
import { daysAgo, daysAhead, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';

/** A London calendar date `days` from today (negative: in the past). */
const londonDate = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(Date.now() + days * 86_400_000);

/** Commissioned, chaired, police and health on the panel, IMRs waived, drafting begun 38 days ago. */
async function reviewInDrafting(t: TestApp, s: Seed): Promise<string> {
  const created = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
  await send(t, s.coordinator, id, { type: 'HOME_OFFICE_INFORMED', sentAt: daysAgo(44) });
  await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id, occurredAt: daysAgo(41) });
  await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id, occurredAt: daysAgo(41) });
  await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.health.id, occurredAt: daysAgo(41) });
  await send(t, s.chair, id, { type: 'AGREE_TERMS_OF_REFERENCE', agreedAt: daysAgo(40), periodFrom: '2021-01-01', periodTo: '2026-01-01' });
  await send(t, s.chair, id, { type: 'WAIVE_IMR', agencyId: s.police.id, reason: 'covered by the health IMR', occurredAt: daysAgo(39) });
  await send(t, s.chair, id, { type: 'WAIVE_IMR', agencyId: s.health.id, reason: 'no contact', occurredAt: daysAgo(39) });
  await send(t, s.chair, id, { type: 'BEGIN_DRAFTING', occurredAt: daysAgo(38) });
  return id;
}

/** From drafting to action_plan, published 21 days ago. */
async function toActionPlan(t: TestApp, s: Seed, id: string): Promise<void> {
  await send(t, s.chair, id, { type: 'SUBMIT_DRAFT', note: 'draft', occurredAt: daysAgo(30) });
  await send(t, s.chair, id, { type: 'FAMILY_NOT_INVOLVED', reason: 'declined involvement', occurredAt: daysAgo(29) });
  await send(t, s.chair, id, { type: 'SUBMIT_FOR_SIGNOFF', occurredAt: daysAgo(28) });
  await send(t, s.cspChair, id, { type: 'CSP_SIGN_OFF', signedAt: daysAgo(27) });
  await send(t, s.coordinator, id, { type: 'SUBMIT_TO_HOME_OFFICE', submittedAt: daysAgo(26) });
  await send(t, s.coordinator, id, { type: 'QA_OUTCOME', outcome: 'approved', receivedAt: daysAgo(24) });
  await send(t, s.coordinator, id, { type: 'COPY_SENT_TO_COMMISSIONER', sentAt: daysAgo(23) });
  const r = await send(t, s.coordinator, id, { type: 'PUBLISH', url: 'https://example.org/dhr/report.pdf', publishedAt: daysAgo(21) });
  expect(r.stage).toBe('action_plan');
}

const parseCsv = (text: string): Record<string, string>[] => parse(text, { columns: true, skip_empty_lines: true });
const fieldsOf = (body: { fields?: { field: string; reason: string }[] }) => body.fields ?? [];

describe('national recommendations: where they were sent, the response, and the exports', () => {
  let t: TestApp;
  let s: Seed;
  let id: string;
  let local: { id: string };
  let routed: { id: string };
  let unsent: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedPartnership(t, 'NATR');
    id = await reviewInDrafting(t, s);
    const add = async (body: object) => {
      const res = await t.http().post(`/api/reviews/${id}/recommendations`).set(s.coordinator.auth).send(body);
      expect(res.status).toBe(201);
      return res.body;
    };
    local = await add({ scope: 'local', text: 'Police to refresh DA risk training', ownerAgencyId: s.police.id });
    routed = await add({ scope: 'national', text: 'Statutory guidance on coercive control' });
    unsent = await add({ scope: 'national', text: '+Guidance for GPs on routine enquiry' });
    expect(local).toMatchObject({ routing: null });
    expect(routed).toMatchObject({ routing: { department: null, sentOn: null, response: null, respondedOn: null, status: 'not_sent' } });
  });
  afterAll(() => t.close());

  const patch = (recommendationId: string, body: object, session = s.coordinator) =>
    t.http().patch(`/api/reviews/${id}/recommendations/${recommendationId}`).set(session.auth).send(body);

  it('records where a national recommendation was sent, then the response, each an audited change', async () => {
    let res = await patch(routed.id, { department: 'Home Office', sentOn: londonDate(-10) });
    expect(res.status).toBe(200);
    expect(res.body.routing).toEqual({
      department: 'Home Office',
      sentOn: londonDate(-10),
      response: null,
      respondedOn: null,
      status: 'awaiting_response',
    });
    // The independent chair manages recommendations too.
    res = await patch(routed.id, { response: 'The guidance will be revised next year.', respondedOn: londonDate(-2) }, s.chair);
    expect(res.status).toBe(200);
    expect(res.body.routing).toMatchObject({ response: 'The guidance will be revised next year.', status: 'response_received' });

    const plan = (await t.http().get(`/api/reviews/${id}/action-plan`).set(s.coordinator.auth)).body;
    expect(plan.recommendations.map((r: { routing: unknown }) => r.routing)).toEqual([
      null,
      expect.objectContaining({ department: 'Home Office', respondedOn: londonDate(-2), status: 'response_received' }),
      expect.objectContaining({ status: 'not_sent' }),
    ]);
    const review = (await t.http().get(`/api/reviews/${id}`).set(s.coordinator.auth)).body;
    expect(review.recommendations[1].routing).toMatchObject({ department: 'Home Office', status: 'response_received' });

    const audit = await sql<{ action: string; actor_id: string; changes: Record<string, { before: unknown; after: unknown }> }>(
      t.config,
      `SELECT action, actor_id, changes FROM audit_entries WHERE entity_id = $1 ORDER BY id`,
      [routed.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['recommendation.create', 'recommendation.update', 'recommendation.update']);
    expect(audit[1].changes).toEqual({
      department: { before: null, after: 'Home Office' },
      sentOn: { before: null, after: londonDate(-10) },
    });
    expect(audit[2]).toMatchObject({
      actor_id: s.chair.id,
      changes: {
        response: { before: null, after: 'The guidance will be revised next year.' },
        respondedOn: { before: null, after: londonDate(-2) },
      },
    });
  });

  it('refuses routing a local recommendation, dates in the future, a response before sending, and other roles', async () => {
    const expect400 = async (recommendationId: string, body: object, field: string, reason: RegExp) => {
      const res = await patch(recommendationId, body);
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual([expect.objectContaining({ field, reason: expect.stringMatching(reason) })]);
    };
    await expect400(local.id, { department: 'Home Office', sentOn: londonDate(-1) }, 'department', /only for a national recommendation/);
    await expect400(local.id, { response: 'x', respondedOn: londonDate(-1) }, 'response', /only for a national recommendation/);
    await expect400(unsent.id, { department: 'Department of Health', sentOn: londonDate(1) }, 'sentOn', /future/);
    await expect400(unsent.id, { department: 'Department of Health' }, 'sentOn', /required/);
    await expect400(unsent.id, { sentOn: '2026-02-30', department: 'Department of Health' }, 'sentOn', /real date/);
    await expect400(unsent.id, { sentOn: '30/01/2026', department: 'Department of Health' }, 'sentOn', /date like/);
    await expect400(
      unsent.id,
      { response: 'Agreed', respondedOn: londonDate(-1) },
      'respondedOn',
      /before the recommendation has been sent/,
    );
    await expect400(routed.id, { respondedOn: londonDate(-11) }, 'respondedOn', /before the date it was sent/);
    await expect400(routed.id, { respondedOn: londonDate(1) }, 'respondedOn', /future/);
    await expect400(routed.id, { response: null }, 'response', /required with the date/);
    await expect400(routed.id, { scope: 'local', ownerAgencyId: s.police.id }, 'scope', /sent to a department/);
    await expect400(routed.id, { department: '' }, 'department', /.+/);

    expect((await patch(unsent.id, { department: 'Home Office', sentOn: londonDate(-1) }, s.cspChair)).status).toBe(403);
    expect((await patch(unsent.id, { department: 'Home Office', sentOn: londonDate(-1) }, s.policeContact)).status).toBe(403);
    const unchanged = (await t.http().get(`/api/reviews/${id}/action-plan`).set(s.coordinator.auth)).body;
    expect(unchanged.recommendations[2].routing.status).toBe('not_sent');
    expect(unchanged.recommendations[1].routing).toMatchObject({ sentOn: londonDate(-10), respondedOn: londonDate(-2) });
  });

  it('puts every national recommendation in the review’s export and the partnership’s, with department, dates and status', async () => {
    await toActionPlan(t, s, id);
    await send(t, s.coordinator, id, {
      type: 'ADD_ACTION',
      agencyId: s.police.id,
      description: 'Refresh DA training',
      dueAt: daysAhead(60),
      recommendationId: local.id,
    });
    await send(t, s.coordinator, id, {
      type: 'ADD_ACTION',
      agencyId: s.health.id,
      description: 'Brief staff on the revised guidance',
      dueAt: daysAhead(90),
      recommendationId: routed.id,
    });

    let res = await t.http().get(`/api/reviews/${id}/action-plan/export`).set(s.coordinator.auth);
    expect(res.status).toBe(200);
    const header = res.text.split('\r\n')[0].split(',');
    // The first twelve columns as before; the routing ones after them.
    expect(header.slice(0, 12)).toEqual([
      'reference',
      'recommendation number',
      'scope',
      'recommendation text',
      'owner agency',
      'action description',
      'owner',
      'due',
      'status',
      'completed',
      'overdue',
      'days overdue',
    ]);
    expect(header.slice(12)).toEqual(['department', 'sent', 'response received', 'routing status']);
    const rows = parseCsv(res.text);
    expect(
      rows.map((r) => [
        r['recommendation number'],
        r['action description'],
        r.department,
        r.sent,
        r['response received'],
        r['routing status'],
      ]),
    ).toEqual([
      ['1', 'Refresh DA training', '', '', '', ''],
      ['2', 'Brief staff on the revised guidance', 'Home Office', londonDate(-10), londonDate(-2), 'response received'],
      // No actions, still in the export; its text starting with + is neutralised.
      ['3', '', '', '', '', 'not sent'],
    ]);
    expect(rows[2]).toMatchObject({
      scope: 'national',
      'recommendation text': "'+Guidance for GPs on routine enquiry",
      status: '',
      overdue: '',
    });

    // Sent, awaiting a response, and a department starting with = is neutralised.
    expect((await patch(unsent.id, { department: '=Department of Health', sentOn: londonDate(-3) })).status).toBe(200);
    res = await t.http().get(`/api/action-plans/export?partnershipId=${s.partnership.id}`).set(s.cspChair.auth);
    expect(res.status).toBe(200);
    const partnershipRows = parseCsv(res.text).filter((r) => r.scope === 'national');
    expect(
      partnershipRows.map((r) => [r['recommendation number'], r.department, r.sent, r['response received'], r['routing status']]),
    ).toEqual([
      ['2', 'Home Office', londonDate(-10), londonDate(-2), 'response received'],
      ['3', "'=Department of Health", londonDate(-3), '', 'sent, awaiting response'],
    ]);
  });

  it('exports the partnership’s recommendations, one row each, for its coordinators and CSP chair, audited', async () => {
    const other = await seedPartnership(t, 'NATS');
    const path = `/api/partnerships/${s.partnership.id}/recommendations.csv`;
    const res = await t.http().get(path).set(s.coordinator.auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="recommendations-NATR.csv"');
    expect(res.text.split('\r\n')[0]).toBe(
      'reference,recommendation number,scope,recommendation text,owner agency,actions,actions complete,actions overdue,department,sent,response received,routing status,response',
    );
    const rows = parseCsv(res.text);
    expect(rows.map((r) => [r['recommendation number'], r.scope, r['owner agency'], r.actions, r['routing status'], r.response])).toEqual([
      ['1', 'local', 'NATR Police', '1', '', ''],
      ['2', 'national', '', '1', 'response received', 'The guidance will be revised next year.'],
      ['3', 'national', '', '0', 'sent, awaiting response', ''],
    ]);
    expect(rows[1]).toMatchObject({ department: 'Home Office', sent: londonDate(-10), 'response received': londonDate(-2) });

    expect((await t.http().get(path).set(s.cspChair.auth)).status).toBe(200);
    expect((await t.http().get(path).set(other.coordinator.auth)).status).toBe(404);
    expect((await t.http().get(path).set(s.chair.auth)).status).toBe(403);
    expect((await t.http().get(path).set(s.policeContact.auth)).status).toBe(403);
    const bad = await t.http().get('/api/partnerships/not-an-id/recommendations.csv').set(s.coordinator.auth);
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body).map((f) => f.field)).toEqual(['id']);
    const audit = await sql<{ actor_role: string; changes: { rows: { after: number } } }>(
      t.config,
      `SELECT actor_role, changes FROM audit_entries WHERE action = 'recommendations.export' AND entity = 'partnership' AND entity_id = $1 ORDER BY id`,
      [s.partnership.id],
    );
    expect(audit.map((a) => [a.actor_role, a.changes.rows.after])).toEqual([
      ['coordinator', 3],
      ['csp_chair', 3],
    ]);
  });
});
