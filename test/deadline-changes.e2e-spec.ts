import { seedPartnership, Seed } from './support/actors';
import { sql } from './support/notifications-db';
import { daysAhead, reviewBody, send } from './support/review-driver';
import { rulebookFile } from './support/rulebooks';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { sleep, waitFor } from './support/wait-for';

// Agreed new dates and withdrawn requests, through the API, the worker and a real SMTP
// server: nothing fires for the old date or a withdrawn request; the new date is reminded.

/** Agencies' clocks remind 3 s before they are due and escalate 5 s apart: a request's whole life in seconds. */
function quickAgencyRulebook(): string {
  const quick = { reminders: [{ seconds: 3 }], escalation: { after: { seconds: 5 }, repeatEvery: { seconds: 5 } } };
  return rulebookFile({ id: 'test-quick-agencies', clocks: { imr: quick, scoping_return: quick } });
}

interface ClockAlarm {
  template: string;
  step: string;
  clock_due_at: Date;
  status: string;
}

interface DeadlineView {
  id: string;
  kind: string;
  agencyId?: string;
  dueAt: string;
  status: string;
  extension?: { previousDueAt: string; reason: string; extendedAt: string };
}

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

describe('deadlines moved by agreement and requests withdrawn', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  let s: Seed;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startTestApp({ withWorker: true, env: { SMTP_URL: smtp.url, RULEBOOK_FILE: quickAgencyRulebook() } });
    s = await seedPartnership(t, 'XTND');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const deadlines = async (id: string): Promise<DeadlineView[]> =>
    (await t.http().get(`/api/reviews/${id}/deadlines`).set(s.coordinator.auth)).body;
  const clockAlarms = (clockId: string) =>
    sql<ClockAlarm>(
      t.config,
      `SELECT template, step, clock_due_at, status FROM notifications WHERE clock_id = $1 AND template LIKE 'clock.%' ORDER BY created_at`,
      [clockId],
    );

  /** Commissioned, chaired, police and health on the panel: information gathering. */
  async function gatheringReview(): Promise<string> {
    const id = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id as string;
    await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met' });
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.health.id });
    await send(t, s.coordinator, id, { type: 'AGREE_TERMS_OF_REFERENCE', periodFrom: '2022-01-01', periodTo: '2026-01-01' });
    return id;
  }

  it('moves a running deadline to an agreed date: 5pm London for a date, the old date and reason kept', async () => {
    const id = await gatheringReview();
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id, dueAt: '2027-01-15' });
    const imr = (await deadlines(id)).find((d) => d.kind === 'imr')!;
    expect(imr.dueAt).toBe('2027-01-15T17:00:00.000Z'); // a date is 5pm London (GMT in January)

    const moved = await send(t, s.coordinator, id, {
      type: 'EXTEND_DEADLINE',
      deadlineId: imr.id,
      dueAt: '2027-07-01',
      reason: 'Agreed with the force: the officer is on leave',
    });
    const after = (moved.deadlines as DeadlineView[]).find((d) => d.id === imr.id)!;
    expect(after).toMatchObject({
      status: 'open',
      dueAt: '2027-07-01T16:00:00.000Z', // 5pm BST
      extension: { previousDueAt: '2027-01-15T17:00:00.000Z', reason: 'Agreed with the force: the officer is on leave' },
    });
    const history = (await t.http().get(`/api/reviews/${id}/history`).set(s.coordinator.auth)).body as {
      type: string;
      payload: Record<string, unknown>;
    }[];
    expect(history.at(-1)).toMatchObject({
      type: 'EXTEND_DEADLINE',
      payload: {
        deadlineId: imr.id,
        dueAt: '2027-07-01T16:00:00.000Z',
        previousDueAt: '2027-01-15T17:00:00.000Z',
        kind: 'imr',
        agencyId: s.police.id,
      },
    });
  });

  it('refuses a bad extension with a 400 naming the field, and a chair moving a deadline they do not own', async () => {
    const id = await gatheringReview();
    const other = await gatheringReview();
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id });
    await send(t, s.coordinator, other, { type: 'REQUEST_IMR', agencyId: s.police.id });
    const imr = (await deadlines(id)).find((d) => d.kind === 'imr')!;
    const completion = (await deadlines(id)).find((d) => d.kind === 'completion')!;
    const decision = (await deadlines(id)).find((d) => d.kind === 'decision')!; // met
    const othersImr = (await deadlines(other)).find((d) => d.kind === 'imr')!;
    const extend = (who: typeof s.coordinator, body: Record<string, unknown>) =>
      t
        .http()
        .post(`/api/reviews/${id}/events`)
        .set(who.auth)
        .send({ type: 'EXTEND_DEADLINE', reason: 'agreed', dueAt: daysAhead(30).slice(0, 10), ...body });

    for (const [body, field] of [
      [{ deadlineId: othersImr.id }, 'deadlineId'],
      [{ deadlineId: decision.id }, 'deadlineId'],
      [{ deadlineId: imr.id, dueAt: '2020-01-01' }, 'dueAt'],
      [{ deadlineId: imr.id, dueAt: '2027-02-30' }, 'dueAt'],
      [{ deadlineId: imr.id, reason: '' }, 'reason'],
    ] as const) {
      const res = await extend(s.coordinator, body);
      expect({ body, status: res.status, fields: res.body.fields?.map((f: { field: string }) => f.field) }).toEqual({
        body,
        status: 400,
        fields: [field],
      });
    }
    expect((await extend(s.chair, { deadlineId: imr.id })).status).toBe(403);
    expect((await extend(s.policeContact, { deadlineId: imr.id })).status).toBe(403);
    expect((await extend(s.chair, { deadlineId: completion.id })).status).toBe(200);
    // Nothing refused was written.
    expect((await deadlines(id)).find((d) => d.id === imr.id)).toEqual(imr);
  });

  it('sends nothing for the old date of a moved deadline and reminds before the new one', async () => {
    const id = await gatheringReview();
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id, dueAt: inSeconds(6) });
    const imr = (await deadlines(id)).find((d) => d.kind === 'imr')!;
    const newDue = inSeconds(14);
    await send(t, s.coordinator, id, { type: 'EXTEND_DEADLINE', deadlineId: imr.id, dueAt: newDue, reason: 'agreed' });

    // Past the old due time and its would-be escalation: nothing for the old date.
    await sleep(8000);
    const early = await clockAlarms(imr.id);
    expect(early.filter((a) => a.clock_due_at.getTime() === Date.parse(imr.dueAt))).toEqual([]);
    expect(early.filter((a) => a.step.startsWith('escalation-'))).toEqual([]);

    const reminded = await waitFor('the reminder and escalation for the new date, delivered', async () => {
      const rows = await clockAlarms(imr.id);
      return rows.some((a) => a.step.startsWith('escalation-')) && rows.every((a) => a.status === 'sent') ? rows : null;
    });
    expect(smtp.received.length).toBeGreaterThanOrEqual(reminded.length);
    expect(reminded.every((a) => a.clock_due_at.getTime() === Date.parse(newDue))).toBe(true);
    expect(reminded.map((a) => a.step)).toEqual(expect.arrayContaining(['reminder-3s', 'escalation-0']));
  }, 60_000);

  it('sends nothing more for a withdrawn request', async () => {
    const id = await gatheringReview();
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.health.id, dueAt: inSeconds(5) });
    const imr = (await deadlines(id)).find((d) => d.kind === 'imr')!;
    const withdrawn = await send(t, s.coordinator, id, {
      type: 'WITHDRAW_REQUEST',
      agencyId: s.health.id,
      kind: 'imr',
      reason: 'Health had no contact with either person',
    });
    expect(withdrawn.panel).toEqual(expect.arrayContaining([expect.objectContaining({ agencyId: s.health.id, imr: 'withdrawn' })]));
    expect((withdrawn.deadlines as DeadlineView[]).find((d) => d.id === imr.id)?.status).toBe('cancelled');
    expect(withdrawn.allowedEvents).toContain('BEGIN_DRAFTING');

    await sleep(12_000); // past the due time and two escalation steps
    expect(await clockAlarms(imr.id)).toEqual([]);
    // A second withdrawal is refused: nothing is outstanding.
    const again = await t
      .http()
      .post(`/api/reviews/${id}/events`)
      .set(s.coordinator.auth)
      .send({ type: 'WITHDRAW_REQUEST', agencyId: s.health.id, kind: 'imr', reason: 'again' });
    expect(again.status).toBe(409);
  }, 60_000);
});
