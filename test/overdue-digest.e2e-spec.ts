import { DateTime } from 'luxon';
import { BankHolidays } from '@dhr/clocks';
import { Clock } from '@dhr/core';
import { JobQueue } from '@dhr/jobs';
import { OverdueDigestHandler } from '../libs/notifications/src/digest/overdue-digest.handler';
import { ReconcileHandler } from '../libs/notifications/src/reconcile.handler';
import { seedPartnership, Seed } from './support/actors';
import { notificationIdOf, sql } from './support/notifications-db';
import { reviewBody, send } from './support/review-driver';
import { ReceivedEmail, SmtpSink } from './support/smtp-sink';
import { deleteQueueKeys, startTestApp, TestApp } from './support/test-app';
import { sleep, waitFor } from './support/wait-for';

/** The real time, moved by `offsetMs`: the digest is run on chosen London days. */
class OffsetClock extends Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  setLondon(day: string, time: string): void {
    this.offsetMs = DateTime.fromISO(`${day}T${time}`, { zone: 'Europe/London' }).toMillis() - Date.now();
  }
}

const LONDON = 'Europe/London';
const iso = (d: DateTime) => d.toUTC().toISO()!;

/**
 * Seven London days around the first bank holiday more than three days away: a weekend,
 * the bank holiday (and any beside it) and at least three working days, all later than
 * today (whose digest the worker may already have run at start).
 */
function daysAroundABankHoliday(): { days: string[]; working: string[] } {
  const holidays = BankHolidays.englandAndWales();
  const today = DateTime.now().setZone(LONDON).startOf('day');
  const year = today.year;
  const all = [...holidays.datesIn(year), ...holidays.datesIn(year + 1)];
  const holiday = DateTime.fromISO(
    all.find((d) => DateTime.fromISO(d, { zone: LONDON }) > today.plus({ days: 3 }))!,
    { zone: LONDON },
  );
  const days = Array.from({ length: 7 }, (_, i) => holiday.plus({ days: i - 3 }).toISODate()!);
  const working = days.filter((d) => DateTime.fromISO(d).weekday <= 5 && !all.includes(d));
  return { days, working };
}

/** The email's text with quoted-printable soft line breaks undone. */
const textOf = (mail: ReceivedEmail) => mail.raw.replace(/=\r?\n/g, '');

