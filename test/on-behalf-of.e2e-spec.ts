import { seedPartnership, Seed } from './support/actors';
import { sql } from './support/notifications-db';
import { daysAgo, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';

// The statutory record names who decided and who recorded it: the CSP chair or the
// body the coordinator names, and a step the coordinator records for a chair with
// its evidence, in history and in the audit trail.
describe('decisions and steps on the record, on behalf of, with evidence', () => {
  let t: TestApp;
  let s: Seed;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedPartnership(t, 'BHLF');
  });
  afterAll(() => t?.close());

  const newReview = async () =>
    (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id as string;
  const history = async (id: string) =>
    (await t.http().get(`/api/reviews/${id}/history`).set(s.coordinator.auth)).body as Record<string, unknown>[];
  const post = (who: typeof s.coordinator, id: string, body: Record<string, unknown>) =>
    t.http().post(`/api/reviews/${id}/events`).set(who.auth).send(body);

  it('records who decided and the kind of death: the CSP chair, or the body the coordinator names', async () => {
    const byChair = await newReview();
    let r = await send(t, s.cspChair, byChair, { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met', deathType: 'homicide' });
    expect(r.decision).toMatchObject({
      outcome: 'commissioned',
      decidedBy: { user: { id: s.cspChair.id } },
      deathType: 'homicide',
      deathTypeDescription: null,
    });

    const byBoard = await newReview();
    r = await send(t, s.coordinator, byBoard, {
      type: 'DECIDE_TO_COMMISSION',
      rationale: 'criteria met',
      deathType: 'suicide',
      decisionMaker: 'CSP board meeting',
    });
    expect(r.decision).toMatchObject({ decidedBy: { role: 'CSP board meeting' }, deathType: 'suicide' });

    const other = await newReview();
    const res = await post(s.coordinator, other, { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met', deathType: 'other' });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'deathTypeDescription', reason: 'describe the kind of death when it is "other"' }]);
  });

  it('lets the coordinator record a CSP chair’s sign-off made at a board meeting, naming both in history and audit', async () => {
    const id = await newReview();
    const r = await send(t, s.coordinator, id, {
      type: 'DECIDE_NOT_TO_COMMISSION',
      rationale: 'not a qualifying death',
      deathType: 'other',
      deathTypeDescription: 'death in custody, referred elsewhere',
      onBehalfOf: s.cspChair.id,
      evidence: 'CSP board minutes, 12 November 2026, item 4',
    });
    expect(r.decision).toMatchObject({ outcome: 'not_commissioned', decidedBy: { user: { id: s.cspChair.id } } });
    const last = (await history(id)).at(-1)!;
    expect(last).toMatchObject({
      type: 'DECIDE_NOT_TO_COMMISSION',
      actorId: s.coordinator.id,
      onBehalfOf: { id: s.cspChair.id },
      evidence: 'CSP board minutes, 12 November 2026, item 4',
    });
    const [audit] = await sql<{ actor_id: string; changes: Record<string, { after: unknown }> }>(
      t.config,
      `SELECT actor_id, changes FROM audit_entries WHERE review_id = $1 AND action = 'review.event.DECIDE_NOT_TO_COMMISSION'`,
      [id],
    );
    expect(audit.actor_id).toBe(s.coordinator.id);
    expect(audit.changes.onBehalfOf.after).toBe(s.cspChair.id);
    expect(audit.changes.evidence.after).toBe('CSP board minutes, 12 November 2026, item 4');
  });

  it('refuses on-behalf steps that are not a coordinator’s to record, or lack what they need', async () => {
    const id = await newReview();
    await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(20), rationale: 'criteria met' });
    const cases: [typeof s.coordinator, Record<string, unknown>, number, string?][] = [
      // Evidence is required, and needs someone to be recorded for.
      [s.coordinator, { type: 'APPOINT_CHAIR', userId: s.chair.id, onBehalfOf: s.cspChair.id }, 400, 'evidence'],
      [s.coordinator, { type: 'CLOSE', evidence: 'minutes' }, 400, 'evidence'],
      // An agency's step stays the agency's; the coordinator's own steps need no one.
      [
        s.coordinator,
        { type: 'RECEIVE_SCOPING', agencyId: s.police.id, onBehalfOf: s.policeContact.id, evidence: 'email' },
        400,
        'onBehalfOf',
      ],
      // Only a coordinator records for someone else.
      [s.cspChair, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id, onBehalfOf: s.chair.id, evidence: 'email' }, 403],
    ];
    for (const [who, body, status, field] of cases) {
      const res = await post(who, id, body);
      expect({ body, status: res.status, field: res.body.fields?.[0]?.field }).toEqual({ body, status, field });
    }
    // The chair's own step, recorded for them from their email.
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    const ok = await send(t, s.coordinator, id, {
      type: 'ADD_PANEL_AGENCY',
      agencyId: s.police.id,
      onBehalfOf: s.chair.id,
      evidence: 'email from the chair, 20 November 2026',
    });
    expect(ok.panel).toEqual([expect.objectContaining({ agencyId: s.police.id })]);
    expect((await history(id)).at(-1)).toMatchObject({ actorId: s.coordinator.id, onBehalfOf: { id: s.chair.id } });
  });

  it('keeps a direction dated before the refusal it overturns off the record (400 naming the field and the date)', async () => {
    const id = await newReview();
    await send(t, s.cspChair, id, { type: 'DECIDE_NOT_TO_COMMISSION', decidedAt: daysAgo(10), rationale: 'criteria not met' });
    const res = await post(s.coordinator, id, { type: 'SECRETARY_OF_STATE_DIRECTION', receivedAt: daysAgo(11) });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      {
        field: 'receivedAt',
        reason: expect.stringMatching(/^must not be before the decision not to hold a review on \d{1,2} \w+ \d{4}, /),
      },
    ]);
    expect((await history(id)).map((h) => h.type)).toEqual(['NOTIFIED', 'DECIDE_NOT_TO_COMMISSION']);
  });
});
