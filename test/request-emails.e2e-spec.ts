import { OutboxRelay } from '@dhr/jobs';
import { readEml } from '../libs/notifications/src/email/__tests__/read-eml';
import { seedPartnership, Seed } from './support/actors';
import { notificationIdOf, sql } from './support/notifications-db';
import { daysAgo, reviewBody, send } from './support/review-driver';
import { ReceivedEmail, SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { sleep, waitFor } from './support/wait-for';

const PUBLIC_URL = 'https://dhr.example.gov.uk';
const MARK = '[OFFICIAL-SENSITIVE]';
/** Asked of an agency, an email arrives "at once": within a few seconds of the event, not at a reminder. */
const AT_ONCE_MS = 10_000;

interface RequestRow {
  id: string;
  template: string;
  status: string;
  step: string;
  clock_id: string | null;
  recipient_email: string;
  alarm_key: string;
}

/**
 * Requests are delivered: each event that asks something of an agency (or changes what was asked)
 * emails the agency's contacts at once, through the worker and a real SMTP server, as the
 * partnership's sender with its contact as Reply-To; an agency with no contact on the system
 * makes the coordinators send it themselves; nothing is sent twice; no subject holds a name.
 */
describe('requests reach the agency at once, by real SMTP, as the partnership', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  let s: Seed;
  let housing: { id: string; name: string };
  let reviewId: string;
  let reference: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startTestApp({ withWorker: true, env: { SMTP_URL: smtp.url, MAIL_FROM: 'DHR service <dhr@dhr.test>', PUBLIC_URL } });
    s = await seedPartnership(t, 'REQ');
    // An agency nobody on the system works for.
    housing = (
      await t.http().post('/api/agencies').set(s.admin.auth).send({ partnershipId: s.partnership.id, name: 'REQ Housing', kind: 'housing' })
    ).body;
    const created = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
    reviewId = created.body.id;
    reference = created.body.reference;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const requestRows = async (): Promise<RequestRow[]> =>
    sql<RequestRow>(
      t.config,
      `SELECT n.id, n.template, n.status, n.step, n.clock_id, u.email AS recipient_email, n.alarm_key
         FROM notifications n JOIN users u ON u.id = n.recipient_user_id
        WHERE n.review_id = $1 AND n.step = 'request' ORDER BY n.created_at, u.email`,
      [reviewId],
    );
  const mailOf = (row: RequestRow): ReceivedEmail[] => smtp.received.filter((m) => notificationIdOf(m.messageId) === row.id);

  /** Sends the event and waits for its one email to each of `to` (by the event's template), returning them parsed. */
  async function deliveredFor(template: string, to: string[], event: () => Promise<unknown>) {
    const before = new Set((await requestRows()).map((r) => r.id));
    const sentAt = Date.now();
    await event();
    const rows = await waitFor(
      `${template} to ${to.join(', ')}`,
      async () => {
        const fresh = (await requestRows()).filter((r) => !before.has(r.id));
        return fresh.length === to.length && fresh.every((r) => r.status === 'sent' && mailOf(r).length === 1) ? fresh : null;
      },
      AT_ONCE_MS,
    );
    expect(Date.now() - sentAt).toBeLessThan(AT_ONCE_MS);
    expect(rows.map((r) => r.template)).toEqual(to.map(() => template));
    expect(rows.map((r) => r.recipient_email).sort()).toEqual([...to].sort());
    return rows.map((row) => ({ row, mail: mailOf(row)[0], eml: readEml(mailOf(row)[0].raw) }));
  }

  it('an administrator sets the partnership’s sender and contact (PATCH /api/partnerships/:id), refused with the field when wrong', async () => {
    const path = `/api/partnerships/${s.partnership.id}`;
    const bad = await t.http().patch(path).set(s.admin.auth).send({ senderEmail: 'not an address', contactName: 'Ana Patel' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([
      { field: 'senderEmail', reason: 'Enter an email address in the correct format, like dhr@croydon.gov.uk' },
      { field: 'contactEmail', reason: 'Enter the contact’s email address, or remove the contact name' },
    ]);
    const injected = await t.http().patch(path).set(s.admin.auth).send({ senderName: 'REQ\r\nBcc: x@evil.test' });
    expect(injected.status).toBe(400);
    expect(injected.body.fields[0].field).toBe('senderName');
    expect((await t.http().patch(path).set(s.coordinator.auth).send({ senderName: 'x' })).status).toBe(403);
    expect((await t.http().patch('/api/partnerships/nope').set(s.admin.auth).send({})).status).toBe(400);
    const [unchanged] = await sql(t.config, `SELECT sender_email, contact_name FROM partnerships WHERE id = $1`, [s.partnership.id]);
    expect(unchanged).toEqual({ sender_email: null, contact_name: null });

    const saved = await t
      .http()
      .patch(path)
      .set(s.admin.auth)
      .send({ senderName: 'REQ DHR team', senderEmail: 'dhr@req.gov.uk', contactName: 'Ana Patel', contactEmail: 'ana.patel@req.gov.uk' });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({
      id: s.partnership.id,
      name: 'REQ CSP',
      code: 'REQ',
      senderName: 'REQ DHR team',
      senderEmail: 'dhr@req.gov.uk',
      contactName: 'Ana Patel',
      contactEmail: 'ana.patel@req.gov.uk',
    });
  });

  it('REQUEST_SCOPING reaches the agency’s contact at once: subject, sender, Reply-To, due date and links', async () => {
    const [{ mail, eml, row }] = await deliveredFor('request.scoping', [s.policeContact.email], () =>
      send(t, s.coordinator, reviewId, { type: 'REQUEST_SCOPING', agencyId: s.police.id, dueAt: '2027-01-13' }),
    );
    expect(mail.to).toEqual([s.policeContact.email]);
    expect(eml.headers.get('subject')).toBe(`${reference}: scoping return requested from REQ Police, due 5pm on 13 January 2027 ${MARK}`);
    expect(eml.headers.get('from')).toBe('REQ DHR team <dhr@req.gov.uk>');
    expect(eml.headers.get('reply-to')).toBe('Ana Patel <ana.patel@req.gov.uk>');
    expect(eml.text).toMatch(/^Due: +5pm on Wednesday 13 January 2027$/m);
    expect(eml.text).toContain(`Open the review: ${PUBLIC_URL}/reviews/${reviewId}`);
    expect(eml.text).toContain(`Requests to my agency: ${PUBLIC_URL}/requests`);
    expect(eml.text).toContain('Who to contact: Ana Patel at REQ CSP, ana.patel@req.gov.uk.');
    // The notification belongs to the scoping clock the event started, keyed by the event.
    const [clock] = await sql<{ id: string; due_at: Date }>(
      t.config,
      `SELECT id, due_at FROM clocks WHERE review_id = $1 AND kind = 'scoping_return' AND agency_id = $2`,
      [reviewId, s.police.id],
    );
    expect(row.clock_id).toBe(clock.id);
    expect(clock.due_at.toISOString()).toBe('2027-01-13T17:00:00.000Z');
    expect(row.alarm_key).toMatch(new RegExp(`^event:${reviewId}:\\d+$`));
  });

  it('an agency with no contact on the system: the coordinators are told to send the request themselves', async () => {
    const [{ eml, mail }] = await deliveredFor('request.undelivered', [s.coordinator.email], () =>
      send(t, s.coordinator, reviewId, { type: 'REQUEST_SCOPING', agencyId: housing.id, dueAt: '2027-01-13' }),
    );
    expect(mail.to).toEqual([s.coordinator.email]);
    expect(eml.headers.get('subject')).toBe(
      `${reference}: scoping request to REQ Housing not sent: no agency contact on the system ${MARK}`,
    );
    expect(eml.text).toContain('REQ Housing has no agency contact on this system, so this scoping request could not be emailed to them.');
    expect(eml.text).toMatch(/^Due: +5pm on Wednesday 13 January 2027$/m);
    expect(eml.headers.get('from')).toBe('REQ DHR team <dhr@req.gov.uk>');
  });

  it('ADD_PANEL_AGENCY invites the agency; REQUEST_IMR asks it, with the period under review', async () => {
    await send(t, s.cspChair, reviewId, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
    // In order (v3): the chair was appointed before the terms of reference they agreed.
    await send(t, s.coordinator, reviewId, { type: 'APPOINT_CHAIR', userId: s.chair.id, occurredAt: daysAgo(42) });
    const [panel] = await deliveredFor('request.panel', [s.policeContact.email], () =>
      send(t, s.coordinator, reviewId, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id }),
    );
    expect(panel.eml.headers.get('subject')).toBe(`${reference}: REQ Police invited to join the review panel ${MARK}`);
    await deliveredFor('request.panel', [s.healthContact.email], () =>
      send(t, s.coordinator, reviewId, { type: 'ADD_PANEL_AGENCY', agencyId: s.health.id }),
    );
    await send(t, s.chair, reviewId, {
      type: 'AGREE_TERMS_OF_REFERENCE',
      agreedAt: daysAgo(40),
      periodFrom: '2021-01-01',
      periodTo: '2026-01-01',
    });

    const [imr] = await deliveredFor('request.imr', [s.policeContact.email], () =>
      send(t, s.chair, reviewId, { type: 'REQUEST_IMR', agencyId: s.police.id, dueAt: '2027-02-10' }),
    );
    expect(imr.eml.headers.get('subject')).toBe(`${reference}: IMR requested from REQ Police, due 5pm on 10 February 2027 ${MARK}`);
    expect(imr.eml.headers.get('reply-to')).toBe('Ana Patel <ana.patel@req.gov.uk>');
    expect(imr.eml.text).toMatch(/^Period under review: 1 January 2021 to 1 January 2026$/m);
    expect(imr.eml.text).toMatch(/^Due: +5pm on Wednesday 10 February 2027$/m);
    expect(imr.eml.text).toContain(`${PUBLIC_URL}/reviews/${reviewId}`);
    await deliveredFor('request.imr', [s.healthContact.email], () =>
      send(t, s.chair, reviewId, { type: 'REQUEST_IMR', agencyId: s.health.id }),
    );
  });

  it('EXTEND_DEADLINE tells the agency the new date and the old; WITHDRAW_REQUEST tells it nothing more is needed', async () => {
    const deadlines = (await t.http().get(`/api/reviews/${reviewId}/deadlines`).set(s.coordinator.auth)).body as {
      id: string;
      kind: string;
      agencyId?: string;
      status: string;
    }[];
    const policeImr = deadlines.find((d) => d.kind === 'imr' && d.agencyId === s.police.id && d.status === 'open')!;
    const [extended] = await deliveredFor('deadline.extended', [s.policeContact.email], () =>
      send(t, s.coordinator, reviewId, {
        type: 'EXTEND_DEADLINE',
        deadlineId: policeImr.id,
        dueAt: '2027-02-24',
        reason: 'Records held off site',
      }),
    );
    expect(extended.eml.headers.get('subject')).toBe(`${reference}: IMR from REQ Police now due 5pm on 24 February 2027 ${MARK}`);
    expect(extended.eml.text).toMatch(/^Was due: +5pm on Wednesday 10 February 2027$/m);
    expect(extended.eml.text).toMatch(/^Reason: +“Records held off site”$/m);
    expect(extended.row.clock_id).toBe(policeImr.id);

    const [withdrawn] = await deliveredFor('request.withdrawn', [s.healthContact.email], () =>
      send(t, s.coordinator, reviewId, {
        type: 'WITHDRAW_REQUEST',
        agencyId: s.health.id,
        kind: 'imr',
        reason: 'No contact with the family',
      }),
    );
    expect(withdrawn.eml.headers.get('subject')).toBe(`${reference}: IMR request to REQ NHS Trust withdrawn ${MARK}`);
    expect(withdrawn.eml.text).toMatch(/^Reason: +“No contact with the family”$/m);
    expect(withdrawn.eml.text).toContain('no more reminders will be sent about it');
  });

  it('a new date for a case deadline tells its owners, as its reminders do', async () => {
    const completion = (
      (await t.http().get(`/api/reviews/${reviewId}/deadlines`).set(s.coordinator.auth)).body as { id: string; kind: string }[]
    ).find((d) => d.kind === 'completion')!;
    const owners = await deliveredFor('deadline.extended', [s.coordinator.email, s.chair.email], () =>
      send(t, s.coordinator, reviewId, {
        type: 'EXTEND_DEADLINE',
        deadlineId: completion.id,
        dueAt: '2027-09-30',
        reason: 'Criminal trial',
      }),
    );
    for (const { eml } of owners) {
      // 30 September 2027 is in British Summer Time: still 5pm.
      expect(eml.headers.get('subject')).toBe(`${reference}: review to be completed now due 5pm on 30 September 2027 ${MARK}`);
    }
  });

  it('ADD_ACTION tells the owning agency, quoting the action in the body only', async () => {
    await send(t, s.coordinator, reviewId, { type: 'RECEIVE_IMR', agencyId: s.police.id });
    await send(t, s.chair, reviewId, { type: 'BEGIN_DRAFTING' });
    await send(t, s.chair, reviewId, { type: 'SUBMIT_DRAFT', note: 'draft' });
    await send(t, s.chair, reviewId, { type: 'FAMILY_NOT_INVOLVED', reason: 'declined involvement' });
    await send(t, s.chair, reviewId, { type: 'SUBMIT_FOR_SIGNOFF' });
    await send(t, s.cspChair, reviewId, { type: 'CSP_SIGN_OFF' });
    await send(t, s.coordinator, reviewId, { type: 'SUBMIT_TO_HOME_OFFICE' });
    await send(t, s.coordinator, reviewId, { type: 'QA_OUTCOME', outcome: 'approved' });
    await send(t, s.coordinator, reviewId, { type: 'COPY_SENT_TO_COMMISSIONER' });
    await send(t, s.coordinator, reviewId, { type: 'PUBLISH', url: 'https://example.org/dhr/report.pdf' });

    const [action] = await deliveredFor('request.action', [s.policeContact.email], () =>
      send(t, s.coordinator, reviewId, {
        type: 'ADD_ACTION',
        agencyId: s.police.id,
        description: 'Audit MARAC referrals for Adult A',
        dueAt: '2027-03-31',
      }),
    );
    // 31 March 2027 is after the clocks go forward: 5pm BST.
    expect(action.eml.headers.get('subject')).toBe(`${reference}: new action for REQ Police, due 5pm on 31 March 2027 ${MARK}`);
    expect(action.eml.text).toMatch(/^The action: +“Audit MARAC referrals for Adult A”$/m);
    const [clock] = await sql<{ id: string }>(t.config, `SELECT id FROM clocks WHERE review_id = $1 AND kind = 'action'`, [reviewId]);
    expect(action.row.clock_id).toBe(clock.id);
  });

  it('sends each email exactly once, even when the outbox is relayed again and again', async () => {
    const rows = await requestRows();
    await sql(t.config, `UPDATE outbox SET relayed_at = NULL WHERE topic = 'notification.created'`);
    await t.app.get(OutboxRelay).relayPending();
    await t.app.get(OutboxRelay).relayPending();
    await sleep(2000);
    expect(await requestRows()).toEqual(rows);
    for (const row of rows) expect(mailOf(row)).toHaveLength(1);
    // One notification per person per event, and every one of them delivered.
    expect(new Set(rows.map((r) => `${r.alarm_key}|${r.recipient_email}`)).size).toBe(rows.length);
    expect(rows.every((r) => r.status === 'sent' && r.step === 'request')).toBe(true);
  });

  it('puts no personal data in any subject: no pseudonym, no person’s name, no address', () => {
    expect(smtp.received.length).toBeGreaterThan(10);
    const names = [
      'Adult A',
      'Adult B',
      'Ana Patel',
      'coordinator REQ',
      'agency_contact REQ',
      'independent_chair REQ',
      'csp_chair REQ',
      'MARAC',
    ];
    for (const mail of smtp.received) {
      const subject = readEml(mail.raw).headers.get('subject')!;
      expect(subject.startsWith(`${reference}: `)).toBe(true);
      expect(subject.endsWith(MARK)).toBe(true);
      for (const name of names) expect(subject).not.toContain(name);
      expect(subject).not.toContain('@');
    }
  });
});
