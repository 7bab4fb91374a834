import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { seedPartnership, Seed } from './support/actors';
import { reviewBody } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';

describe('Idempotency-Key on POST', () => {
  let t: TestApp;
  let s: Seed;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedPartnership(t, 'IDEM');
    db = t.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(() => t.close());

  const reviewCount = async () => Number((await db.query(`SELECT count(*)::int AS n FROM reviews`))[0].n);
  const create = (key: string, body: object) =>
    t.http().post('/api/reviews').set(s.coordinator.auth).set('Idempotency-Key', key).send(body);

  it('answers a retry with the first answer and creates one review', async () => {
    const before = await reviewCount();
    const body = reviewBody(s.partnership.id);
    const first = await create('retry-1', body);
    expect(first.status).toBe(201);
    const second = await create('retry-1', body);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await reviewCount()).toBe(before + 1);
  });

  it('refuses the same key with a different body, naming the header', async () => {
    const first = await create('changed-body', reviewBody(s.partnership.id));
    expect(first.status).toBe(201);
    const before = await reviewCount();
    const second = await create('changed-body', reviewBody(s.partnership.id, { victimPseudonym: 'Adult C' }));
    expect(second.status).toBe(409);
    expect(second.body.message).toContain('Idempotency-Key');
    expect(await reviewCount()).toBe(before);
  });

  it('keys are per user and per route: the same key elsewhere is a new request', async () => {
    const body = reviewBody(s.partnership.id);
    const first = await create('shared-key', body);
    const event = await t
      .http()
      .post(`/api/reviews/${first.body.id}/events`)
      .set(s.cspChair.auth)
      .set('Idempotency-Key', 'shared-key')
      .send({ type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met' });
    expect(event.status).toBe(200);
    expect(event.headers['idempotent-replayed']).toBeUndefined();
  });

  it('sends an event once for a retried POST /reviews/:id/events, and replays a refused one as refused', async () => {
    const review = await create('event-review', reviewBody(s.partnership.id));
    const sendEvent = (key: string) =>
      t
        .http()
        .post(`/api/reviews/${review.body.id}/events`)
        .set(s.cspChair.auth)
        .set('Idempotency-Key', key)
        .send({ type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met' });
    const first = await sendEvent('event-1');
    const again = await sendEvent('event-1');
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    const history = await t.http().get(`/api/reviews/${review.body.id}/history`).set(s.coordinator.auth);
    expect(history.body.filter((h: { type: string }) => h.type === 'DECIDE_TO_COMMISSION')).toHaveLength(1);
    // A new key: the machine refuses a second decision; a retry of that key gets the same refusal.
    const refused = await sendEvent('event-2');
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    const refusedAgain = await sendEvent('event-2');
    expect(refusedAgain.status).toBe(refused.status);
    expect(refusedAgain.body).toEqual(refused.body);
  });

  // The moment a process dies between its write's COMMIT and storing the answer under the key: the key's
  // row (held uncommitted on its own connection) is gone, the write and its key's write record are not.
  const loseStoredAnswer = (key: string) => db.query(`DELETE FROM idempotency_keys WHERE key_hash = sha256($1::text::bytea)`, [key]);

  it('writes nothing again when the first attempt wrote but died before storing its answer: the retry answers with the review', async () => {
    const body = reviewBody(s.partnership.id);
    const first = await create('died-after-commit', body);
    expect(first.status).toBe(201);
    await loseStoredAnswer('died-after-commit');
    const before = await reviewCount();
    const retry = await create('died-after-commit', body);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined(); // not the stored answer: there is none
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.body.reference).toBe(first.body.reference);
    expect(await reviewCount()).toBe(before);

    const sendEvent = () =>
      t
        .http()
        .post(`/api/reviews/${first.body.id}/events`)
        .set(s.cspChair.auth)
        .set('Idempotency-Key', 'event-died-after-commit')
        .send({ type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met' });
    const decided = await sendEvent();
    expect(decided.status).toBe(200);
    await loseStoredAnswer('event-died-after-commit');
    const again = await sendEvent();
    expect(again.status).toBe(200);
    expect(again.body.stage).toBe(decided.body.stage);
    const history = await t.http().get(`/api/reviews/${first.body.id}/history`).set(s.coordinator.auth);
    expect(history.body.filter((h: { type: string }) => h.type === 'DECIDE_TO_COMMISSION')).toHaveLength(1);
  });

  it('creates one review from concurrent duplicates, and every duplicate gets its answer', async () => {
    const before = await reviewCount();
    const body = reviewBody(s.partnership.id);
    const answers = await Promise.all(Array.from({ length: 8 }, () => create('concurrent-1', body)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await reviewCount()).toBe(before + 1);
  });

  it('keeps keys 24 hours: the sweep removes older ones, and the key then runs as new', async () => {
    const body = reviewBody(s.partnership.id);
    const first = await create('day-old', body);
    // A day later: the answer and the record that the key wrote age together.
    await db.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE route = 'POST /api/reviews'`);
    await db.query(`UPDATE idempotency_writes SET created_at = now() - interval '25 hours' WHERE route = 'POST /api/reviews'`);
    const { ReconcileHandler } = await import('../libs/notifications/src/reconcile.handler');
    await t.app.get(ReconcileHandler).handle();
    expect(await db.query(`SELECT 1 FROM idempotency_keys WHERE created_at < now() - interval '24 hours'`)).toHaveLength(0);
    expect(await db.query(`SELECT 1 FROM idempotency_writes WHERE created_at < now() - interval '24 hours'`)).toHaveLength(0);
    const later = await create('day-old', body);
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
  });

  it('refuses a malformed key with 400 naming the header, and stores no key text', async () => {
    const res = await create('x'.repeat(201), reviewBody(s.partnership.id));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('Idempotency-Key');
    const empty = await t.http().post('/api/reviews').set(s.coordinator.auth).set('Idempotency-Key', '\u00e9t\u00e9').send({});
    expect(empty.status).toBe(400);
    const stored: { route: string }[] = await db.query(`SELECT route FROM idempotency_keys`);
    expect(stored.every((row) => !row.route.includes('retry-1'))).toBe(true);
  });
});
