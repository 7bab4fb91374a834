import { seedPartnership, Seed } from './support/actors';
import { daysAgo, daysAhead, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';

describe('a review driven through its whole life over HTTP', () => {
  let t: TestApp;
  let s: Seed;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedPartnership(t, 'LIFE');
  });
  afterAll(() => t.close());

  async function commissionedReview(): Promise<string> {
    const created = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
    expect(created.status).toBe(201);
    await send(t, s.cspChair, created.body.id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
    return created.body.id;
  }

  it('goes from notification to closed, each event by a role the contract allows', async () => {
    const created = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
    expect(created.status).toBe(201);
    const review = created.body;
    expect(review.reference).toMatch(/^DHR-LIFE-\d{4}-\d{3}$/);
    expect(review).toMatchObject({ stage: 'notification', onHold: false, workflow: { name: 'dhr', version: 3 }, version: 1 });
    expect(review.allowedEvents).toEqual(expect.arrayContaining(['DECIDE_TO_COMMISSION', 'DECIDE_NOT_TO_COMMISSION']));
    const id = review.id;

    await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
    await send(t, s.coordinator, id, { type: 'HOME_OFFICE_INFORMED', sentAt: daysAgo(44) });
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id, occurredAt: daysAgo(41) });
    await send(t, s.chair, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id, occurredAt: daysAgo(41) });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.health.id, occurredAt: daysAgo(41) });
    let r = await send(t, s.chair, id, {
      type: 'AGREE_TERMS_OF_REFERENCE',
      agreedAt: daysAgo(40),
      periodFrom: '2021-01-01',
      periodTo: '2026-01-01',
    });
    expect(r.stage).toBe('information_gathering'); // set-up moved on by itself

    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id, dueAt: daysAhead(30), occurredAt: daysAgo(39) });
    await send(t, s.chair, id, { type: 'REQUEST_IMR', agencyId: s.health.id });
    await send(t, s.chair, id, { type: 'BEGIN_DRAFTING' }, 409); // IMRs outstanding
    await send(t, s.policeContact, id, { type: 'RECEIVE_IMR', agencyId: s.police.id, receivedAt: daysAgo(1) });
    await send(t, s.chair, id, { type: 'WAIVE_IMR', agencyId: s.health.id, reason: 'no contact with the family' });
    r = await send(t, s.chair, id, { type: 'BEGIN_DRAFTING' });
    expect(r.stage).toBe('drafting');
    expect(r.panel).toEqual(
      expect.arrayContaining([
        { agencyId: s.police.id, agencyName: s.police.name, imr: 'received' },
        { agencyId: s.health.id, agencyName: s.health.name, imr: 'waived' },
      ]),
    );

    await send(t, s.chair, id, { type: 'SUBMIT_DRAFT', note: 'first draft' });
    r = await send(t, s.chair, id, { type: 'SHARE_DRAFT_WITH_FAMILY' });
    expect(r.stage).toBe('family_review');
    r = await send(t, s.coordinator, id, { type: 'FAMILY_RESPONSE_RECEIVED' });
    expect(r.stage).toBe('drafting');
    await send(t, s.chair, id, { type: 'SUBMIT_DRAFT', note: 'revised after the family' });
    r = await send(t, s.chair, id, { type: 'SUBMIT_FOR_SIGNOFF' });
    expect(r.stage).toBe('csp_signoff');
    r = await send(t, s.cspChair, id, { type: 'CSP_SIGN_OFF' });
    expect(r.stage).toBe('home_office_qa');

    await send(t, s.coordinator, id, { type: 'SUBMIT_TO_HOME_OFFICE' });
    r = await send(t, s.coordinator, id, { type: 'QA_OUTCOME', outcome: 'resubmit', notes: 'more on the GP contact' });
    expect(r).toMatchObject({ stage: 'drafting', resubmissions: 1 });
    await send(t, s.chair, id, { type: 'SUBMIT_DRAFT' });
    await send(t, s.chair, id, { type: 'SUBMIT_FOR_SIGNOFF' });
    await send(t, s.cspChair, id, { type: 'CSP_SIGN_OFF' });
    await send(t, s.coordinator, id, { type: 'SUBMIT_TO_HOME_OFFICE' });
    r = await send(t, s.coordinator, id, { type: 'QA_OUTCOME', outcome: 'approved' });
    expect(r.stage).toBe('publication');

    await send(t, s.coordinator, id, { type: 'COPY_SENT_TO_COMMISSIONER' });
    r = await send(t, s.coordinator, id, { type: 'PUBLISH', url: 'https://example.org/dhr/report.pdf' });
    expect(r.stage).toBe('action_plan');
    r = await send(t, s.coordinator, id, {
      type: 'ADD_ACTION',
      agencyId: s.police.id,
      description: 'Refresh DA training',
      dueAt: daysAhead(90),
    });
    const actionId = r.actions[0].id;
    await send(t, s.coordinator, id, { type: 'CLOSE' }, 409); // an action is open
    await send(t, s.healthContact, id, { type: 'COMPLETE_ACTION', actionId }, 403); // not their agency's action
    await send(t, s.policeContact, id, { type: 'COMPLETE_ACTION', actionId });
    r = await send(t, s.coordinator, id, { type: 'CLOSE' });
    expect(r).toMatchObject({ stage: 'closed', allowedEvents: [] });

    const history = await t.http().get(`/api/reviews/${id}/history`).set(s.coordinator.auth);
    expect(history.status).toBe(200);
    expect(history.body[0]).toMatchObject({ seq: 1, type: 'NOTIFIED', fromStage: null, toStage: 'notification' });
    expect(history.body.map((h: { seq: number }) => h.seq)).toEqual(history.body.map((_: unknown, i: number) => i + 1));
    expect(history.body.at(-1)).toMatchObject({ type: 'CLOSE', fromStage: 'action_plan', toStage: 'closed', actorId: s.coordinator.id });
    const decision = history.body.find((h: { type: string }) => h.type === 'DECIDE_TO_COMMISSION');
    expect(decision).toMatchObject({ actorId: s.cspChair.id, payload: { rationale: 'criteria met' } });
    expect(Date.parse(decision.occurredAt)).toBeLessThan(Date.parse(decision.recordedAt) - 40 * 86_400_000);
  });

  it('refuses an event out of stage with 409 and the allowed events', async () => {
    const id = await commissionedReview();
    const res = await t.http().post(`/api/reviews/${id}/events`).set(s.coordinator.auth).send({ type: 'BEGIN_DRAFTING' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'invalid_transition', stage: 'setup' });
    expect(res.body.allowedEvents).toEqual(expect.arrayContaining(['APPOINT_CHAIR', 'PUT_ON_HOLD']));
  });

  it('refuses roles the contract does not allow with 403', async () => {
    const id = await commissionedReview();
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id }); // police may now see the review
    const res = await t
      .http()
      .post(`/api/reviews/${id}/events`)
      .set(s.policeContact.auth)
      .send({ type: 'APPOINT_CHAIR', userId: s.chair.id });
    expect(res.status).toBe(403);
    const history = await t.http().get(`/api/reviews/${id}/history`).set(s.coordinator.auth);
    expect(history.body.map((h: { type: string }) => h.type)).toEqual(['NOTIFIED', 'DECIDE_TO_COMMISSION', 'ADD_PANEL_AGENCY']);
  });

  it('records a decision not to commission, closes only once the Home Office accepts it, and can be directed back', async () => {
    const created = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
    const id = created.body.id;
    let r = await send(t, s.cspChair, id, { type: 'DECIDE_NOT_TO_COMMISSION', decidedAt: daysAgo(40), rationale: 'criteria not met' });
    expect(r.stage).toBe('not_commissioned');
    r = await send(t, s.coordinator, id, { type: 'SECRETARY_OF_STATE_DIRECTION', receivedAt: daysAgo(10) });
    expect(r.stage).toBe('setup');

    const other = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id;
    await send(t, s.coordinator, other, { type: 'DECIDE_NOT_TO_COMMISSION', rationale: 'not a qualifying death' });
    await send(t, s.coordinator, other, { type: 'CLOSE' }, 409);
    await send(t, s.coordinator, other, { type: 'HOME_OFFICE_INFORMED' });
    await send(t, s.coordinator, other, { type: 'HOME_OFFICE_INFORMED' }, 409); // only once
    // Told is not enough: the Home Office's QA panel reviews every "no".
    await send(t, s.coordinator, other, { type: 'CLOSE' }, 409);
    r = await send(t, s.coordinator, other, { type: 'HOME_OFFICE_RESPONSE', outcome: 'accepted', note: 'no further action' });
    expect(r.homeOfficeResponse).toMatchObject({ outcome: 'accepted', note: 'no further action' });
    r = await send(t, s.coordinator, other, { type: 'CLOSE' });
    expect(r.stage).toBe('closed');
  });

  it('goes on hold in the middle, still records an agency’s return, and resumes where it was', async () => {
    const id = await commissionedReview();
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await send(t, s.coordinator, id, { type: 'AGREE_TERMS_OF_REFERENCE', periodFrom: '2022-01-01', periodTo: '2026-01-01' });
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id });
    let r = await send(t, s.coordinator, id, {
      type: 'PUT_ON_HOLD',
      kind: 'iopc',
      reason: 'IOPC investigation',
      reference: 'IOPC-2026-7',
    });
    expect(r).toMatchObject({ stage: 'information_gathering', onHold: true, hold: { kind: 'iopc', scope: 'review' } });
    expect(r.allowedEvents).toContain('RESUME');
    const clocks = (await t.http().get(`/api/reviews/${id}/deadlines`).set(s.coordinator.auth)).body as { kind: string; status: string }[];
    expect(clocks.find((c) => c.kind === 'imr')?.status).toBe('on_hold');
    // The statutory Home Office notice is not a local matter: no hold stops it.
    expect(clocks.find((c) => c.kind === 'home_office_notice')?.status).toBe('open');
    // The police's IMR arrives during the hold: it is recorded and meets its clock.
    r = await send(t, s.policeContact, id, { type: 'RECEIVE_IMR', agencyId: s.police.id });
    expect(r).toMatchObject({ onHold: true, panel: [{ agencyId: s.police.id, imr: 'received' }] });
    r = await send(t, s.coordinator, id, { type: 'RESUME' });
    expect(r).toMatchObject({ stage: 'information_gathering', onHold: false, hold: null });
    expect(r.allowedEvents).toContain('BEGIN_DRAFTING');
  });

  it('under a publication hold goes from information gathering to publication, refusing only PUBLISH', async () => {
    const id = await commissionedReview();
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await send(t, s.coordinator, id, { type: 'AGREE_TERMS_OF_REFERENCE', periodFrom: '2022-01-01', periodTo: '2026-01-01' });
    // A criminal trial holds publication only, unless told otherwise.
    let r = await send(t, s.coordinator, id, { type: 'PUT_ON_HOLD', kind: 'criminal_trial', reason: 'trial listed', reference: 'T20267' });
    expect(r).toMatchObject({ stage: 'information_gathering', onHold: false, hold: { kind: 'criminal_trial', scope: 'publication' } });
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id });
    await send(t, s.policeContact, id, { type: 'RECEIVE_IMR', agencyId: s.police.id });
    await send(t, s.chair, id, { type: 'BEGIN_DRAFTING' });
    await send(t, s.chair, id, { type: 'SUBMIT_DRAFT', note: 'first draft' });
    await send(t, s.chair, id, { type: 'FAMILY_NOT_INVOLVED', reason: 'the family declined' });
    await send(t, s.chair, id, { type: 'SUBMIT_FOR_SIGNOFF' });
    await send(t, s.cspChair, id, { type: 'CSP_SIGN_OFF' });
    await send(t, s.coordinator, id, { type: 'SUBMIT_TO_HOME_OFFICE' });
    r = await send(t, s.coordinator, id, { type: 'QA_OUTCOME', outcome: 'approved' });
    expect(r).toMatchObject({ stage: 'publication', hold: { scope: 'publication' } });
    expect(r.allowedEvents).not.toContain('PUBLISH');
    const publication = (r.deadlines as { kind: string; status: string }[]).find((d) => d.kind === 'publication');
    expect(publication?.status).toBe('on_hold');
    const refused = await t
      .http()
      .post(`/api/reviews/${id}/events`)
      .set(s.coordinator.auth)
      .send({ type: 'PUBLISH', url: 'https://example.org/dhr.pdf' });
    expect(refused.status).toBe(409);
    r = await send(t, s.coordinator, id, { type: 'RESUME' });
    expect(r).toMatchObject({ stage: 'publication', hold: null });
    expect(r.allowedEvents).toContain('PUBLISH');
    expect((r.deadlines as { kind: string; status: string }[]).find((d) => d.kind === 'publication')?.status).toBe('open');
  });
});
