import { OutboxRelay } from '@dhr/jobs';
import { seedPartnership, Seed } from './support/actors';
import { daysAgo, reviewBody, send } from './support/review-driver';
import { countRoundTrips, SentStatement, summary, underRowLock } from './support/round-trips';
import { startTestApp, TestApp } from './support/test-app';

/** 'ok', or the statements themselves when there are more than `limit` (so a failure shows them). */
const atMost = (limit: number, statements: SentStatement[]) => (statements.length <= limit ? 'ok' : summary(statements));

/** The statements other than the audit writer's (its chain head and entry). */
const ours = (statements: SentStatement[]) => statements.filter((q) => !/\baudit_(chain_heads|entries)\b/.test(q.sql));

/**
 * Round trips to Postgres per request on the event and read paths (issue 13): the row lock is
 * held for the event's checks and writes only, never for the view's reads, and a read takes no lock.
 * The counts are this suite's measure; the README's "Round trips per event" quotes them.
 */
describe('round trips per event and per read', () => {
  let t: TestApp;
  let s: Seed;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedPartnership(t, 'TRIP');
  });
  afterAll(() => t.close());

  const commissionedReview = async () => {
    const id = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id as string;
    await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
    await send(t, s.coordinator, id, { type: 'HOME_OFFICE_INFORMED', sentAt: daysAgo(44) });
    // The earlier events' outbox relay finishes first: only the measured request's statements are counted.
    await t.app.get(OutboxRelay).relayPending();
    return id;
  };

  it('APPOINT_CHAIR: the lock, one read with its checks, one write of snapshot and history, the audit, and no view read under the lock', async () => {
    const id = await commissionedReview();
    const { result, statements } = await countRoundTrips(() =>
      t.http().post(`/api/reviews/${id}/events`).set(s.coordinator.auth).send({ type: 'APPOINT_CHAIR', userId: s.chair.id }),
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ stage: 'setup', chair: { id: s.chair.id }, version: 4 });
    const locked = underRowLock(statements);
    process.stdout.write(`APPOINT_CHAIR: ${statements.length} round trips, ${locked.length} under the row lock\n`);
    if (process.env.SHOW_ROUND_TRIPS) process.stdout.write(`${summary(statements).join('\n')}\n`);
    // Under the lock: the locking read (with the chair check and the facts it follows), the snapshot+history write,
    // the audit writer's own (three today; counted apart, the audit trail is its own lib's), COMMIT.
    // The view's reads come after COMMIT, side by side on the pool.
    expect(atMost(3, ours(locked))).toBe('ok');
    expect(locked.some((q) => /FROM "?(clocks|documents|recommendations|action_details)"?/i.test(q.sql))).toBe(false);
    expect(atMost(10, ours(statements))).toBe('ok');
  });

  it('DECIDE_TO_COMMISSION (clock effects and their outbox rows): still no view read under the lock', async () => {
    const id = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id as string;
    await t.app.get(OutboxRelay).relayPending();
    const { result, statements } = await countRoundTrips(() =>
      t
        .http()
        .post(`/api/reviews/${id}/events`)
        .set(s.cspChair.auth)
        .send({ type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' }),
    );
    expect(result.status).toBe(200);
    const locked = underRowLock(statements);
    process.stdout.write(`DECIDE_TO_COMMISSION: ${statements.length} round trips, ${locked.length} under the row lock\n`);
    if (process.env.SHOW_ROUND_TRIPS) process.stdout.write(`${summary(statements).join('\n')}\n`);
    expect(locked.some((q) => /FROM "?(documents|recommendations|action_details|users|agencies)"?/i.test(q.sql))).toBe(false);
    expect(locked.some((q) => /^\s*SELECT\b.*FROM "?clocks"?/i.test(q.sql))).toBe(false);
  });

  it('GET /api/reviews/:id: no lock, and the view reads side by side after the audit commits', async () => {
    const id = await commissionedReview();
    const { result, statements } = await countRoundTrips(() => t.http().get(`/api/reviews/${id}`).set(s.coordinator.auth));
    expect(result.status).toBe(200);
    process.stdout.write(`GET review: ${statements.length} round trips\n`);
    if (process.env.SHOW_ROUND_TRIPS) process.stdout.write(`${summary(statements).join('\n')}\n`);
    expect(statements.some((q) => /FOR (NO KEY )?UPDATE|FOR SHARE/i.test(q.sql) && /FROM "?reviews"?/i.test(q.sql))).toBe(false);
    expect(atMost(9, ours(statements))).toBe('ok');
  });

  it('an event dated before the fact it follows is still a 400, from the facts the locking read brought', async () => {
    const id = await commissionedReview();
    const res = await t
      .http()
      .post(`/api/reviews/${id}/events`)
      .set(s.coordinator.auth)
      .send({ type: 'APPOINT_CHAIR', userId: s.chair.id, occurredAt: daysAgo(46) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('occurredAt');
  });

  it('a bad chair id is still a 400 naming the field, checked by the locking read', async () => {
    const id = await commissionedReview();
    const res = await t
      .http()
      .post(`/api/reviews/${id}/events`)
      .set(s.coordinator.auth)
      .send({ type: 'APPOINT_CHAIR', userId: s.cspChair.id });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('userId');
  });
});
