import { exactDueTimesRulebook } from './support/rulebooks';
import type { INestApplicationContext } from '@nestjs/common';
import type { ChildProcess } from 'node:child_process';
import { JobQueue } from '@dhr/jobs';
import { createWorkerApp } from '../apps/worker/src/create-worker-app';
import { seedPartnership, Seed } from './support/actors';
import { notificationIdOf, notificationRows, sql } from './support/notifications-db';
import { daysAgo, reviewBody, notifiedSoDecisionDueIn } from './support/review-driver';
import { SmtpSink } from './support/smtp-sink';
import { deleteQueueKeys, startTestApp, TestApp } from './support/test-app';
import { sleep, waitFor } from './support/wait-for';
import { spawnWorker } from './support/worker-process';

/** A review whose decision and Home Office clocks fall due in `seconds`; their 1-day reminders are due at once. */
async function backDatedReview(t: TestApp, s: Seed, seconds: number): Promise<string> {
  const body = reviewBody(s.partnership.id, { notifiedAt: notifiedSoDecisionDueIn(seconds), deathDate: daysAgo(40).slice(0, 10) });
  const res = await t.http().post('/api/reviews').set(s.coordinator.auth).send(body);
  expect(res.status).toBe(201);
  return res.body.id;
}

/** Every notification row was delivered by SMTP exactly once. */
function expectEachDeliveredOnce(smtp: SmtpSink, rows: { id: string; status: string }[]): void {
  const ids = rows.map((r) => r.id);
  const delivered = smtp.received.map((m) => notificationIdOf(m.messageId)).filter((id) => ids.includes(id));
  expect([...delivered].sort()).toEqual([...ids].sort());
  expect(rows.every((r) => r.status === 'sent')).toBe(true);
}

