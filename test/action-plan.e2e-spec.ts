import { secondsRulebook } from './support/rulebooks';
import { parse } from 'csv-parse/sync';
import { seedPartnership, Seed } from './support/actors';
import { notificationIdOf, notificationRows, sql } from './support/notifications-db';
import { daysAgo, daysAhead, reviewBody, send } from './support/review-driver';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/** Commissioned, chaired, police and health on the panel, IMRs in: ready to draft. */
async function reviewReadyToDraft(t: TestApp, s: Seed): Promise<string> {
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
  return id;
}

/** From drafting (begun 38 days ago) to action_plan along the shortest path the contract allows, recorded as it happened: published 21 days ago. */
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

describe('the action plan: recommendations, linked actions and progress exports', () => {
  let t: TestApp;
  let s: Seed;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedPartnership(t, 'ACTP');
  });
  afterAll(() => t.close());

  it('records recommendations from drafting on, links actions to them, and closes once every action is complete', async () => {
    const id = await reviewReadyToDraft(t, s);
    const recommend = (session = s.coordinator, body: object = { scope: 'national', text: 'Guidance on coercive control' }) =>
      t.http().post(`/api/reviews/${id}/recommendations`).set(session.auth).send(body);

    let res = await recommend();
    expect(res.status).toBe(409); // not before drafting
    expect(res.body).toMatchObject({ error: 'invalid_stage', stage: 'information_gathering' });
    await send(t, s.chair, id, { type: 'BEGIN_DRAFTING', occurredAt: daysAgo(38) });

    res = await recommend(s.chair, { scope: 'local', text: 'Police to refresh DA risk training', ownerAgencyId: s.police.id });
    expect(res.status).toBe(201);
    const local = res.body;
    expect(local).toMatchObject({ reviewId: id, number: 1, scope: 'local', ownerAgencyId: s.police.id, createdBy: s.chair.id });
    res = await recommend();
    expect(res.status).toBe(201);
    const national = res.body;
    expect(national).toMatchObject({ number: 2, scope: 'national', ownerAgencyId: null });

    res = await recommend(s.coordinator, { scope: 'local', text: 'No owner' });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([expect.objectContaining({ field: 'ownerAgencyId' })]);
    res = await recommend(s.coordinator, { scope: 'regional', text: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain('scope');
    expect((await recommend(s.cspChair)).status).toBe(403);
    expect((await recommend(s.policeContact)).status).toBe(403);

    // Numbers are allocated one at a time under concurrency.
    const racing = await Promise.all([1, 2, 3, 4].map((n) => recommend(s.coordinator, { scope: 'national', text: `Racing ${n}` })));
    expect(racing.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(racing.map((r) => r.body.number as number).sort()).toEqual([3, 4, 5, 6]);

    res = await t
      .http()
      .patch(`/api/reviews/${id}/recommendations/${national.id}`)
      .set(s.coordinator.auth)
      .send({ text: 'Home Office guidance on coercive control', ownerAgencyId: s.health.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ number: 2, text: 'Home Office guidance on coercive control', ownerAgencyId: s.health.id });
    res = await t.http().patch(`/api/reviews/${id}/recommendations/${local.id}`).set(s.coordinator.auth).send({ ownerAgencyId: null });
    expect(res.status).toBe(400); // a local recommendation keeps its owner
    const audit = await sql<{ action: string; changes: Record<string, { before: unknown; after: unknown }> }>(
      t.config,
      `SELECT action, changes FROM audit_entries WHERE entity_id = $1 ORDER BY id`,
      [national.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['recommendation.create', 'recommendation.update']);
    expect(audit[1].changes).toEqual({
      text: { before: 'Guidance on coercive control', after: 'Home Office guidance on coercive control' },
      ownerAgencyId: { before: null, after: s.health.id },
    });

    await toActionPlan(t, s, id);

    // A recommendation that is not this review's: 400 naming it, and nothing of the event is kept.
    const before = (await t.http().get(`/api/reviews/${id}`).set(s.coordinator.auth)).body;
    const historyBefore = (await t.http().get(`/api/reviews/${id}/history`).set(s.coordinator.auth)).body;
    res = await t
      .http()
      .post(`/api/reviews/${id}/events`)
      .set(s.coordinator.auth)
      .send({ type: 'ADD_ACTION', agencyId: s.police.id, description: 'x', dueAt: daysAhead(30), recommendationId: s.police.id });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'recommendationId', reason: 'no recommendation with this id in the review' }]);
    const after = (await t.http().get(`/api/reviews/${id}`).set(s.coordinator.auth)).body;
    expect(after.version).toBe(before.version);
    expect(after.actions).toEqual([]);
    expect((await t.http().get(`/api/reviews/${id}/history`).set(s.coordinator.auth)).body).toEqual(historyBefore);

    let r = await send(t, s.coordinator, id, {
      type: 'ADD_ACTION',
      agencyId: s.police.id,
      description: 'Refresh DA training for all response officers',
      dueAt: daysAhead(90),
      recommendationId: local.id,
      owner: 'Head of Public Protection',
    });
    const policeAction = r.actions[0];
    expect(policeAction).toMatchObject({
      agencyId: s.police.id,
      status: 'open',
      completedAt: null,
      recommendationId: local.id,
      owner: 'Head of Public Protection',
    });
    expect(r.recommendations.map((x: { number: number }) => x.number)).toEqual([1, 2, 3, 4, 5, 6]);
    // Overdue: added 20 days ago, due 5 days ago.
    await send(t, s.coordinator, id, {
      type: 'ADD_ACTION',
      agencyId: s.health.id,
      description: '=HYPERLINK("x") GP practices to ask about DA',
      occurredAt: daysAgo(20),
      dueAt: daysAgo(5),
      recommendationId: national.id,
      owner: 'Safeguarding lead',
    });
    r = await send(t, s.coordinator, id, {
      type: 'ADD_ACTION',
      agencyId: s.health.id,
      description: 'Unlinked audit',
      dueAt: daysAhead(10),
    });
    const [, healthAction, unlinked] = r.actions;
    expect(unlinked).toMatchObject({ recommendationId: null, owner: null });
    const history = (await t.http().get(`/api/reviews/${id}/history`).set(s.coordinator.auth)).body;
    expect(history.at(-2).payload).toMatchObject({ recommendationId: national.id, owner: 'Safeguarding lead' });

    // The plan, in full.
    res = await t.http().get(`/api/reviews/${id}/action-plan`).set(s.chair.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ reviewId: id, stage: 'action_plan', summary: { actions: 3, complete: 0, open: 3, overdue: 1 } });
    expect(res.body.reference).toMatch(/^DHR-ACTP-/);
    expect(res.body.recommendations[0]).toMatchObject({
      id: local.id,
      number: 1,
      scope: 'local',
      ownerAgencyId: s.police.id,
      actions: [{ id: policeAction.id, owner: 'Head of Public Protection', status: 'open', overdue: false, recommendationId: local.id }],
    });
    expect(res.body.recommendations[1].actions).toEqual([expect.objectContaining({ id: healthAction.id, overdue: true })]);
    expect(res.body.unlinkedActions).toEqual([expect.objectContaining({ id: unlinked.id, recommendationId: null })]);

    // The police contact sees only police's part: their action and the recommendation holding it.
    res = await t.http().get(`/api/reviews/${id}/action-plan`).set(s.policeContact.auth);
    expect(res.status).toBe(200);
    expect(res.body.recommendations.map((x: { id: string }) => x.id)).toEqual([local.id]);
    expect(res.body.unlinkedActions).toEqual([]);
    expect(res.body.summary).toEqual({ actions: 1, complete: 0, open: 1, overdue: 0 });
    const policeView = (await t.http().get(`/api/reviews/${id}`).set(s.policeContact.auth)).body;
    expect(policeView.actions.map((a: { id: string }) => a.id)).toEqual([policeAction.id]);
    expect(policeView.recommendations.map((x: { id: string }) => x.id)).toEqual([local.id]);
    // Health owns the national recommendation and holds two actions.
    res = await t.http().get(`/api/reviews/${id}/action-plan`).set(s.healthContact.auth);
    expect(res.body.recommendations.map((x: { id: string }) => x.id)).toEqual([national.id]);
    expect(res.body.unlinkedActions.map((a: { id: string }) => a.id)).toEqual([unlinked.id]);
    expect((await t.http().get(`/api/reviews/${id}/action-plan`).set(s.admin.auth)).status).toBe(403);

    // The CSV export: one row per action, London dates, formula text neutralised.
    res = await t.http().get(`/api/reviews/${id}/action-plan/export`).set(s.coordinator.auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="action-plan-${res.text.split('\r\n')[1].split(',')[0]}.csv"`);
    const rows = parseCsv(res.text);
    // Three actions, and a row each for the four racing national recommendations that have none.
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual({
      reference: expect.stringMatching(/^DHR-ACTP-/),
      'recommendation number': '1',
      scope: 'local',
      'recommendation text': 'Police to refresh DA risk training',
      'owner agency': 'ACTP Police',
      'action description': 'Refresh DA training for all response officers',
      owner: 'Head of Public Protection',
      due: daysAhead(90).slice(0, 10),
      status: 'open',
      completed: '',
      overdue: 'no',
      'days overdue': '0',
      department: '',
      sent: '',
      'response received': '',
      'routing status': '',
    });
    expect(rows[1]).toMatchObject({
      'recommendation number': '2',
      'owner agency': 'ACTP NHS Trust',
      'action description': `'=HYPERLINK("x") GP practices to ask about DA`,
      overdue: 'yes',
      'days overdue': '5',
    });
    expect(rows[1]).toMatchObject({ 'routing status': 'not sent' });
    expect(rows.slice(2, 6).map((row) => [row['recommendation number'], row['action description']])).toEqual(
      ['3', '4', '5', '6'].map((n) => [n, '']),
    );
    expect(rows[6]).toMatchObject({ 'recommendation number': '', scope: '', 'action description': 'Unlinked audit' });
    const policeCsv = parseCsv((await t.http().get(`/api/reviews/${id}/action-plan/export`).set(s.policeContact.auth)).text);
    expect(policeCsv.map((row) => row['owner agency'])).toEqual(['ACTP Police']);

    // Completing: the owning agency's contact only; CLOSE waits for every action.
    await send(t, s.healthContact, id, { type: 'COMPLETE_ACTION', actionId: policeAction.id }, 403);
    await send(t, s.policeContact, id, { type: 'COMPLETE_ACTION', actionId: policeAction.id });
    await send(t, s.healthContact, id, { type: 'COMPLETE_ACTION', actionId: healthAction.id });
    await send(t, s.coordinator, id, { type: 'CLOSE' }, 409);
    r = await send(t, s.coordinator, id, { type: 'COMPLETE_ACTION', actionId: unlinked.id });
    expect(r.actions.every((a: { status: string }) => a.status === 'complete')).toBe(true);
    r = await send(t, s.coordinator, id, { type: 'CLOSE' });
    expect(r.stage).toBe('closed');

    res = await t.http().get(`/api/reviews/${id}/action-plan`).set(s.coordinator.auth);
    expect(res.body.summary).toEqual({ actions: 3, complete: 3, open: 0, overdue: 0 });
    expect(res.body.recommendations[0].actions[0].completedAt).toEqual(expect.any(String));
    res = await recommend();
    expect(res).toMatchObject({ status: 409, body: { error: 'invalid_stage', stage: 'closed' } });
    res = await t.http().patch(`/api/reviews/${id}/recommendations/${local.id}`).set(s.coordinator.auth).send({ text: 'late' });
    expect(res).toMatchObject({ status: 409, body: { error: 'invalid_stage', stage: 'closed' } });

    const reads = await sql<{ action: string; actor_role: string }>(
      t.config,
      `SELECT action, actor_role FROM audit_entries WHERE review_id = $1 AND action LIKE 'action_plan.%' ORDER BY id`,
      [id],
    );
    expect(reads.map((a) => a.action)).toEqual(expect.arrayContaining(['action_plan.read', 'action_plan.export']));
    expect(reads.some((a) => a.actor_role === 'agency_contact' && a.action === 'action_plan.export')).toBe(true);
  });

  it('exports every action plan of a partnership for its coordinators and CSP chair', async () => {
    const other = await seedPartnership(t, 'ACTQ');
    const inPlan = await reviewReadyToDraft(t, s);
    await send(t, s.chair, inPlan, { type: 'BEGIN_DRAFTING', occurredAt: daysAgo(38) });
    const rec = await t
      .http()
      .post(`/api/reviews/${inPlan}/recommendations`)
      .set(s.coordinator.auth)
      .send({ scope: 'local', text: 'Health: routine enquiry', ownerAgencyId: s.health.id });
    await toActionPlan(t, s, inPlan);
    await send(t, s.coordinator, inPlan, {
      type: 'ADD_ACTION',
      agencyId: s.health.id,
      description: 'Routine enquiry in A&E',
      dueAt: daysAhead(60),
      recommendationId: rec.body.id,
    });
    const drafting = await reviewReadyToDraft(t, s); // not in the export
    await send(t, s.chair, drafting, { type: 'BEGIN_DRAFTING' });

    const path = `/api/action-plans/export?partnershipId=${s.partnership.id}`;
    const res = await t.http().get(path).set(s.cspChair.auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="action-plans-ACTP.csv"');
    const rows = parseCsv(res.text);
    const inPlanReference = (await t.http().get(`/api/reviews/${inPlan}`).set(s.coordinator.auth)).body.reference;
    const draftingReference = (await t.http().get(`/api/reviews/${drafting}`).set(s.coordinator.auth)).body.reference;
    expect(rows.filter((row) => row.reference === inPlanReference)).toEqual([
      expect.objectContaining({ 'recommendation number': '1', 'action description': 'Routine enquiry in A&E', status: 'open' }),
    ]);
    expect(rows.some((row) => row.reference === draftingReference)).toBe(false);
    expect(new Set(rows.map((row) => row.reference)).size).toBeGreaterThanOrEqual(2); // the first test's closed review too

    expect((await t.http().get(path).set(s.coordinator.auth)).status).toBe(200);
    expect((await t.http().get(path).set(other.coordinator.auth)).status).toBe(404);
    expect((await t.http().get(path).set(s.chair.auth)).status).toBe(403);
    expect((await t.http().get(path).set(s.policeContact.auth)).status).toBe(403);
    expect((await t.http().get(path).set(s.admin.auth)).status).toBe(403);
    const bad = await t.http().get('/api/action-plans/export').set(s.coordinator.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toContain('partnershipId');
    const audit = await sql(
      t.config,
      `SELECT 1 FROM audit_entries WHERE action = 'action_plan.export' AND entity = 'partnership' AND entity_id = $1`,
      [s.partnership.id],
    );
    expect(audit).toHaveLength(2);
  });
});

