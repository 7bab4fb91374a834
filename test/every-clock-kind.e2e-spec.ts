import { secondsRulebook } from './support/rulebooks';
import { DEADLINE_KINDS, DeadlineKind } from '@dhr/workflows/dhr/contract';
import { seedPartnership, Seed } from './support/actors';
import { notificationIdOf, notificationRows, NotificationRow } from './support/notifications-db';
import { reviewBody, send } from './support/review-driver';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { sleep, waitFor } from './support/wait-for';

/** Every clock 4 seconds long with a reminder 2 seconds before: the whole life of a review in half a minute. */
describe('every clock kind reminds and escalates by SMTP, once, to its owners', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  let s: Seed;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startTestApp({ withWorker: true, env: { SMTP_URL: smtp.url, RULEBOOK_FILE: secondsRulebook() } });
    s = await seedPartnership(t, 'KIND');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const escalated = (reviewId: string, kinds: DeadlineKind[]) =>
    waitFor(`escalations of ${kinds.join(', ')}`, async () => {
      const rows = await notificationRows(t.config, reviewId);
      return kinds.every((k) => rows.some((r) => r.kind === k && r.template === 'clock.escalation' && r.status === 'sent'));
    });

  it('walks a review through every clock, letting each fall due', async () => {
    const id = (
      await t
        .http()
        .post('/api/reviews')
        .set(s.coordinator.auth)
        .send(reviewBody(s.partnership.id, { notifiedAt: new Date().toISOString() }))
    ).body.id;
    await send(t, s.coordinator, id, { type: 'REQUEST_SCOPING', agencyId: s.police.id });
    await escalated(id, ['decision', 'home_office_notice', 'scoping_return']);

    await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met' });
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await send(t, s.coordinator, id, { type: 'AGREE_TERMS_OF_REFERENCE', periodFrom: '2022-01-01', periodTo: '2026-01-01' });
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id });
    await escalated(id, ['completion', 'imr']);

    await send(t, s.policeContact, id, { type: 'RECEIVE_IMR', agencyId: s.police.id });
    await send(t, s.chair, id, { type: 'BEGIN_DRAFTING' });
    await send(t, s.chair, id, { type: 'SUBMIT_DRAFT' });
    await send(t, s.chair, id, { type: 'SHARE_DRAFT_WITH_FAMILY' });
    await escalated(id, ['family_response']);

    await send(t, s.chair, id, { type: 'FAMILY_RESPONSE_RECEIVED' });
    await send(t, s.chair, id, { type: 'SUBMIT_FOR_SIGNOFF' });
    await send(t, s.cspChair, id, { type: 'CSP_SIGN_OFF' });
    await escalated(id, ['home_office_submission']);
    await send(t, s.coordinator, id, { type: 'SUBMIT_TO_HOME_OFFICE' });
    await send(t, s.coordinator, id, { type: 'QA_OUTCOME', outcome: 'resubmit' });
    await escalated(id, ['qa_resubmission']);

    await send(t, s.chair, id, { type: 'SUBMIT_DRAFT' });
    await send(t, s.chair, id, { type: 'SUBMIT_FOR_SIGNOFF' });
    await send(t, s.cspChair, id, { type: 'CSP_SIGN_OFF' });
    await send(t, s.coordinator, id, { type: 'SUBMIT_TO_HOME_OFFICE' });
    await send(t, s.coordinator, id, { type: 'QA_OUTCOME', outcome: 'approved' });
    await escalated(id, ['commissioner_copy', 'publication']);

    await send(t, s.coordinator, id, { type: 'COPY_SENT_TO_COMMISSIONER' });
    await send(t, s.coordinator, id, { type: 'PUBLISH', url: 'https://example.org/dhr.pdf' });
    await escalated(id, ['keep_online']);
    await send(t, s.coordinator, id, {
      type: 'ADD_ACTION',
      agencyId: s.health.id,
      description: 'Audit GP DA training',
      dueAt: new Date(Date.now() + 4000).toISOString(),
    });
    await escalated(id, ['action']);
    await sleep(1500);

    const rows = await notificationRows(t.config, id);
    const roles = (kind: DeadlineKind, template: string) =>
      rows
        .filter((r) => r.kind === kind && r.template === template)
        .map((r) => r.recipient_email)
        .sort();
    const owners: Record<DeadlineKind, string[]> = {
      decision: [s.coordinator.email, s.cspChair.email],
      home_office_notice: [s.coordinator.email],
      scoping_return: [s.policeContact.email],
      imr: [s.policeContact.email],
      completion: [s.coordinator.email, s.chair.email],
      family_response: [s.coordinator.email, s.chair.email],
      commissioner_copy: [s.coordinator.email, s.chair.email],
      publication: [s.coordinator.email, s.chair.email],
      action: [s.healthContact.email],
      home_office_submission: [s.coordinator.email, s.chair.email],
      qa_resubmission: [s.coordinator.email, s.chair.email],
      keep_online: [s.coordinator.email, s.chair.email],
    };
    // The first escalation goes to the coordinators and, for an agency's clock, to that (late) agency's contacts.
    const agencyClock = (kind: DeadlineKind) => kind === 'scoping_return' || kind === 'imr' || kind === 'action';
    for (const kind of DEADLINE_KINDS) {
      const escalatedTo = agencyClock(kind) ? [...owners[kind], s.coordinator.email] : [s.coordinator.email];
      expect({ kind, reminder: roles(kind, 'clock.reminder') }).toEqual({ kind, reminder: owners[kind].sort() });
      expect({ kind, escalation: roles(kind, 'clock.escalation') }).toEqual({ kind, escalation: escalatedTo.sort() });
    }
    expectDeliveredOnceEach(rows);
  });

  function expectDeliveredOnceEach(rows: NotificationRow[]): void {
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const delivered = smtp.received.map((m) => notificationIdOf(m.messageId));
    for (const row of rows) expect({ id: row.id, times: delivered.filter((d) => d === row.id).length }).toEqual({ id: row.id, times: 1 });
    for (const mail of smtp.received) {
      const row = rows.find((r) => r.id === notificationIdOf(mail.messageId));
      if (row) expect(mail.to).toEqual([row.recipient_email]);
    }
  }
});
