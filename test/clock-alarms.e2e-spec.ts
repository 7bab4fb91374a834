import { exactDueTimesRulebook } from './support/rulebooks';
import { seedPartnership, Seed } from './support/actors';
import { notificationIdOf, notificationRows, sql } from './support/notifications-db';
import { daysAgo, reviewBody, send, notifiedSoDecisionDueIn } from './support/review-driver';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { sleep, waitFor } from './support/wait-for';

describe('statutory clocks remind and escalate by real SMTP', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  let s: Seed;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startTestApp({ withWorker: true, env: { SMTP_URL: smtp.url, RULEBOOK_FILE: exactDueTimesRulebook() } });
    s = await seedPartnership(t, 'CLK');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const emailsFor = (ids: Set<string>) => smtp.received.filter((m) => ids.has(notificationIdOf(m.messageId)));

  it('a back-dated notification gets one reminder at once, then one escalation at the due time, to the right people', async () => {
    const body = reviewBody(s.partnership.id, { notifiedAt: notifiedSoDecisionDueIn(6), deathDate: daysAgo(40).slice(0, 10) });
    const review = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(body)).body;
    const decision = review.deadlines.find((d: { kind: string }) => d.kind === 'decision');
    expect(decision).toMatchObject({ status: 'open', overdue: false });

    // Every reminder offset (14, 7, 1 days) is already past: only the latest is sent, at once,
    // to the decision's owners: the coordinator and the CSP chair (no independent chair yet).
    const decisionReminders = await waitFor('decision reminders', async () => {
      const rows = (await notificationRows(t.config, review.id)).filter(
        (n) => n.kind === 'decision' && n.template === 'clock.reminder' && n.status === 'sent',
      );
      return rows.length >= 2 ? rows : null;
    });
    expect(decisionReminders.map((n) => n.step)).toEqual(['reminder-1d', 'reminder-1d']);
    expect(decisionReminders.map((n) => n.recipient_role).sort()).toEqual(['coordinator', 'csp_chair']);

    // At the due time: one escalation, to the coordinators only (the CSP chair comes in a week later).
    const escalations = await waitFor(
      'decision escalation',
      async () => {
        const rows = (await notificationRows(t.config, review.id)).filter(
          (n) => n.kind === 'decision' && n.template === 'clock.escalation' && n.status === 'sent',
        );
        return rows.length > 0 ? rows : null;
      },
      30_000,
    );
    expect(escalations.map((n) => n.recipient_role)).toEqual(['coordinator']);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(decision.dueAt));

    await sleep(2000); // nothing more arrives, nothing doubles
    const rows = (await notificationRows(t.config, review.id)).filter((n) => n.kind === 'decision');
    expect(rows).toHaveLength(3);
    const received = emailsFor(new Set(rows.map((r) => r.id)));
    expect(received).toHaveLength(3);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(3);
    for (const row of rows) {
      const mail = received.find((m) => notificationIdOf(m.messageId) === row.id)!;
      expect(mail.to).toEqual([row.recipient_email]);
      expect(mail.subject).toContain(review.reference);
      expect(mail.subject).not.toContain('Adult A');
    }
    const overdue = await t.http().get('/api/reviews?overdue=true').set(s.coordinator.auth);
    expect(overdue.body.items.map((r: { id: string }) => r.id)).toContain(review.id);
  });

  it('sends nothing for a clock met before its alarm, and replaces the alarm when the due time moves', async () => {
    const review = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body;
    const id = review.id;
    await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met' });
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.health.id });
    await send(t, s.coordinator, id, { type: 'AGREE_TERMS_OF_REFERENCE', periodFrom: '2022-01-01', periodTo: '2026-01-01' });
    const due = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id, dueAt: due(4) });
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.health.id, dueAt: due(4) });
    // Police meet theirs in time; health's review goes on hold for 3 s, which moves its due time.
    await send(t, s.policeContact, id, { type: 'RECEIVE_IMR', agencyId: s.police.id });
    const before = (await t.http().get(`/api/reviews/${id}/deadlines`).set(s.coordinator.auth)).body;
    const healthDue = Date.parse(before.find((d: { agencyId?: string }) => d.agencyId === s.health.id).dueAt);
    await send(t, s.coordinator, id, { type: 'PUT_ON_HOLD', kind: 'inquest', scope: 'review', reason: 'inquest opened' });
    await sleep(3000);
    await send(t, s.coordinator, id, { type: 'RESUME' });
    const after = (await t.http().get(`/api/reviews/${id}/deadlines`).set(s.coordinator.auth)).body;
    const healthClock = after.find((d: { agencyId?: string; kind: string }) => d.kind === 'imr' && d.agencyId === s.health.id);
    expect(Date.parse(healthClock.dueAt)).toBeGreaterThanOrEqual(healthDue + 2900);

    await waitFor('health IMR escalation', async () => {
      const rows = (await notificationRows(t.config, id)).filter(
        (n) => n.kind === 'imr' && n.template.startsWith('clock.') && n.status === 'sent',
      );
      return rows.length >= 2 ? rows : null;
    });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(healthClock.dueAt));
    await sleep(2500);
    // The IMR requests themselves were emailed to each agency when they were made (request-emails.e2e-spec.ts).
    const imrEmails = (await notificationRows(t.config, id)).filter((n) => n.kind === 'imr');
    expect(
      imrEmails
        .filter((n) => n.template === 'request.imr')
        .map((n) => n.recipient_email)
        .sort(),
    ).toEqual([s.policeContact.email, s.healthContact.email].sort());
    const imrRows = imrEmails.filter((n) => n.template.startsWith('clock.'));
    // None for police (met); health's one escalation reaches the late agency's contact and the coordinator.
    expect(imrRows.map((n) => `${n.template} ${n.recipient_email}`).sort()).toEqual(
      [`clock.escalation ${s.coordinator.email}`, `clock.escalation ${s.healthContact.email}`].sort(),
    );
    const [{ count }] = await sql<{ count: string }>(
      t.config,
      `SELECT count(*) FROM clocks WHERE review_id = $1 AND kind = 'imr' AND agency_id = $2 AND status = 'met'`,
      [id, s.police.id],
    );
    expect(Number(count)).toBe(1);
    expect(emailsFor(new Set(imrRows.map((r) => r.id)))).toHaveLength(2);
  });
});