describe('the daily overdue digest, and the cap on a long-overdue clock', () => {
  const clock = new OffsetClock();
  let smtp: SmtpSink;
  let t: TestApp;
  let p: Seed;
  let q: Seed;
  let reviewP: { id: string; reference: string };
  let reviewQ: { id: string; reference: string };

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startTestApp({ withWorker: true, clock, env: { SMTP_URL: smtp.url } });
    p = await seedPartnership(t, 'DIG');
    q = await seedPartnership(t, 'DIGB', p.admin);
    // P's police contact covers Q's police too: one digest with both partnerships' items.
    const added = await t
      .http()
      .post(`/api/users/${p.policeContact.id}/memberships`)
      .set(p.admin.auth)
      .send({ partnershipId: q.partnership.id, role: 'agency_contact', agencyId: q.police.id });
    expect(added.status).toBe(201);

    // P: commissioned 6 months and 60 days ago, so its completion clock is 60 days overdue;
    // the Home Office was never told and the police never returned their scoping.
    const decidedAt = DateTime.now().setZone(LONDON).minus({ months: 6, days: 60 });
    const notifiedAt = decidedAt.minus({ days: 5 });
    const body = (s: Seed) =>
      reviewBody(s.partnership.id, { notifiedAt: iso(notifiedAt), deathDate: notifiedAt.minus({ days: 10 }).toISODate() });
    reviewP = (await t.http().post('/api/reviews').set(p.coordinator.auth).send(body(p))).body;
    await send(t, p.coordinator, reviewP.id, {
      type: 'REQUEST_SCOPING',
      agencyId: p.police.id,
      occurredAt: iso(notifiedAt.plus({ days: 1 })),
    });
    await send(t, p.cspChair, reviewP.id, { type: 'DECIDE_TO_COMMISSION', decidedAt: iso(decidedAt), rationale: 'criteria met' });
    await send(t, p.coordinator, reviewP.id, { type: 'APPOINT_CHAIR', userId: p.chair.id });
    // Q: no decision yet, months late, and its police scoping overdue.
    reviewQ = (await t.http().post('/api/reviews').set(q.coordinator.auth).send(body(q))).body;
    await send(t, q.coordinator, reviewQ.id, {
      type: 'REQUEST_SCOPING',
      agencyId: q.police.id,
      occurredAt: iso(notifiedAt.plus({ days: 1 })),
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const escalationsOf = (reviewId: string) =>
    sql<{ kind: string; step: string; role: string; status: string }>(
      t.config,
      `SELECT c.kind, n.step, u.role, n.status FROM notifications n JOIN clocks c ON c.id = n.clock_id JOIN users u ON u.id = n.recipient_user_id
        WHERE n.review_id = $1 AND n.template LIKE 'clock.escalation%' ORDER BY c.kind, n.step, u.role`,
      [reviewId],
    );

  it('a completion clock 60 days overdue sends only the last escalation step within the cap, once', async () => {
    const completion = await waitFor('the completion escalation', async () => {
      const rows = (await escalationsOf(reviewP.id)).filter((r) => r.kind === 'completion');
      return rows.length >= 2 && rows.every((r) => r.status === 'sent') ? rows : null;
    });
    await sleep(1500);
    await t.app.get(ReconcileHandler).handle(); // a sweep plans nothing more
    await sleep(2000);
    // Step 1 (coordinators and CSP chairs), not steps 0 and 2 to 8: never a burst.
    expect((await escalationsOf(reviewP.id)).filter((r) => r.kind === 'completion')).toEqual(completion);
    expect(completion.map((r) => `${r.step} ${r.role}`)).toEqual(['escalation-1 coordinator', 'escalation-1 csp_chair']);
    // Every overdue clock of both reviews: at most the one capped step each.
    for (const rows of [await escalationsOf(reviewP.id), await escalationsOf(reviewQ.id)]) {
      expect(rows.every((r) => r.step === 'escalation-1')).toBe(true);
    }
    const reminders = await sql(t.config, `SELECT 1 FROM notifications WHERE template = 'clock.reminder' AND review_id IN ($1, $2)`, [
      reviewP.id,
      reviewQ.id,
    ]);
    expect(reminders).toEqual([]); // every clock was created already overdue
  });

  describe('one digest a working day to each person with anything overdue', () => {
    const { days, working } = daysAroundABankHoliday();
    const [missed, ...others] = working.slice(1);
    it('tries a weekend, a bank holiday and three working days or more', () => {
      expect(days.some((d) => DateTime.fromISO(d).weekday === 6)).toBe(true);
      expect(working.length).toBeGreaterThanOrEqual(3);
      expect(working.length).toBeLessThan(days.length - 2);
    });
    const digestRows = () =>
      sql<{ id: string; day: string; email: string; status: string }>(
        t.config,
        `SELECT n.id, substring(n.alarm_key from 8) AS day, u.email, n.status FROM notifications n JOIN users u ON u.id = n.recipient_user_id
          WHERE n.template = 'digest.overdue' ORDER BY day, u.email`,
      );
    const expectedRecipients = () =>
      [p.coordinator, p.cspChair, p.chair, p.policeContact, q.coordinator, q.cspChair, q.policeContact].map((u) => u.email).sort();
    const settled = (day: string) =>
      waitFor(`the digests of ${day}`, async () => {
        const rows = (await digestRows()).filter((r) => r.day === day);
        return rows.length >= expectedRecipients().length && rows.every((r) => r.status === 'sent') ? rows : null;
      });
    const mailsOf = (rows: { id: string }[]) => smtp.received.filter((m) => rows.some((r) => r.id === notificationIdOf(m.messageId)));

    afterAll(() => (clock.offsetMs = 0));

    it('a worker down at 8am and back at 10am sends that day’s digest once, and a Redis flush loses and doubles nothing', async () => {
      const day = working[0];
      clock.setLondon(day, '10:00');
      const jobs = t.app.get(JobQueue);
      await t.app.get(ReconcileHandler).handle(); // the sweep at start: today's digest is due already, so it runs at once
      const rows = await settled(day);
      expect(rows.map((r) => r.email)).toEqual(expectedRecipients());

      const digestJob = { name: 'overdue-digest' as const, data: { day } };
      expect(await jobs.has(digestJob)).toBe(true);
      await deleteQueueKeys(t.config);
      expect(await jobs.has(digestJob)).toBe(false);
      await t.app.get(ReconcileHandler).handle();
      expect(await jobs.has(digestJob)).toBe(true); // re-planned from Postgres ...
      await waitFor('the re-run digest job', async () => (await jobs.queue('alarms').getJob(`digest_${day}`))?.finishedOn);
      await sleep(1000);
      expect(await digestRows()).toEqual(rows); // ... and run again, adding nobody
      expect(mailsOf(rows)).toHaveLength(rows.length);

      // Each email: the person's reviews by reference, what is overdue, when it was due, how late, a link; no name in the subject.
      const policeDigest = mailsOf(rows.filter((r) => r.email === p.policeContact.email))[0];
      expect(textOf(policeDigest)).toContain(`${reviewP.reference} (DIG CSP)`);
      expect(textOf(policeDigest)).toContain(`${reviewQ.reference} (DIGB CSP)`);
      expect(textOf(policeDigest)).toMatch(
        /The scoping return from DIG Police: due \d{1,2}(:\d\d)?[ap]m on \d{1,2} \w+ \d{4}, overdue by \d+ days/,
      );
      expect(textOf(policeDigest)).toContain(`/reviews/${reviewQ.id}`);
      expect(textOf(policeDigest)).not.toContain('completion of the review'); // not theirs
      const chairDigest = mailsOf(rows.filter((r) => r.email === p.chair.email))[0];
      expect(textOf(chairDigest)).toContain('Completion of the review');
      expect(textOf(chairDigest)).not.toContain(reviewQ.reference);
      for (const mail of mailsOf(rows)) {
        expect(mail.subject).not.toMatch(/Adult|DIG(B)? (Police|NHS)|coordinator|chair/i);
        expect(mail.to).toHaveLength(1);
      }
    });

    it('sends none on a weekend or bank holiday, none twice for a day, and never a missed day the day after', async () => {
      const handler = t.app.get(OverdueDigestHandler);
      for (const day of days.filter((d) => d > working[0])) {
        clock.setLondon(day, '08:00');
        if (day === missed) continue; // the worker is down all that day
        if (working.includes(day) && working.indexOf(day) === working.indexOf(missed) + 1) {
          await handler.handle({ day: missed }); // the day after: too late, nothing
        }
        await handler.handle({ day });
        await handler.handle({ day }); // a second run (a retry, another worker) adds nobody
        if (working.includes(day)) await settled(day);
        else await sleep(300);
      }
      await sleep(1000);
      const rows = await digestRows();
      const byDay = new Map<string, string[]>();
      for (const row of rows) byDay.set(row.day, [...(byDay.get(row.day) ?? []), row.email]);
      expect([...byDay.keys()].sort()).toEqual([working[0], ...others].sort());
      for (const emails of byDay.values()) expect(emails.sort()).toEqual(expectedRecipients());
      expect(rows.every((r) => r.status === 'sent')).toBe(true);
      const mails = mailsOf(rows);
      expect(mails).toHaveLength(rows.length);
      expect(new Set(mails.map((m) => m.messageId)).size).toBe(rows.length);
    });
  });
});
