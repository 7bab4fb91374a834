import { DateTime } from 'luxon';
import { Clock } from '@dhr/core';
import { seedPartnership, Seed } from './support/actors';
import { notificationIdOf, sql } from './support/notifications-db';
import { daysAgo, reviewBody, send } from './support/review-driver';
import { ReceivedEmail, SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { docx } from './support/zip';
import { sleep, waitFor } from './support/wait-for';

/** The real time, moved by `offsetMs`: lets a reminder fall due seconds from now. */
class OffsetClock extends Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** The decoded text/calendar part of an email, unfolded into lines. */
function calendarOf(mail: ReceivedEmail): string[] {
  const part = mail.raw.split(/\r?\n--/).find((p) => /^Content-Type: text\/calendar/im.test(p));
  if (!part) throw new Error('no text/calendar part');
  const [head, ...rest] = part.split(/\r?\n\r?\n/);
  const body = rest.join('\r\n\r\n');
  const encoding = /Content-Transfer-Encoding: *(\S+)/i.exec(head)?.[1].toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => `%${h}`),
            'utf8',
          ).toString('utf8')
        : body;
  const decoded = encoding === 'quoted-printable' ? decodeURIComponent(text.replace(/%(?![0-9A-F]{2})/gi, '%25')) : text;
  return decoded.replace(/\r\n[ \t]/g, '').split(/\r?\n/);
}
/** RFC 2047 encoded words (UTF-8, Q) back to text. */
function decodeSubject(subject: string): string {
  return subject.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_m, q: string) =>
    Buffer.from(
      q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8'),
  );
}
const prop = (lines: string[], name: string) =>
  lines.slice(lines.indexOf('BEGIN:VEVENT')).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

/** 10:00 UK time, `days` days from today (UK date). */
const ukTenAm = (days: number) =>
  DateTime.now().setZone('Europe/London').plus({ days }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });

