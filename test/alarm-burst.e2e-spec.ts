import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '../apps/worker/src/create-worker-app';
import { seedPartnership } from './support/actors';
import { notificationIdOf, sql } from './support/notifications-db';
import { rulebookFile } from './support/rulebooks';
import { SmtpSink } from './support/smtp-sink';
import { daysAgo, reviewBody } from './support/review-driver';
import { startTestApp } from './support/test-app';
import { sleep, waitFor } from './support/wait-for';

const CLOCKS = 2000;

/**
 * A burst: CLOCKS open clocks all falling due at the same instant, each with one alarm
 * (its escalation at due, to the one coordinator), planned at once by the outbox relay
 * AND by sweeps every second, run by two worker processes' worth of workers. Every alarm
 * is emailed exactly once, counted at the SMTP server.
 */
describe('a burst of alarms due together', () => {
  let smtp: SmtpSink;
  beforeEach(async () => (smtp = await new SmtpSink().start()));
  afterEach(() => smtp.stop());

  it(`emails each of ${CLOCKS} alarms due in the same minute exactly once, with relay and sweep racing on two workers`, async () => {
    // Completion clocks without reminders: one alarm each, the escalation at the due time.
    const rulebook = rulebookFile({ id: 'test-burst', clocks: { completion: { reminders: [] } } });
    const t = await startTestApp({ env: { RULEBOOK_FILE: rulebook, SMTP_URL: smtp.url, SWEEP_INTERVAL_SECONDS: '1' } });
    const workers: INestApplicationContext[] = [];
    try {
      const s = await seedPartnership(t, 'BRST');
      const created = await t
        .http()
        .post('/api/reviews')
        .set(s.coordinator.auth)
        .send(reviewBody(s.partnership.id, { notifiedAt: daysAgo(1) }));
      expect(created.status).toBe(201);
      const review = { id: created.body.id as string };
      // All due 20 s from now (time for the relay and the sweeps to plan them), in one statement, with an outbox row each.
      const clocks = await sql<{ id: string; due_at: Date }>(
        t.config,
        `WITH c AS (
           INSERT INTO clocks (review_id, partnership_id, kind, subject_key, rulebook_id, started_at, due_at, status, created_at, updated_at)
           SELECT $1, $2, 'completion', 'burst:' || g, 'test-burst', now() - interval '30 days', date_trunc('second', now()) + interval '20 seconds', 'open', now(), now()
           FROM generate_series(1, $3) g RETURNING id, due_at)
         , o AS (INSERT INTO outbox (topic, payload) SELECT 'clock.changed', jsonb_build_object('clockId', id) FROM c)
         SELECT id, due_at FROM c`,
        [review.id, s.partnership.id, CLOCKS],
      );
      expect(clocks).toHaveLength(CLOCKS);

      workers.push(await createWorkerApp(t.config, { logger: false }), await createWorkerApp(t.config, { logger: false }));
      const dueAt = clocks[0].due_at.getTime();
      const sentRows = () =>
        sql<{ id: string; clock_id: string; status: string }>(
          t.config,
          `SELECT id, clock_id, status FROM notifications WHERE clock_id = ANY($1::uuid[])`,
          [clocks.map((c) => c.id)],
        );
      // Generous: the machine running the suites may be shared (lateness is measured by bench/alarms.bench.ts).
      const allSent = async () => (await sentRows()).filter((r) => r.status === 'sent').length >= CLOCKS;
      await waitFor('every alarm emailed', allSent, 300_000);
      await sleep(3000); // more sweeps: nothing doubles
      const rows = await sentRows();
      expect(rows).toHaveLength(CLOCKS);
      expect(new Set(rows.map((r) => r.clock_id)).size).toBe(CLOCKS);
      expect(rows.every((r) => r.status === 'sent')).toBe(true);
      const ours = new Set(rows.map((r) => r.id));
      const received = smtp.received.filter((m) => ours.has(notificationIdOf(m.messageId)));
      expect(received).toHaveLength(CLOCKS); // each once: no row twice at the SMTP server
      expect(new Set(received.map((m) => m.messageId)).size).toBe(CLOCKS);
      // No email before its alarm was due (lateness itself is the bench's: this machine is shared).
      expect(received.every((m) => m.receivedAt.getTime() >= dueAt - 1000)).toBe(true);
    } finally {
      for (const w of workers) await w.close();
      await t.close();
    }
  }, 420_000);
});
