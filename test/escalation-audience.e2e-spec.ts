import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { seedPartnership, Seed } from './support/actors';
import { notificationIdOf, notificationRows, NotificationRow, sql } from './support/notifications-db';
import { daysAgo, reviewBody, send } from './support/review-driver';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { sleep, waitFor } from './support/wait-for';

/** Agency clocks escalate 6 seconds after their due time and every 6 seconds after that (cap: the default, no repeats). */
const STEP_SECONDS = 6;
function shortEscalationRulebook(): string {
  const clock = { reminders: [{ seconds: 2 }], escalation: { after: { seconds: STEP_SECONDS }, repeatEvery: { seconds: STEP_SECONDS } } };
  const file = join(mkdtempSync(join(tmpdir(), 'dhr-rulebook-')), 'rulebook.json');
  writeFileSync(file, JSON.stringify({ id: 'test-short-escalation', clocks: { scoping_return: clock, imr: clock } }));
  return file;
}

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/** A hold and resume must not carry the due time over midnight (London): that would make it a new due date. */
async function awayFromLondonMidnight(): Promise<void> {
  const london = DateTime.now().setZone('Europe/London');
  const untilMidnight = london.endOf('day').diff(london).as('milliseconds');
  if (untilMidnight < 90_000) await sleep(untilMidnight + 1000);
}