describe('no alarm is lost or doubled', () => {
  let smtp: SmtpSink;
  beforeEach(async () => (smtp = await new SmtpSink().start()));
  afterEach(() => smtp.stop());

  it('the sweep restores every alarm after Redis is flushed', async () => {
    const t = await startTestApp({
      withWorker: true,
      env: { RULEBOOK_FILE: exactDueTimesRulebook(), SMTP_URL: smtp.url, SWEEP_INTERVAL_SECONDS: '2' },
    });
    try {
      const s = await seedPartnership(t, 'FLSH');
      const reviewId = await backDatedReview(t, s, 12);
      await waitFor(
        'the immediate reminders',
        async () => (await notificationRows(t.config, reviewId)).filter((n) => n.status === 'sent').length >= 3,
      );
      const jobs = t.app.get(JobQueue);
      const [clock] = await sql<{ id: string; due_at: Date }>(
        t.config,
        `SELECT id, due_at FROM clocks WHERE review_id = $1 AND kind = 'decision'`,
        [reviewId],
      );
      const escalation = {
        name: 'clock-alarm' as const,
        data: { clockId: clock.id, step: 'escalation-0', dueAt: clock.due_at.toISOString() },
      };
      await waitFor('the escalation alarm in Redis', () => jobs.has(escalation));

      await deleteQueueKeys(t.config); // everything under our prefix: alarms, scheduler, history
      expect(await jobs.has(escalation)).toBe(false);
      await waitFor('the sweep to restore the alarm', () => jobs.has(escalation), 15_000);

      await waitFor(
        'the escalations',
        async () =>
          (await notificationRows(t.config, reviewId)).filter((n) => n.template === 'clock.escalation' && n.status === 'sent').length >= 2,
        30_000,
      );
      await sleep(3000); // a few more sweeps: nothing doubles
      const rows = await notificationRows(t.config, reviewId);
      expectEachDeliveredOnce(smtp, rows);
      const steps = rows.map((r) => `${r.kind}/${r.step}/${r.recipient_role}`).sort();
      expect(new Set(steps).size).toBe(steps.length);
    } finally {
      await t.close();
    }
  });

  it('a worker killed in the middle of sending loses and doubles nothing', async () => {
    const t = await startTestApp({ env: { RULEBOOK_FILE: exactDueTimesRulebook(), SMTP_URL: smtp.url, WORKER_LOCK_SECONDS: '2' } });
    let first: ChildProcess | null = null;
    let second: ChildProcess | null = null;
    try {
      const s = await seedPartnership(t, 'KILL');
      smtp.holdEvery(60_000); // every message hangs in DATA until the worker dies
      const held = new Promise<void>((resolve) => (smtp.onHeld = resolve));
      first = spawnWorker(t.config, { LOG_LEVEL: 'error' });
      const reviewId = await backDatedReview(t, s, 3600);
      await held;
      first.kill('SIGKILL');
      await new Promise((resolve) => first!.once('exit', resolve));
      smtp.release();

      second = spawnWorker(t.config, { LOG_LEVEL: 'error' });
      const rows = await waitFor(
        'every reminder sent by the second worker',
        async () => {
          const all = await notificationRows(t.config, reviewId);
          return all.length >= 3 && all.every((n) => n.status === 'sent') ? all : null;
        },
        45_000,
      );
      await sleep(1500);
      expectEachDeliveredOnce(smtp, await notificationRows(t.config, reviewId));
      expect(rows.length).toBeGreaterThanOrEqual(3);
    } finally {
      first?.kill('SIGKILL');
      second?.kill('SIGTERM');
      if (second) await new Promise((resolve) => second!.once('exit', resolve));
      await t.close();
    }
  });

  it('two workers at once send each email once', async () => {
    const t = await startTestApp({ env: { RULEBOOK_FILE: exactDueTimesRulebook(), SMTP_URL: smtp.url } });
    const workers: INestApplicationContext[] = [];
    try {
      const s = await seedPartnership(t, 'TWO');
      workers.push(await createWorkerApp(t.config, { logger: false }), await createWorkerApp(t.config, { logger: false }));
      const reviewIds = [];
      for (let i = 0; i < 5; i++) reviewIds.push(await backDatedReview(t, s, 3600));
      const rows = await waitFor(
        'all reminders sent',
        async () => {
          const all = await notificationRows(t.config);
          return all.length >= 15 && all.every((n) => n.status === 'sent') ? all : null;
        },
        45_000,
      );
      await sleep(1500);
      expect(rows).toHaveLength(15); // 5 reviews × (decision: coordinator + CSP chair; Home Office notice: coordinator)
      expectEachDeliveredOnce(smtp, await notificationRows(t.config));
    } finally {
      for (const w of workers) await w.close();
      await t.close();
    }
  });

  it('a permanently refused email is recorded and escalated to the coordinators instead of vanishing', async () => {
    const t = await startTestApp({ withWorker: true, env: { RULEBOOK_FILE: exactDueTimesRulebook(), SMTP_URL: smtp.url } });
    try {
      const s = await seedPartnership(t, 'FAIL');
      smtp.rejected.add(s.cspChair.email);
      const reviewId = await backDatedReview(t, s, 3600);
      const failureNotice = await waitFor('the failure notice', async () => {
        const rows = await notificationRows(t.config, reviewId);
        return rows.find((n) => n.template === 'email.failed' && n.status === 'sent');
      });
      expect(failureNotice.recipient_email).toBe(s.coordinator.email);
      const [failed] = (await notificationRows(t.config, reviewId)).filter((n) => n.recipient_email === s.cspChair.email);
      expect(failed.status).toBe('failed');
      const attempts = await sql<{ outcome: string; smtp_response: string }>(
        t.config,
        `SELECT outcome, smtp_response FROM email_attempts WHERE notification_id = $1`,
        [failed.id],
      );
      expect(attempts).toHaveLength(1);
      expect(attempts[0].outcome).toBe('permanent_failure');
      expect(attempts[0].smtp_response).toContain('550');
      expect(attempts[0].smtp_response).not.toContain(s.cspChair.email);
      const notice = smtp.received.find((m) => notificationIdOf(m.messageId) === failureNotice.id)!;
      expect(notice.raw).not.toContain(s.cspChair.email);
    } finally {
      await t.close();
    }
  });
});
