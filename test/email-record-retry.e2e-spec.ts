import { JobQueue } from '@dhr/jobs';
import { seedPartnership } from './support/actors';
import { notificationIdOf, notificationRows, sql } from './support/notifications-db';
import { daysAgo, notifiedSoDecisionDueIn, reviewBody } from './support/review-driver';
import { exactDueTimesRulebook } from './support/rulebooks';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { sleep, waitFor } from './support/wait-for';

/**
 * Postgres drops the connection at the worst moment: the SMTP server has accepted the
 * message and the write recording it fails. Made real, not mocked: a trigger the test
 * installs kills its own backend (pg_terminate_backend, as a restart would) when a
 * notification is marked sent, the first `times` times (a sequence, as a rolled-back
 * counter would not count).
 */
async function failRecordWrites(t: TestApp, times: number): Promise<void> {
  await sql(t.config, `CREATE SEQUENCE test_record_faults`);
  await sql(
    t.config,
    `CREATE FUNCTION test_fail_record() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF OLD.status = 'pending' AND NEW.status = 'sent' AND nextval('test_record_faults') <= ${times} THEN
         PERFORM pg_terminate_backend(pg_backend_pid());
       END IF;
       RETURN NEW;
     END $$`,
  );
  await sql(t.config, `CREATE TRIGGER test_fail_record BEFORE UPDATE ON notifications FOR EACH ROW EXECUTE FUNCTION test_fail_record()`);
}

async function faultsUsed(t: TestApp): Promise<number> {
  const [row] = await sql<{ n: string }>(t.config, `SELECT last_value AS n FROM test_record_faults`);
  return Number(row.n);
}

/** The three reminders due at once (decision: coordinator + CSP chair; Home Office notice: coordinator), all sent. */
async function reviewWithThreeEmails(t: TestApp) {
  const s = await seedPartnership(t, 'REC');
  const body = reviewBody(s.partnership.id, { notifiedAt: notifiedSoDecisionDueIn(3600), deathDate: daysAgo(40).slice(0, 10) });
  const res = await t.http().post('/api/reviews').set(s.coordinator.auth).send(body);
  expect(res.status).toBe(201);
  const reviewId: string = res.body.id;
  const rows = await waitFor(
    'every reminder recorded as sent',
    async () => {
      const all = await notificationRows(t.config, reviewId);
      return all.length >= 3 && all.every((n) => n.status === 'sent') ? all : null;
    },
    60_000,
  );
  await sleep(1500); // time for any second send to show
  return rows;
}

/** Delivered exactly once each (counted at the SMTP server), with exactly one attempt each, recorded as sent. */
async function expectSentOnceAndRecorded(t: TestApp, smtp: SmtpSink, ids: string[]): Promise<void> {
  const delivered = smtp.received.map((m) => notificationIdOf(m.messageId)).filter((id) => ids.includes(id));
  expect([...delivered].sort()).toEqual([...ids].sort());
  const attempts = await sql<{ notification_id: string; outcome: string; attempts: number }>(
    t.config,
    `SELECT a.notification_id, a.outcome, n.attempts FROM email_attempts a JOIN notifications n ON n.id = a.notification_id
      WHERE a.notification_id = ANY($1::uuid[])`,
    [ids],
  );
  expect(attempts.map((a) => a.notification_id).sort()).toEqual([...ids].sort());
  expect(attempts.every((a) => a.outcome === 'sent' && a.attempts === 1)).toBe(true);
}

describe('an email the SMTP server accepted is never sent again', () => {
  let smtp: SmtpSink;
  beforeEach(async () => (smtp = await new SmtpSink().start()));
  afterEach(() => smtp.stop());

  it('retries the record, not the send, when the write after an accepted send fails', async () => {
    const t = await startTestApp({ withWorker: true, env: { RULEBOOK_FILE: exactDueTimesRulebook(), SMTP_URL: smtp.url } });
    try {
      await failRecordWrites(t, 1);
      const rows = await reviewWithThreeEmails(t);
      expect(await faultsUsed(t)).toBeGreaterThanOrEqual(1);
      await expectSentOnceAndRecorded(
        t,
        smtp,
        rows.map((r) => r.id),
      );
    } finally {
      await t.close();
    }
  }, 90_000);

  it('records on the next try of the job, without sending, when Postgres stays away past the in-process retries', async () => {
    const t = await startTestApp({ withWorker: true, env: { RULEBOOK_FILE: exactDueTimesRulebook(), SMTP_URL: smtp.url } });
    try {
      // One try of the job writes the record at most 6 times (1 + 5 retries): three emails
      // make 18 writes at most, so using up 20 faults needs a job tried again after its
      // send was accepted.
      await failRecordWrites(t, 20);
      const rows = await reviewWithThreeEmails(t);
      expect(await faultsUsed(t)).toBeGreaterThan(20);
      const ids = rows.map((r) => r.id);
      await expectSentOnceAndRecorded(t, smtp, ids);
      // Waiting out the lost connection spent none of the email's attempts: the one counted is
      // the try that completed, though some of the jobs were started more than once.
      const queue = t.app.get(JobQueue).queue('email');
      const jobs = await Promise.all(ids.map((id) => queue.getJob(`email_${id}`)));
      expect(jobs.map((j) => j?.attemptsMade)).toEqual(ids.map(() => 1));
      expect(jobs.some((j) => (j?.attemptsStarted ?? 0) > 1)).toBe(true);
    } finally {
      await t.close();
    }
  }, 120_000);
});
