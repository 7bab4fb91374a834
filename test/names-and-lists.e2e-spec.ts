import { DataSource } from 'typeorm';
import { OutboxRelay } from '@dhr/jobs';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { seedPartnership, Seed } from './support/actors';
import { daysAgo, daysAhead, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';

/** What a user interface reads: who am I, names beside ids, the events I may send, and lists that scale. */
describe('names, per-caller events, directories and the review list', () => {
  let t: TestApp;
  let s: Seed;
  let other: Seed;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedPartnership(t, 'NAME');
    other = await seedPartnership(t, 'OTHR');
  });
  afterAll(() => t.close());

  async function newReview(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id, overrides));
    expect(created.status).toBe(201);
    return created.body.id;
  }

  /** A review in information gathering, chaired by the seed's chair, with police on the panel and its IMR requested. */
  async function gatheringReview(): Promise<string> {
    const id = await newReview();
    await send(t, s.coordinator, id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(40), rationale: 'criteria met' });
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id, occurredAt: daysAgo(31) });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.health.id });
    await send(t, s.chair, id, {
      type: 'AGREE_TERMS_OF_REFERENCE',
      agreedAt: daysAgo(30),
      periodFrom: '2020-01-01',
      periodTo: '2024-01-01',
    });
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id, dueAt: daysAhead(30) });
    return id;
  }

  it('GET /api/me names the caller, their partnership and agency', async () => {
    const me = await t.http().get('/api/me').set(s.policeContact.auth);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: s.policeContact.id,
      name: 'agency_contact NAME',
      email: s.policeContact.email,
      role: 'agency_contact',
      partnershipId: s.partnership.id,
      partnershipName: 'NAME CSP',
      agencyId: s.police.id,
      agencyName: 'NAME Police',
      memberships: [
        {
          partnershipId: s.partnership.id,
          partnershipName: 'NAME CSP',
          role: 'agency_contact',
          agencyId: s.police.id,
          agencyName: 'NAME Police',
        },
      ],
    });
    const admin = await t.http().get('/api/me').set(s.admin.auth);
    expect(admin.body).toMatchObject({ role: 'admin', partnershipId: null, memberships: [] });
    expect((await t.http().get('/api/me')).status).toBe(401);
  });

  it('lists partnerships, agencies and users only to those who may see them', async () => {
    const all = await t.http().get('/api/partnerships').set(s.admin.auth);
    expect(all.body.items.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['NAME', 'OTHR']));
    const own = await t.http().get('/api/partnerships').set(s.coordinator.auth);
    // The email settings are part of the shape (null: the defaults apply).
    expect(own.body.items).toEqual([
      { id: s.partnership.id, name: 'NAME CSP', code: 'NAME', senderName: null, senderEmail: null, contactName: null, contactEmail: null },
    ]);

    const agencies = await t.http().get('/api/agencies').set(s.policeContact.auth);
    expect(agencies.body.items.map((a: { name: string }) => a.name)).toEqual(['NAME NHS Trust', 'NAME Police']);
    // Another partnership's agencies are not there for a coordinator; an administrator may ask for any.
    expect((await t.http().get(`/api/agencies?partnershipId=${other.partnership.id}`).set(s.coordinator.auth)).status).toBe(404);
    const theirs = await t.http().get(`/api/agencies?partnershipId=${other.partnership.id}`).set(s.admin.auth);
    expect(theirs.body.items).toHaveLength(2);
    expect((await t.http().get('/api/agencies?partnershipId=nope').set(s.admin.auth)).status).toBe(400);

    const users = await t.http().get('/api/users?role=agency_contact').set(s.coordinator.auth);
    expect(users.status).toBe(200);
    expect(users.body.items.map((u: { agencyName: string }) => u.agencyName).sort()).toEqual(['NAME NHS Trust', 'NAME Police']);
    expect(users.body.items.every((u: object) => !('passwordHash' in u))).toBe(true);
    expect((await t.http().get('/api/users').set(s.policeContact.auth)).status).toBe(403);
    expect((await t.http().get('/api/users').set(s.cspChair.auth)).status).toBe(403);
    expect((await t.http().get('/api/users?role=king').set(s.admin.auth)).status).toBe(400);
  });

  it('shows names beside ids on the review, its deadlines and its history', async () => {
    const id = await gatheringReview();
    const review = (await t.http().get(`/api/reviews/${id}`).set(s.coordinator.auth)).body;
    expect(review.chair).toEqual({ id: s.chair.id, name: 'independent_chair NAME' });
    expect(review.panel).toEqual([
      { agencyId: s.police.id, agencyName: 'NAME Police', imr: 'requested' },
      { agencyId: s.health.id, agencyName: 'NAME NHS Trust', imr: 'not_requested' },
    ]);
    const imr = review.deadlines.find((d: { kind: string }) => d.kind === 'imr');
    expect(imr.agencyName).toBe('NAME Police');
    expect(review.nextDeadline).toMatchObject({ status: 'open' });

    const history = (await t.http().get(`/api/reviews/${id}/history`).set(s.coordinator.auth)).body;
    const appoint = history.find((h: { type: string }) => h.type === 'APPOINT_CHAIR');
    expect(appoint.actor).toEqual({ id: s.coordinator.id, name: 'coordinator NAME' });
    const request = history.find((h: { type: string }) => h.type === 'REQUEST_IMR');
    expect(request.agencyName).toBe('NAME Police');

    const deadlines = (await t.http().get(`/api/reviews/${id}/deadlines`).set(s.policeContact.auth)).body;
    expect(deadlines.map((d: { agencyName: string }) => d.agencyName)).toEqual(['NAME Police']);
  });

  it('gives each caller only the events they may send now', async () => {
    const id = await gatheringReview();
    const allowed = async (session: { auth: Record<string, string> }) =>
      (await t.http().get(`/api/reviews/${id}`).set(session.auth)).body.allowedEvents as string[];

    const coordinator = await allowed(s.coordinator);
    expect(coordinator).toEqual(expect.arrayContaining(['REQUEST_IMR', 'RECEIVE_IMR', 'WAIVE_IMR', 'PUT_ON_HOLD']));
    // The CSP chair decides and signs off; nothing of information gathering is theirs.
    expect(await allowed(s.cspChair)).toEqual([]);
    const chair = await allowed(s.chair);
    expect(chair).toEqual(expect.arrayContaining(['REQUEST_IMR', 'WAIVE_IMR']));
    expect(chair).not.toContain('PUT_ON_HOLD');
    // Police were asked for an IMR: they may return it. Health were not asked: nothing for them to send.
    expect(await allowed(s.policeContact)).toEqual(['RECEIVE_IMR']);
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.health.id });
    expect(await allowed(s.healthContact)).toEqual(['RECEIVE_IMR']);
    await send(t, s.healthContact, id, { type: 'RECEIVE_IMR', agencyId: s.health.id, receivedAt: daysAgo(0) });
    expect(await allowed(s.healthContact)).toEqual([]);
  });

  it('sorts by the next due deadline, each item carrying it', async () => {
    const later = await newReview({ notifiedAt: daysAgo(5) });
    const sooner = await newReview({ notifiedAt: daysAgo(25) });
    const res = await t.http().get('/api/reviews?sort=nextDue&limit=200').set(s.coordinator.auth);
    expect(res.status).toBe(200);
    const dues = res.body.items.map((r: { nextDeadline: { dueAt: string } | null }) => r.nextDeadline?.dueAt ?? '9999');
    expect(dues).toEqual([...dues].sort());
    const ids = res.body.items.map((r: { id: string }) => r.id);
    expect(ids.indexOf(sooner)).toBeLessThan(ids.indexOf(later));
    expect((await t.http().get('/api/reviews?sort=oldest').set(s.coordinator.auth)).status).toBe(400);
  });

  it('builds a page of reviews in the same number of queries whatever its size', async () => {
    const fresh = await seedPartnership(t, 'PAGE');
    for (let i = 0; i < 50; i++) {
      const created = await t
        .http()
        .post('/api/reviews')
        .set(fresh.coordinator.auth)
        .send(reviewBody(fresh.partnership.id, { notifiedAt: daysAgo(10 + i) }));
      expect(created.status).toBe(201);
      await send(t, fresh.coordinator, created.body.id, { type: 'REQUEST_SCOPING', agencyId: fresh.police.id });
    }
    const count = await countQueries(t, async () => {
      const res = await t.http().get('/api/reviews?limit=5').set(fresh.coordinator.auth);
      expect(res.body.items).toHaveLength(5);
    });
    const countFifty = await countQueries(t, async () => {
      const res = await t.http().get('/api/reviews?limit=50&sort=nextDue').set(fresh.coordinator.auth);
      expect(res.body.items).toHaveLength(50);
      expect(res.body.total).toBe(50);
    });
    expect(countFifty).toBe(count);
    expect(countFifty).toBeLessThanOrEqual(20);
  });
});

/**
 * Every SQL statement TypeORM sends goes through a query runner's `query`: count them while `work` runs,
 * once the outbox relay (which runs after commits, in the background) has nothing left to do.
 */
async function countQueries(t: TestApp, work: () => Promise<void>): Promise<number> {
  expect(t.app.get(DataSource).driver.options.type).toBe('postgres');
  while ((await t.app.get(OutboxRelay).relayPending()) > 0);
  const original = PostgresQueryRunner.prototype.query;
  let calls = 0;
  PostgresQueryRunner.prototype.query = function (this: PostgresQueryRunner, ...args: Parameters<typeof original>) {
    calls++;
    return original.apply(this, args);
  } as typeof original;
  try {
    await work();
  } finally {
    PostgresQueryRunner.prototype.query = original;
  }
  return calls;
}
