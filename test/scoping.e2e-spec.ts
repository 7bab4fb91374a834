import { DateTime } from 'luxon';
import { seedPartnership, Seed } from './support/actors';
import { daysAgo, daysAhead, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';

interface Deadline {
  id: string;
  kind: string;
  agencyId?: string;
  startedAt: string;
  dueAt: string;
  status: string;
  overdue: boolean;
  metAt?: string;
}

const DAY_MS = 86_400_000;
const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });

describe('scoping requests and a family that never answers, over HTTP', () => {
  let t: TestApp;
  let s: Seed;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedPartnership(t, 'SCOP');
  });
  afterAll(() => t.close());

  async function newReview(): Promise<string> {
    const created = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
    expect(created.status).toBe(201);
    return created.body.id;
  }

  async function deadlines(id: string): Promise<Deadline[]> {
    const res = await t.http().get(`/api/reviews/${id}/deadlines`).set(s.coordinator.auth);
    expect(res.status).toBe(200);
    return res.body;
  }

  const scopingClock = (all: Deadline[], agencyId: string) => {
    const clocks = all.filter((d) => d.kind === 'scoping_return' && d.agencyId === agencyId);
    expect(clocks).toHaveLength(1);
    return clocks[0];
  };

  it('asks agencies before the decision, records their returns, and keeps a clock per agency', async () => {
    const id = await newReview();
    const requestedAt = daysAgo(3);
    const healthDue = daysAhead(20);

    // Only the coordinator sends scoping requests.
    // Before any request, the review is invisible to a chair who does not chair it and to uninvolved agencies.
    await send(t, s.chair, id, { type: 'REQUEST_SCOPING', agencyId: s.police.id }, 404);
    await send(t, s.policeContact, id, { type: 'REQUEST_SCOPING', agencyId: s.police.id }, 404);
    // Bad payloads name the field.
    const bad = await t
      .http()
      .post(`/api/reviews/${id}/events`)
      .set(s.coordinator.auth)
      .send({ type: 'REQUEST_SCOPING', agencyId: 'police' });
    expect(bad.status).toBe(400);
    const dueBeforeRequest = await t
      .http()
      .post(`/api/reviews/${id}/events`)
      .set(s.coordinator.auth)
      .send({ type: 'REQUEST_SCOPING', agencyId: s.health.id, occurredAt: requestedAt, dueAt: daysAgo(4) });
    expect(dueBeforeRequest.status).toBe(400);
    expect(JSON.stringify(dueBeforeRequest.body)).toContain('dueAt');

    let r = await send(t, s.coordinator, id, { type: 'REQUEST_SCOPING', agencyId: s.police.id, occurredAt: requestedAt });
    expect(r).toMatchObject({ stage: 'notification', scoping: [{ agencyId: s.police.id, status: 'requested', returnedAt: null }] });
    expect(r.allowedEvents).toEqual(expect.arrayContaining(['REQUEST_SCOPING', 'RECEIVE_SCOPING', 'DECIDE_TO_COMMISSION']));
    r = await send(t, s.coordinator, id, { type: 'REQUEST_SCOPING', agencyId: s.health.id, occurredAt: requestedAt, dueAt: healthDue });
    expect(r.scoping).toHaveLength(2);

    // An agency contact returns only their own agency's scoping.
    const receivedAt = daysAgo(1);
    await send(t, s.healthContact, id, { type: 'RECEIVE_SCOPING', agencyId: s.police.id, receivedAt }, 403);
    r = await send(t, s.policeContact, id, { type: 'RECEIVE_SCOPING', agencyId: s.police.id, receivedAt });
    expect(r.stage).toBe('notification');
    // The police contact sees their own agency's scoping only; the coordinator sees both.
    expect(r.scoping).toEqual([
      {
        agencyId: s.police.id,
        agencyName: s.police.name,
        status: 'returned',
        requestedAt: new Date(requestedAt).toISOString(),
        returnedAt: receivedAt,
        withdrawnAt: null,
      },
    ]);
    r = (await t.http().get(`/api/reviews/${id}`).set(s.coordinator.auth)).body;
    expect(r.scoping).toEqual([
      {
        agencyId: s.police.id,
        agencyName: s.police.name,
        status: 'returned',
        requestedAt: new Date(requestedAt).toISOString(),
        returnedAt: receivedAt,
        withdrawnAt: null,
      },
      {
        agencyId: s.health.id,
        agencyName: s.health.name,
        status: 'requested',
        requestedAt: new Date(requestedAt).toISOString(),
        returnedAt: null,
        withdrawnAt: null,
      },
    ]);

    // Duplicates are refused: a returned request, an outstanding one, a second return.
    for (const body of [
      { type: 'REQUEST_SCOPING', agencyId: s.police.id },
      { type: 'REQUEST_SCOPING', agencyId: s.health.id },
      { type: 'RECEIVE_SCOPING', agencyId: s.police.id },
    ]) {
      const res = await t.http().post(`/api/reviews/${id}/events`).set(s.coordinator.auth).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 409 });
      expect(res.body).toMatchObject({ error: 'invalid_transition', stage: 'notification' });
    }

    const all = await deadlines(id);
    expect(all.filter((d) => d.kind === 'scoping_return')).toHaveLength(2);
    const police = scopingClock(all, s.police.id);
    expect(police).toMatchObject({ status: 'met', metAt: receivedAt, startedAt: new Date(requestedAt).toISOString(), overdue: false });
    // Default due: 10 working days from the request (rulebook), a London weekday, at 5pm: deadlines are dates.
    const due = london(police.dueAt);
    expect(due.weekday).toBeLessThanOrEqual(5);
    expect(due.toFormat('HH:mm:ss')).toBe('17:00:00');
    const days = (Date.parse(police.dueAt) - Date.parse(police.startedAt)) / DAY_MS;
    expect(days).toBeGreaterThanOrEqual(13.9);
    expect(days).toBeLessThanOrEqual(21.1);
    const health = scopingClock(all, s.health.id);
    expect(health).toMatchObject({ status: 'open', dueAt: healthDue, overdue: false });
    expect(health.metAt).toBeUndefined();

    const history = await t.http().get(`/api/reviews/${id}/history`).set(s.coordinator.auth);
    expect(history.body.find((h: { type: string }) => h.type === 'RECEIVE_SCOPING')).toMatchObject({
      actorId: s.policeContact.id,
      occurredAt: receivedAt,
      fromStage: 'notification',
      toStage: 'notification',
    });

    // The decision leaves the outstanding scoping clock alone; health replies late, in setup.
    r = await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met' });
    expect(r.stage).toBe('setup');
    expect(scopingClock(await deadlines(id), s.health.id).status).toBe('open');
    const lateAt = new Date().toISOString();
    r = await send(t, s.healthContact, id, { type: 'RECEIVE_SCOPING', agencyId: s.health.id, receivedAt: lateAt });
    expect(r.stage).toBe('setup');
    expect(scopingClock(await deadlines(id), s.health.id)).toMatchObject({ status: 'met', metAt: lateAt });
  });

  it('lets a family that never answers be recorded as not involved, so the review is not stuck in family_review', async () => {
    const id = await newReview();
    await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
    // Recorded after the fact, in order: the draft went to the family 40 days ago.
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id, occurredAt: daysAgo(44) });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id, occurredAt: daysAgo(44) });
    await send(t, s.coordinator, id, {
      type: 'AGREE_TERMS_OF_REFERENCE',
      agreedAt: daysAgo(43),
      periodFrom: '2022-01-01',
      periodTo: '2026-01-01',
    });
    await send(t, s.chair, id, { type: 'BEGIN_DRAFTING', occurredAt: daysAgo(42) });
    await send(t, s.chair, id, { type: 'SUBMIT_DRAFT', note: 'first draft', occurredAt: daysAgo(41) });
    let r = await send(t, s.chair, id, { type: 'SHARE_DRAFT_WITH_FAMILY', sharedAt: daysAgo(40) });
    expect(r).toMatchObject({ stage: 'family_review', family: 'draft_shared' });
    expect(r.allowedEvents).toContain('FAMILY_NOT_INVOLVED');
    await send(t, s.chair, id, { type: 'SUBMIT_FOR_SIGNOFF' }, 409);

    await send(t, s.coordinator, id, { type: 'FAMILY_NOT_INVOLVED', reason: 'no reply' }, 403); // the chair records it
    r = await send(t, s.chair, id, { type: 'FAMILY_NOT_INVOLVED', reason: 'no reply after repeated contact' });
    expect(r).toMatchObject({ stage: 'drafting', family: 'not_involved' });
    const familyClocks = (await deadlines(id)).filter((d) => d.kind === 'family_response');
    expect(familyClocks).toHaveLength(1);
    expect(familyClocks[0]).toMatchObject({ status: 'cancelled', overdue: false });
    expect(familyClocks[0].metAt).toBeUndefined();

    r = await send(t, s.chair, id, { type: 'SUBMIT_FOR_SIGNOFF' });
    expect(r.stage).toBe('csp_signoff');
  });
});