describe('panel meetings: invitations with iCalendar, updates, cancellations, reminders', () => {
  const clock = new OffsetClock();
  let smtp: SmtpSink;
  let t: TestApp;
  let s: Seed;
  let reviewId: string;

  /** Emails of the meeting's notifications (Message-ID names the notification), decoded subjects. */
  const notificationIds = new Map<string, string>();
  const meetingMails = (meetingId: string) =>
    smtp.received
      .filter((m) => notificationIds.get(notificationIdOf(m.messageId)) === meetingId)
      .map((m) => ({ ...m, subject: decodeSubject(m.subject) }));
  const withSubject = async (meetingId: string, word: string) => {
    for (const row of await sql<{ id: string }>(t.config, 'SELECT id FROM notifications WHERE meeting_id = $1', [meetingId]))
      notificationIds.set(row.id, meetingId);
    return meetingMails(meetingId).filter((m) => m.subject.includes(word));
  };

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startTestApp({ withWorker: true, clock, env: { SMTP_URL: smtp.url, LOG_LEVEL: process.env.MTG_LOG ?? 'silent' } });
    s = await seedPartnership(t, 'MTG');
    const review = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body;
    reviewId = review.id;
    await send(t, s.cspChair, reviewId, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
    await send(t, s.coordinator, reviewId, { type: 'HOME_OFFICE_INFORMED', sentAt: daysAgo(44) });
    await send(t, s.coordinator, reviewId, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.coordinator, reviewId, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await send(t, s.coordinator, reviewId, { type: 'ADD_PANEL_AGENCY', agencyId: s.health.id });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const schedule = (body: Record<string, unknown>, who = s.coordinator) =>
    t.http().post(`/api/reviews/${reviewId}/meetings`).set(who.auth).send(body);

  let meetingId: string;

  it('schedules a meeting and emails each attendee an invitation with a text/calendar REQUEST', async () => {
    const startsAt = ukTenAm(10);
    const res = await schedule({
      startsAt: startsAt.toUTC().toISO(),
      endsAt: startsAt.plus({ hours: 2 }).toUTC().toISO(),
      location: 'Room 4, Civic Centre',
      agenda: 'Scoping and terms of reference',
      agencyIds: [s.police.id],
    });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    expect(res.body).toMatchObject({
      number: 1,
      status: 'scheduled',
      sequence: 0,
      minutesDocumentId: null,
      location: 'Room 4, Civic Centre',
    });
    expect(res.body.attendees.map((a: { userId: string }) => a.userId).sort()).toEqual(
      [s.coordinator.id, s.chair.id, s.policeContact.id].sort(),
    );
    expect(res.body.attendees.find((a: { userId: string }) => a.userId === s.policeContact.id)).toEqual({
      userId: s.policeContact.id,
      role: 'agency_contact',
      agencyId: s.police.id,
    });
    meetingId = res.body.id;

    const invitations = await waitFor('three invitations', async () => {
      const found = await withSubject(meetingId, 'invitation');
      return found.length >= 3 ? found : null;
    });
    expect(invitations.flatMap((m) => m.to).sort()).toEqual([s.coordinator.email, s.chair.email, s.policeContact.email].sort());
    for (const mail of invitations) {
      expect(mail.subject).toContain('DHR-MTG-');
      expect(mail.subject).not.toMatch(/Adult A|Adult B|Room 4/);
      const ics = calendarOf(mail);
      expect(ics).toContain('METHOD:REQUEST');
      expect(prop(ics, 'UID')).toBe(`UID:${meetingId}@dhr-engine`);
      expect(prop(ics, 'SEQUENCE')).toBe('SEQUENCE:0');
      expect(prop(ics, 'DTSTART')).toBe(`DTSTART;TZID=Europe/London:${startsAt.toFormat("yyyyLLdd'T'HHmmss")}`);
      expect(prop(ics, 'ATTENDEE')?.toLowerCase()).toContain(`mailto:${mail.to[0]}`);
      expect(prop(ics, 'SUMMARY')).toMatch(/^SUMMARY:DHR panel meeting — DHR-MTG-/);
    }
  });

  it('shows an agency contact only the meetings they are invited to', async () => {
    const police = await t.http().get(`/api/reviews/${reviewId}/meetings`).set(s.policeContact.auth);
    expect(police.body.map((m: { id: string }) => m.id)).toEqual([meetingId]);
    const health = await t.http().get(`/api/reviews/${reviewId}/meetings`).set(s.healthContact.auth);
    expect(health.status).toBe(200);
    expect(health.body).toEqual([]);
    const chair = await t.http().get(`/api/reviews/${reviewId}/meetings`).set(s.cspChair.auth);
    expect(chair.body).toHaveLength(1);
  });

  it('refuses bad times, strangers and the CSP chair', async () => {
    const past = ukTenAm(-1);
    const r1 = await schedule({ startsAt: past.toUTC().toISO(), endsAt: past.plus({ hours: 1 }).toUTC().toISO(), location: 'x' });
    expect(r1.status).toBe(400);
    expect(JSON.stringify(r1.body)).toContain('startsAt');
    const soon = ukTenAm(5);
    const r2 = await schedule({ startsAt: soon.toUTC().toISO(), endsAt: soon.plus({ hours: 13 }).toUTC().toISO(), location: 'x' });
    expect(r2.status).toBe(400);
    expect(JSON.stringify(r2.body)).toContain('endsAt');
    const r3 = await schedule({
      startsAt: soon.toUTC().toISO(),
      endsAt: soon.plus({ hours: 1 }).toUTC().toISO(),
      location: 'x',
      attendeeUserIds: [s.admin.id || s.cspChair.id, '00000000-0000-4000-8000-000000000000'],
    });
    expect(r3.status).toBe(400);
    expect(JSON.stringify(r3.body)).toContain('attendeeUserIds');
    const r4 = await schedule(
      { startsAt: soon.toUTC().toISO(), endsAt: soon.plus({ hours: 1 }).toUTC().toISO(), location: 'x' },
      s.cspChair,
    );
    expect(r4.status).toBe(403);
  });

  it('a move sends an update with the same UID and SEQUENCE 1', async () => {
    const startsAt = ukTenAm(11);
    const res = await t
      .http()
      .patch(`/api/reviews/${reviewId}/meetings/${meetingId}`)
      .set(s.chair.auth)
      .send({
        startsAt: startsAt.toUTC().toISO(),
        endsAt: startsAt.plus({ hours: 3 }).toUTC().toISO(),
      });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
    expect(res.body.sequence).toBe(1);
    const updates = await waitFor('three updates', async () => {
      const found = await withSubject(meetingId, 'changed');
      return found.length >= 3 ? found : null;
    });
    const ics = calendarOf(updates[0]);
    expect(ics).toContain('METHOD:REQUEST');
    expect(prop(ics, 'UID')).toBe(`UID:${meetingId}@dhr-engine`);
    expect(prop(ics, 'SEQUENCE')).toBe('SEQUENCE:1');
    expect(prop(ics, 'DTSTART')).toBe(`DTSTART;TZID=Europe/London:${startsAt.toFormat("yyyyLLdd'T'HHmmss")}`);
  });

  it('links minutes only when the document is minutes of this review', async () => {
    const upload = (type: string) =>
      t
        .http()
        .post(`/api/reviews/${reviewId}/documents`)
        .set(s.coordinator.auth)
        .field('type', type)
        .attach('file', docx(['Minutes']), 'minutes.docx');
    const letter = (await upload('letter')).body;
    const wrong = await t
      .http()
      .put(`/api/reviews/${reviewId}/meetings/${meetingId}/minutes`)
      .set(s.coordinator.auth)
      .send({ documentId: letter.id });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('documentId');
    const minutes = (await upload('minutes')).body;
    const ok = await t
      .http()
      .put(`/api/reviews/${reviewId}/meetings/${meetingId}/minutes`)
      .set(s.coordinator.auth)
      .send({ documentId: minutes.id });
    expect({ status: ok.status, body: ok.body }).toMatchObject({ status: 200 });
    expect(ok.body).toMatchObject({ minutesDocumentId: minutes.id, sequence: 1 });
  });

  it('cancelling sends METHOD:CANCEL, and a second run of the same jobs sends nothing twice', async () => {
    const res = await t.http().post(`/api/reviews/${reviewId}/meetings/${meetingId}/cancel`).set(s.coordinator.auth);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
    expect(res.body).toMatchObject({ status: 'cancelled', sequence: 2 });
    const cancels = await waitFor('three cancellations', async () => {
      const found = await withSubject(meetingId, 'cancelled');
      return found.length >= 3 ? found : null;
    });
    const ics = calendarOf(cancels[0]);
    expect(ics).toContain('METHOD:CANCEL');
    expect(prop(ics, 'STATUS')).toBe('STATUS:CANCELLED');
    expect(prop(ics, 'SEQUENCE')).toBe('SEQUENCE:2');

    const before = meetingMails(meetingId).length;
    // Run every email job of the meeting again, and the reminder of every version: nothing new goes out.
    const rows = await sql<{ id: string }>(t.config, 'SELECT id FROM notifications WHERE meeting_id = $1', [meetingId]);
    const { SendEmailHandler } = await import('../libs/notifications/src/send-email.handler');
    const { MeetingReminders } = await import('../libs/notifications/src/meeting-reminders');
    const fakeJob = { attemptsMade: 0, opts: { attempts: 6 } } as never;
    for (const row of rows) await t.app.get(SendEmailHandler).handle({ notificationId: row.id }, fakeJob);
    for (const sequence of [0, 1, 2]) await t.app.get(MeetingReminders).handle({ meetingId, sequence });
    await sleep(500);
    expect(meetingMails(meetingId)).toHaveLength(before);
    expect(before).toBe(9);

    const again = await t
      .http()
      .patch(`/api/reviews/${reviewId}/meetings/${meetingId}`)
      .set(s.coordinator.auth)
      .send({ location: 'elsewhere' });
    expect(again.status).toBe(409);
  });

  it('gives no reminder when 09:00 the day before has passed, and sends one when it comes', async () => {
    // Tomorrow's meeting scheduled now: is 09:00 today already past? Only then is there no reminder.
    const tomorrow = ukTenAm(1);
    const late = await schedule({
      startsAt: tomorrow.toUTC().toISO(),
      endsAt: tomorrow.plus({ hours: 1 }).toUTC().toISO(),
      location: 'Room 1',
    });
    expect(late.status).toBe(201);
    const [lateRow] = await sql<{ reminder_at: Date | null }>(t.config, 'SELECT reminder_at FROM meetings WHERE id = $1', [late.body.id]);
    const nineToday = tomorrow.minus({ days: 1 }).set({ hour: 9 });
    expect(lateRow.reminder_at === null).toBe(nineToday.toMillis() <= Date.now());

    // Move "now" to four seconds before 09:00 UK time on the day before a meeting.
    const meetingAt = ukTenAm(20);
    const reminderAt = meetingAt.minus({ days: 1 }).set({ hour: 9 });
    clock.offsetMs = reminderAt.toMillis() - Date.now() - 4000;
    try {
      const res = await schedule({
        startsAt: meetingAt.toUTC().toISO(),
        endsAt: meetingAt.plus({ hours: 1 }).toUTC().toISO(),
        location: 'Room 2',
        agencyIds: [s.health.id],
      });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
      const id = res.body.id as string;
      const reminders = await waitFor(
        'three reminders',
        async () => {
          // The reminder's subject: "DHR-…: panel meeting N tomorrow, 10am [OFFICIAL-SENSITIVE]".
          const found = await withSubject(id, 'tomorrow');
          return found.length >= 3 ? found : null;
        },
        20_000,
      );
      expect(reminders.flatMap((m) => m.to).sort()).toEqual([s.coordinator.email, s.chair.email, s.healthContact.email].sort());
      expect(reminders[0].raw).not.toMatch(/text\/calendar/);
      // The sweep re-plans from Postgres: a lost job is re-added, but a sent reminder is never sent again.
      const { ReconcileHandler } = await import('../libs/notifications/src/reconcile.handler');
      await t.app.get(ReconcileHandler).handle();
      await sleep(1000);
      expect(await withSubject(id, 'tomorrow')).toHaveLength(3);
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('the sweep re-creates a reminder job lost from Redis', async () => {
    const meetingAt = ukTenAm(30);
    const res = await schedule({
      startsAt: meetingAt.toUTC().toISO(),
      endsAt: meetingAt.plus({ hours: 1 }).toUTC().toISO(),
      location: 'Room 3',
    });
    const id = res.body.id as string;
    const { JobQueue } = await import('@dhr/jobs');
    const jobs = t.app.get(JobQueue);
    const job = { name: 'meeting-reminder' as const, data: { meetingId: id, sequence: 0 } };
    await waitFor('reminder job queued', () => jobs.has(job));
    await jobs.queue('alarms').remove(`meeting_${id}_0`);
    expect(await jobs.has(job)).toBe(false);
    const { ReconcileHandler } = await import('../libs/notifications/src/reconcile.handler');
    await t.app.get(ReconcileHandler).handle();
    expect(await jobs.has(job)).toBe(true);
  });
});
