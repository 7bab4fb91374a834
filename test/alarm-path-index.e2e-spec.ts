import type { EntityManager } from 'typeorm';
import { sentSteps } from '@dhr/notifications';
import { seedPartnership } from './support/actors';
import { sql } from './support/notifications-db';
import { reviewBody } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';

const INDEX = 'notifications_clock_due_day_idx';

/** Every node of an EXPLAIN (FORMAT JSON) plan, depth first. */
function planNodes(node: Record<string, unknown>): Record<string, unknown>[] {
  const children = (node.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [node, ...children.flatMap(planNodes)];
}

/**
 * The alarm path asks, for every alarm it plans or fires, which steps were already sent for a
 * clock on its due day. With many notifications it must look them up by index, not read them all.
 */
describe('the alarm path looks up sent steps by index', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('plans the real sentSteps query on the clock/due-day index once notifications are many', async () => {
    const a = await seedPartnership(t, 'IDXA');
    const created = await t.http().post('/api/reviews').set(a.coordinator.auth).send(reviewBody(a.partnership.id));
    expect(created.status).toBe(201);
    const reviewId = created.body.id as string;
    // 4,000 clocks (closed ones, so the live-subject rule does not apply), 10 notifications each.
    await sql(
      t.config,
      `INSERT INTO clocks (review_id, partnership_id, kind, subject_key, rulebook_id, started_at, due_at, status, met_at)
       SELECT $1, $2, 'imr', 'idx:' || g, 'default', now() - interval '30 days', now() - (g || ' hours')::interval, 'met', now()
         FROM generate_series(1, 4000) g`,
      [reviewId, a.partnership.id],
    );
    await sql(
      t.config,
      `INSERT INTO notifications (review_id, clock_id, recipient_user_id, template, step, alarm_key, clock_due_at, status)
       SELECT $1, c.id, $2, 'clock.reminder', 'reminder:' || s, 'idx:' || c.id || ':' || s, c.due_at, 'sent'
         FROM clocks c CROSS JOIN generate_series(1, 10) s WHERE c.subject_key LIKE 'idx:%'`,
      [reviewId, a.coordinator.id],
    );
    await sql(t.config, 'ANALYZE notifications');
    const [clock] = await sql<{ id: string; due_at: Date }>(t.config, `SELECT id, due_at FROM clocks WHERE subject_key = 'idx:2000'`);

    // The query exactly as the alarm path sends it.
    let query = { text: '', params: [] as unknown[] };
    const capture = {
      query: async (text: string, params: unknown[]) => {
        query = { text, params };
        return [];
      },
    } as unknown as EntityManager;
    await sentSteps(capture, { id: clock.id, dueAt: clock.due_at });
    expect(query.text).toMatch(/FROM notifications/);

    const [{ 'QUERY PLAN': plan }] = await sql<{ 'QUERY PLAN': { Plan: Record<string, unknown> }[] }>(
      t.config,
      `EXPLAIN (FORMAT JSON) ${query.text}`,
      query.params,
    );
    const nodes = planNodes(plan[0].Plan);
    expect(nodes.map((n) => n['Index Name']).filter(Boolean)).toContain(INDEX);
    expect(nodes.map((n) => n['Node Type'])).not.toContain('Seq Scan');

    const [definition] = await sql<{ indexdef: string }>(t.config, `SELECT indexdef FROM pg_indexes WHERE indexname = $1`, [INDEX]);
    expect(definition.indexdef).toContain("(clock_id, (((clock_due_at AT TIME ZONE 'Europe/London'::text))::date), step)");
  });
});
