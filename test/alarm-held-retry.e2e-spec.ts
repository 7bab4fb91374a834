import { JobQueue, JobWorkers, jobOptions } from '@dhr/jobs';
import { seedPartnership } from './support/actors';
import { notificationIdOf, notificationRows } from './support/notifications-db';
import { daysAgo, notifiedSoDecisionDueIn, reviewBody } from './support/review-driver';
import { exactDueTimesRulebook } from './support/rulebooks';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp } from './support/test-app';
import { sleep, waitFor } from './support/wait-for';

describe('a due alarm held back by its own retry', () => {
  let smtp: SmtpSink;
  beforeEach(async () => (smtp = await new SmtpSink().start()));
  afterEach(() => smtp.stop());

  it('is run at once by the sweep, not after the retry backoff', async () => {
    const t = await startTestApp({ env: { RULEBOOK_FILE: exactDueTimesRulebook(), SMTP_URL: smtp.url } });
    try {
      const s = await seedPartnership(t, 'HELD');
      const body = reviewBody(s.partnership.id, { notifiedAt: notifiedSoDecisionDueIn(3600), deathDate: daysAgo(40).slice(0, 10) });
      const res = await t.http().post('/api/reviews').set(s.coordinator.auth).send(body);
      expect(res.status).toBe(201);

      // No worker yet: the reminders due at once sit waiting. Put each back as a retry
      // would leave it after an outage: same deterministic id, ten minutes away.
      const alarms = t.app.get(JobQueue).queue('alarms');
      const due = await waitFor('the due reminders queued', async () => {
        const jobs = (await alarms.getJobs(['waiting'])).filter((j) => j.name === 'clock-alarm');
        return jobs.length >= 2 ? jobs : null;
      });
      for (const job of due) {
        await job.remove();
        const options = jobOptions({ name: 'clock-alarm', data: job.data });
        await alarms.add('clock-alarm', job.data, { ...options, delay: 600_000 });
        expect(await alarms.getJobState(options.jobId!)).toBe('delayed');
      }

      // A worker starts, and sweeps at once: the held alarms run now.
      await t.app.get(JobWorkers).start();
      const rows = await waitFor(
        'the reminders sent',
        async () => {
          const all = await notificationRows(t.config, res.body.id);
          return all.length >= 3 && all.every((n) => n.status === 'sent') ? all : null;
        },
        20_000,
      );
      await sleep(1000);
      const delivered = smtp.received.map((m) => notificationIdOf(m.messageId));
      expect(delivered.sort()).toEqual(rows.map((r) => r.id).sort());
    } finally {
      await t.close();
    }
  }, 60_000);
});
