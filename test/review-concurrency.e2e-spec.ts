import { seedPartnership, Seed } from './support/actors';
import { reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';

describe('concurrent events on one review', () => {
  let t: TestApp;
  let s: Seed;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedPartnership(t, 'RACE');
  });
  afterAll(() => t.close());

  const newReview = async () =>
    (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id as string;

  it('applies at most one of several events sent against the same version', async () => {
    const id = await newReview();
    const racers = Array.from({ length: 8 }, (_, i) =>
      t
        .http()
        .post(`/api/reviews/${id}/events`)
        .set(s.coordinator.auth)
        .send({
          type: i % 2 ? 'DECIDE_TO_COMMISSION' : 'DECIDE_NOT_TO_COMMISSION',
          rationale: `racer ${i}`,
          expectedVersion: 1,
        }),
    );
    const results = await Promise.all(racers);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error === 'conflict')).toBe(true);
    const history = await t.http().get(`/api/reviews/${id}/history`).set(s.coordinator.auth);
    expect(history.body).toHaveLength(2);
    const review = await t.http().get(`/api/reviews/${id}`).set(s.coordinator.auth);
    expect(review.body.version).toBe(2);
  });

  it('serialises events without expectedVersion: each applies against the latest state, once', async () => {
    const id = await newReview();
    await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met' });
    const racers = Array.from({ length: 6 }, () =>
      t.http().post(`/api/reviews/${id}/events`).set(s.coordinator.auth).send({ type: 'HOME_OFFICE_INFORMED' }),
    );
    const statuses = (await Promise.all(racers)).map((r) => r.status);
    // HOME_OFFICE_INFORMED is allowed once: the first wins, the rest see it done.
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    const history = await t.http().get(`/api/reviews/${id}/history`).set(s.coordinator.auth);
    expect(history.body.filter((h: { type: string }) => h.type === 'HOME_OFFICE_INFORMED')).toHaveLength(1);
    expect(history.body.map((h: { seq: number }) => h.seq)).toEqual([1, 2, 3]);
  });
});