describe('escalations reach the late agency, the cap holds, and a hold and resume re-sends nothing', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  let s: Seed;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startTestApp({ withWorker: true, env: { SMTP_URL: smtp.url, RULEBOOK_FILE: shortEscalationRulebook() } });
    s = await seedPartnership(t, 'ESC');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  /** Sent escalation rows of one agency's clock of one kind, as "step recipient-email". */
  const escalations = async (reviewId: string, kind: string, agencyId: string) => {
    const rows = await sql<{ id: string; step: string; email: string; status: string }>(
      t.config,
      `SELECT n.id, n.step, u.email, n.status FROM notifications n JOIN clocks c ON c.id = n.clock_id JOIN users u ON u.id = n.recipient_user_id
        WHERE n.review_id = $1 AND c.kind = $2 AND c.agency_id = $3 AND n.template LIKE 'clock.escalation%' ORDER BY n.step, u.email`,
      [reviewId, kind, agencyId],
    );
    return rows;
  };
  const described = (rows: { step: string; email: string }[]) => rows.map((r) => `${r.step} ${r.email}`).sort();
  const expectDeliveredOnce = (rows: { id: string; email: string; status: string }[]) => {
    for (const row of rows) {
      const mails = smtp.received.filter((m) => notificationIdOf(m.messageId) === row.id);
      expect({ row: row.id, status: row.status, to: mails.map((m) => m.to) }).toEqual({ row: row.id, status: 'sent', to: [[row.email]] });
    }
  };

  it('an overdue scoping request reaches the agency and the coordinator, the CSP chair from step 1, and no step past the cap', async () => {
    const admin = s.admin;
    const housing = (
      await t.http().post('/api/agencies').set(admin.auth).send({ partnershipId: s.partnership.id, name: 'ESC Housing', kind: 'housing' })
    ).body;
    const review = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body;
    await send(t, s.coordinator, review.id, { type: 'REQUEST_SCOPING', agencyId: s.police.id, dueAt: inSeconds(3) });
    await send(t, s.coordinator, review.id, { type: 'REQUEST_SCOPING', agencyId: housing.id, dueAt: inSeconds(3) });

    // Step 0 at the due time: the late agency's contact and the coordinator; not the CSP chair.
    // Housing has no contact on the system: the coordinator alone, as before.
    await waitFor('both first escalations', async () => {
      const police = await escalations(review.id, 'scoping_return', s.police.id);
      const none = await escalations(review.id, 'scoping_return', housing.id);
      return police.filter((r) => r.status === 'sent').length >= 2 && none.some((r) => r.status === 'sent');
    });
    expect(described(await escalations(review.id, 'scoping_return', s.police.id))).toEqual(
      [`escalation-0 ${s.coordinator.email}`, `escalation-0 ${s.policeContact.email}`].sort(),
    );
    expect(described(await escalations(review.id, 'scoping_return', housing.id))).toEqual([`escalation-0 ${s.coordinator.email}`]);

    // Step 1, 6 seconds later: the CSP chair joins.
    await waitFor(
      'both second escalations',
      async () => {
        const police = await escalations(review.id, 'scoping_return', s.police.id);
        const none = await escalations(review.id, 'scoping_return', housing.id);
        return police.filter((r) => r.step === 'escalation-1' && r.status === 'sent').length >= 3 &&
          none.filter((r) => r.step === 'escalation-1' && r.status === 'sent').length >= 2
          ? true
          : null;
      },
      20_000,
    );
    // Past the time of step 2 (and a sweep): nothing more, the default cap allows no repeats.
    await sleep((STEP_SECONDS + 2) * 1000);
    const { ReconcileHandler } = await import('../libs/notifications/src/reconcile.handler');
    await t.app.get(ReconcileHandler).handle();
    await sleep(1500);
    const police = await escalations(review.id, 'scoping_return', s.police.id);
    const none = await escalations(review.id, 'scoping_return', housing.id);
    expect(described(police)).toEqual(
      [
        `escalation-0 ${s.coordinator.email}`,
        `escalation-0 ${s.policeContact.email}`,
        `escalation-1 ${s.coordinator.email}`,
        `escalation-1 ${s.cspChair.email}`,
        `escalation-1 ${s.policeContact.email}`,
      ].sort(),
    );
    expect(described(none)).toEqual(
      [`escalation-0 ${s.coordinator.email}`, `escalation-1 ${s.coordinator.email}`, `escalation-1 ${s.cspChair.email}`].sort(),
    );
    expectDeliveredOnce([...police, ...none]);
    // The subjects name the reference, never the pseudonyms.
    const subjects = smtp.received.filter((m) => police.some((r) => r.id === notificationIdOf(m.messageId))).map((m) => m.subject);
    for (const subject of subjects) {
      expect(subject).toContain(review.reference);
      expect(subject).not.toMatch(/Adult [AB]/);
    }
  });

  it('a hold and resume a few seconds later re-sends no escalation already sent; the next step still comes, once', async () => {
    const id = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id;
    await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.health.id });
    await send(t, s.coordinator, id, { type: 'AGREE_TERMS_OF_REFERENCE', periodFrom: '2022-01-01', periodTo: '2026-01-01' });
    await awayFromLondonMidnight();
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.health.id, dueAt: inSeconds(2) });

    const first = await waitFor('the first IMR escalation', async () => {
      const rows = await escalations(id, 'imr', s.health.id);
      return rows.filter((r) => r.status === 'sent').length >= 2 ? rows : null;
    });
    expect(described(first)).toEqual([`escalation-0 ${s.coordinator.email}`, `escalation-0 ${s.healthContact.email}`].sort());

    const dueBefore = (await t.http().get(`/api/reviews/${id}/deadlines`).set(s.coordinator.auth)).body.find(
      (d: { kind: string }) => d.kind === 'imr',
    ).dueAt;
    await send(t, s.coordinator, id, { type: 'PUT_ON_HOLD', kind: 'other', reason: 'another statutory review' });
    await sleep(3000);
    await send(t, s.coordinator, id, { type: 'RESUME' });
    const dueAfter = (await t.http().get(`/api/reviews/${id}/deadlines`).set(s.coordinator.auth)).body.find(
      (d: { kind: string }) => d.kind === 'imr',
    ).dueAt;
    expect(Date.parse(dueAfter)).toBeGreaterThanOrEqual(Date.parse(dueBefore) + 2900); // moved, still overdue, same date

    // The moved clock is planned afresh (by its clock.changed and by a sweep): step 0 is not sent again.
    const { ReconcileHandler } = await import('../libs/notifications/src/reconcile.handler');
    await t.app.get(ReconcileHandler).handle();
    await sleep(2500);
    expect(described(await escalations(id, 'imr', s.health.id))).toEqual(described(first));

    // Step 1 comes 6 seconds after the moved due time, once, to the CSP chair as well.
    const all = await waitFor(
      'the second IMR escalation',
      async () => {
        const rows = await escalations(id, 'imr', s.health.id);
        return rows.filter((r) => r.step === 'escalation-1' && r.status === 'sent').length >= 3 ? rows : null;
      },
      20_000,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(dueAfter) + STEP_SECONDS * 1000);
    await sleep(1500);
    const final = await escalations(id, 'imr', s.health.id);
    expect(final).toHaveLength(all.length);
    expect(described(final)).toEqual(
      [
        `escalation-0 ${s.coordinator.email}`,
        `escalation-0 ${s.healthContact.email}`,
        `escalation-1 ${s.coordinator.email}`,
        `escalation-1 ${s.cspChair.email}`,
        `escalation-1 ${s.healthContact.email}`,
      ].sort(),
    );
    expectDeliveredOnce(final);
    const rows: NotificationRow[] = await notificationRows(t.config, id);
    expect(rows.filter((r) => r.kind === 'imr' && r.template === 'clock.reminder')).toEqual([]); // requested 2 s before due: no reminder
  });
});