/** Every clock 4 seconds long with a reminder 2 seconds before. */
// That action clocks remind their agency and escalate is proved for every clock kind in
// test/every-clock-kind.e2e-spec.ts; this shows an action linked to a recommendation keeps its clock.
describe('an action linked to a recommendation', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  let s: Seed;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startTestApp({ withWorker: true, env: { SMTP_URL: smtp.url, RULEBOOK_FILE: secondsRulebook() } });
    s = await seedPartnership(t, 'ACTR');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('reminds its owning agency contact when due soon', async () => {
    const id = await reviewReadyToDraft(t, s);
    await send(t, s.chair, id, { type: 'BEGIN_DRAFTING', occurredAt: daysAgo(38) });
    const rec = await t
      .http()
      .post(`/api/reviews/${id}/recommendations`)
      .set(s.chair.auth)
      .send({ scope: 'local', text: 'Police: MARAC referrals', ownerAgencyId: s.police.id });
    expect(rec.status).toBe(201);
    await toActionPlan(t, s, id);
    const r = await send(t, s.coordinator, id, {
      type: 'ADD_ACTION',
      agencyId: s.police.id,
      description: 'Audit MARAC referrals',
      dueAt: new Date(Date.now() + 4000).toISOString(),
      recommendationId: rec.body.id,
      owner: 'MARAC coordinator',
    });
    expect(r.actions[0]).toMatchObject({ recommendationId: rec.body.id, owner: 'MARAC coordinator' });

    const reminders = await waitFor('the action reminder', async () => {
      const rows = await notificationRows(t.config, id);
      const sent = rows.filter((n) => n.kind === 'action' && n.template === 'clock.reminder' && n.status === 'sent');
      return sent.length > 0 ? sent : null;
    });
    expect(reminders.map((n) => n.recipient_email)).toEqual([s.policeContact.email]);
    // The police contact also had the panel invitation and the new action by email: wait for this reminder's own.
    await waitFor('the reminder email', () => smtp.received.some((m) => notificationIdOf(m.messageId) === reminders[0].id));
    const plan = (await t.http().get(`/api/reviews/${id}/action-plan`).set(s.policeContact.auth)).body;
    expect(plan.recommendations[0].actions).toEqual([expect.objectContaining({ owner: 'MARAC coordinator' })]);
  });
});
