import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Clock } from '@dhr/core';
import { seedPartnership, Seed } from './support/actors';
import { startTestApp, TestApp } from './support/test-app';
import { send } from './support/review-driver';
import { at, HistoryEvent, HistoryReview, insertHistory, pathEvents, plusDays } from './support/oversight-history';

/**
 * The partnership dashboard and the completion forecasts on a generated history with known
 * answers (test/support/oversight-history.ts says why it is written into the tables): five
 * published reviews with known stage lengths, agencies' answers at known lateness, one finished
 * hold, and open reviews stuck on an overdue IMR, on time, on hold past six months, and one
 * driven through the API. "Now" is fixed at noon on 20 January 2027.
 */
const NOW = at('2027-01-20T12:00:00Z');
const PERIOD = 'from=2026-01-01&to=2026-12-31';

describe('oversight: the partnership dashboard and completion forecasts', () => {
  let t: TestApp;
  let s: Seed;
  let other: Seed;
  let ids: Record<string, string>;
  let apiReviewId: string;

  type Who = { auth: { Authorization: string } };
  const dashboard = (who: Who, partnershipId = s.partnership.id, query = PERIOD) =>
    t.http().get(`/api/partnerships/${partnershipId}/dashboard?${query}`).set(who.auth);
  const forecast = (who: Who, reviewId: string) => t.http().get(`/api/reviews/${reviewId}/forecast`).set(who.auth);

  beforeAll(async () => {
    t = await startTestApp({ clock: { now: () => new Date(NOW) } as Clock });
    s = await seedPartnership(t, 'DSH');
    other = await seedPartnership(t, 'DSQ');
    const police = s.police.id as string;
    const health = s.health.id as string;

    // Five published reviews: days in notification, set-up, information gathering, drafting, CSP sign-off, QA, publication.
    const lengths: [number, number, number, number, number, number, number][] = [
      [10, 10, 60, 30, 10, 40, 20],
      [10, 10, 80, 40, 10, 60, 20],
      [10, 10, 100, 50, 20, 80, 30],
      [10, 10, 70, 40, 10, 50, 20],
      [10, 10, 90, 40, 20, 70, 30],
    ];
    const stages = ['notification', 'setup', 'information_gathering', 'drafting', 'csp_signoff', 'home_office_qa', 'publication'];
    // Police answered IMRs 30, 10, on time (2 days early), 50 days late; health on time, on time, 4 days late.
    const policeLate = [30, 10, -2, 50, null];
    const healthLate = [-1, 0, 4, null, null];
    const completed: HistoryReview[] = lengths.map((days, i) => {
      const start = plusDays(at('2026-01-05T10:00:00Z'), 7 * i);
      const events = pathEvents(
        start,
        stages.map((stage, k) => [stage, days[k]] as [string, number]),
        'action_plan',
      );
      const qaAt = events.find((e) => e.to === 'home_office_qa')!.at;
      events.push({ type: 'SUBMIT_TO_HOME_OFFICE', at: plusDays(qaAt, 1), from: 'home_office_qa', to: 'home_office_qa' });
      if (i === 1) events.push({ type: 'SUBMIT_TO_HOME_OFFICE', at: plusDays(qaAt, 30), from: 'home_office_qa', to: 'home_office_qa' });
      if (i === 0) {
        // One finished hold of 40 days, in drafting.
        const drafting = events.find((e) => e.to === 'drafting')!.at;
        events.push({ type: 'PUT_ON_HOLD', at: plusDays(drafting, 1), from: 'drafting', to: 'drafting' });
        events.push({ type: 'RESUME', at: plusDays(drafting, 41), from: 'drafting', to: 'drafting' });
      }
      const last = events.find((e) => e.to === 'action_plan')!.at;
      if (i < 4) events.push({ type: 'CLOSE', at: plusDays(last, 10), from: 'action_plan', to: 'closed' });
      const imrDue = plusDays(start, 40);
      const clocks = [
        ...(policeLate[i] === null
          ? []
          : [{ kind: 'imr', agencyId: police, dueAt: imrDue, status: 'met' as const, metAt: plusDays(imrDue, policeLate[i]!) }]),
        ...(healthLate[i] === null
          ? []
          : [{ kind: 'imr', agencyId: health, dueAt: imrDue, status: 'met' as const, metAt: plusDays(imrDue, healthLate[i]!) }]),
      ];
      if (i === 4)
        clocks.push(
          { kind: 'action', agencyId: police, dueAt: at('2026-12-01T17:00:00Z'), status: 'met', metAt: at('2026-11-30T12:00:00Z') },
          { kind: 'action', agencyId: police, dueAt: at('2027-01-10T17:00:00Z'), status: 'open' } as never,
          { kind: 'action', agencyId: health, dueAt: at('2027-03-01T17:00:00Z'), status: 'open' } as never,
        );
      return {
        reference: `DHR-DSH-2026-10${i + 1}`,
        victimPseudonym: `Adult C${i + 1}`,
        stage: i < 4 ? 'closed' : 'action_plan',
        events,
        clocks,
      };
    });

    const o1Events: HistoryEvent[] = [
      { type: 'NOTIFIED', at: at('2026-09-21T09:00:00Z'), from: null, to: 'notification' },
      { type: 'DECIDE_TO_COMMISSION', at: at('2026-10-01T09:00:00Z'), from: 'notification', to: 'setup' },
      { type: 'AGREE_TERMS_OF_REFERENCE', at: at('2026-12-31T12:00:00Z'), from: 'setup', to: 'information_gathering' },
    ];
    const o2Events: HistoryEvent[] = [
      { type: 'NOTIFIED', at: at('2026-11-21T10:00:00Z'), from: null, to: 'notification' },
      { type: 'DECIDE_TO_COMMISSION', at: at('2026-12-01T10:00:00Z'), from: 'notification', to: 'setup' },
      { type: 'AGREE_TERMS_OF_REFERENCE', at: at('2026-12-05T10:00:00Z'), from: 'setup', to: 'information_gathering' },
      { type: 'BEGIN_DRAFTING', at: at('2027-01-10T12:00:00Z'), from: 'information_gathering', to: 'drafting' },
    ];
    const o3Events: HistoryEvent[] = [
      { type: 'NOTIFIED', at: at('2026-04-24T09:00:00Z'), from: null, to: 'notification' },
      { type: 'DECIDE_TO_COMMISSION', at: at('2026-05-04T09:00:00Z'), from: 'notification', to: 'setup' },
      { type: 'PUT_ON_HOLD', at: at('2026-12-21T12:00:00Z'), from: 'setup', to: 'setup' },
    ];
    const open: HistoryReview[] = [
      {
        reference: 'DHR-DSH-2026-201',
        victimPseudonym: 'Adult Stuck',
        stage: 'information_gathering',
        involvedAgencyIds: [police],
        events: o1Events,
        clocks: [{ kind: 'imr', agencyId: police, dueAt: at('2027-01-01T17:00:00Z'), status: 'open' }],
      },
      { reference: 'DHR-DSH-2026-202', victimPseudonym: 'Adult Steady', stage: 'drafting', events: o2Events },
      { reference: 'DHR-DSH-2026-203', victimPseudonym: 'Adult Held', stage: 'setup', onHold: true, events: o3Events },
    ];
    const db = t.app.get<DataSource>(getDataSourceToken());
    ids = await insertHistory(db, s.partnership.id, s.coordinator.id, [...completed, ...open]);
    // National recommendations of the review in its action plan: one not sent, one awaiting a response; and a local one.
    const c5 = ids['DHR-DSH-2026-105'];
    const rec = `INSERT INTO recommendations (id, review_id, number, scope, text, owner_agency_id, created_by, created_at, updated_at, department, sent_on)
                 VALUES ($1, $2, $3, $4, 'Recommendation text', $5, $6, now(), now(), $7, $8)`;
    await db.query(rec, [randomUUID(), c5, 1, 'national', null, s.coordinator.id, null, null]);
    await db.query(rec, [randomUUID(), c5, 2, 'national', null, s.coordinator.id, 'Home Office', '2026-11-01']);
    await db.query(rec, [randomUUID(), c5, 3, 'local', police, s.coordinator.id, null, null]);

    // One open review through the API: notified 5 January, commissioned on 10 January 2027.
    const created = await t.http().post('/api/reviews').set(s.coordinator.auth).send({
      partnershipId: s.partnership.id,
      notifiedAt: '2027-01-05T12:00:00Z',
      notifiedBy: 'Police',
      deathDate: '2027-01-01',
      victimPseudonym: 'Adult Api',
      perpetratorPseudonym: 'Adult Other',
      policeForceArea: 'Northshire',
    });
    expect(created.status).toBe(201);
    apiReviewId = created.body.id;
    await send(t, s.cspChair, apiReviewId, { type: 'DECIDE_TO_COMMISSION', decidedAt: '2027-01-10T12:00:00Z', rationale: 'criteria met' });
  });
  afterAll(() => t?.close());

  it('counts reviews by stage and on hold, and those past six months from commissioning', async () => {
    const res = await dashboard(s.coordinator);
    expect(res.status).toBe(200);
    const stages = Object.fromEntries((res.body.stages as { stage: string; reviews: number; onHold: number }[]).map((r) => [r.stage, r]));
    expect(stages.closed.reviews).toBe(4);
    expect(stages.action_plan.reviews).toBe(1);
    expect(stages.setup).toEqual({ stage: 'setup', reviews: 2, onHold: 1 });
    expect(stages.information_gathering.reviews).toBe(1);
    expect(stages.drafting.reviews).toBe(1);
    expect(res.body.onHold).toEqual([
      expect.objectContaining({ reference: 'DHR-DSH-2026-203', victimPseudonym: 'Adult Held', stage: 'setup', daysOnHold: 30 }),
    ]);
    expect(res.body.pastExpectation).toEqual([expect.objectContaining({ reference: 'DHR-DSH-2026-203', daysSinceCommissioning: 261 })]);
    expect(res.body.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('gives the median and 90th percentile days in each stage over the period', async () => {
    const res = await dashboard(s.coordinator);
    const times = Object.fromEntries((res.body.stageTimes as { stage: string }[]).map((r) => [r.stage, r]));
    expect(times.information_gathering).toEqual({ stage: 'information_gathering', visits: 5, medianDays: 80, p90Days: 96 });
    expect(times.drafting).toEqual({ stage: 'drafting', visits: 5, medianDays: 40, p90Days: 46 });
    expect(times.csp_signoff).toEqual({ stage: 'csp_signoff', visits: 5, medianDays: 10, p90Days: 20 });
    expect(times.home_office_qa).toEqual({ stage: 'home_office_qa', visits: 5, medianDays: 60, p90Days: 76 });
    expect(times.publication).toEqual({ stage: 'publication', visits: 5, medianDays: 20, p90Days: 30 });
    // A shorter period holds fewer visits: the information gathering that ended by 30 April 2026 (60, 80 and 70 days).
    const spring = await dashboard(s.coordinator, s.partnership.id, 'from=2026-01-01&to=2026-04-30');
    const ig = (spring.body.stageTimes as { stage: string }[]).find((r) => r.stage === 'information_gathering');
    expect(ig).toEqual({ stage: 'information_gathering', visits: 3, medianDays: 70, p90Days: 78 });
  });

  it('reports overdue items by kind and agency, and each agency’s responsiveness', async () => {
    const res = await dashboard(s.coordinator);
    expect(res.body.overdue).toEqual({
      total: 2,
      byKind: [
        { kind: 'action', count: 1 },
        { kind: 'imr', count: 1 },
      ],
      byAgency: [{ agencyId: s.police.id, agencyName: 'DSH Police', count: 2 }],
    });
    expect(res.body.agencies).toEqual([
      { agencyId: s.health.id, agencyName: 'DSH NHS Trust', answered: 3, onTime: 2, medianDaysLate: 4, overdueNow: 0 },
      { agencyId: s.police.id, agencyName: 'DSH Police', answered: 4, onTime: 1, medianDaysLate: 30, overdueNow: 1 },
    ]);
  });

  it('counts Home Office QA rounds, action-plan progress and national recommendations by status', async () => {
    const res = await dashboard(s.coordinator);
    expect(res.body.homeOfficeQa).toEqual({
      reviews: 5,
      rounds: 6,
      distribution: [
        { rounds: 1, reviews: 4 },
        { rounds: 2, reviews: 1 },
      ],
    });
    expect(res.body.actionPlan).toEqual({ open: 2, overdue: 1, complete: 1 });
    expect(res.body.nationalRecommendations).toEqual([
      { status: 'awaiting_response', count: 1 },
      { status: 'not_sent', count: 1 },
    ]);
  });

  it('forecasts a review stuck on an overdue IMR and flags it likely late, naming the agency', async () => {
    const res = await forecast(s.coordinator, ids['DHR-DSH-2026-201']);
    expect(res.status).toBe(200);
    // Totals to sign-off 80, 100, 110, 130, 150 days; to publication 140, 170, 190, 230, 260 days.
    expect(res.body).toMatchObject({
      reference: 'DHR-DSH-2026-201',
      signOff: { expected: '2027-05-10', earliest: '2027-04-30', latest: '2027-05-30' },
      publication: { expected: '2027-07-29', earliest: '2027-07-09', latest: '2027-09-07' },
      expectedBy: '2027-04-01',
      likelyLate: true,
      reasons: ['IMR from DSH Police is 18 days overdue'],
      basis: 'partnership',
      sampleSize: 5,
    });
    // The dashboard lists it among the likely late, with the review on hold past six months.
    const board = await dashboard(s.coordinator);
    const late = board.body.likelyLate as { reference: string; reasons: string[] }[];
    expect(late.map((f) => f.reference)).toEqual(['DHR-DSH-2026-201', 'DHR-DSH-2026-203']);
    expect(late[1].reasons).toEqual(['On hold for 30 days (holds typically last 40 days)', 'In set-up for 231 days (typically 10 days)']);
  });

  it('forecasts reviews on time, from history or events sent through the API', async () => {
    const steady = await forecast(s.coordinator, ids['DHR-DSH-2026-202']);
    expect(steady.body).toMatchObject({
      signOff: { expected: '2027-03-01', earliest: '2027-03-01', latest: '2027-03-11' },
      expectedBy: '2027-06-01',
      likelyLate: false,
      reasons: [],
    });
    const held = await forecast(s.coordinator, ids['DHR-DSH-2026-203']);
    expect(held.body.signOff.expected).toBe('2027-06-09');
    const api = await forecast(s.cspChair, apiReviewId);
    expect(api.body).toMatchObject({ stage: 'setup', signOff: { expected: '2027-05-30' }, expectedBy: '2027-07-10', likelyLate: false });
    // A closed review forecasts nothing.
    const closed = await forecast(s.coordinator, ids['DHR-DSH-2026-101']);
    expect(closed.body).toMatchObject({ signOff: null, publication: null, likelyLate: false });
  });

  it('shows the forecast to whoever may see the review, and to no one else', async () => {
    const police = await forecast(s.policeContact, ids['DHR-DSH-2026-201']);
    expect(police.status).toBe(200);
    expect(police.body.reasons).toEqual(['IMR from DSH Police is 18 days overdue']);
    expect((await forecast(s.healthContact, ids['DHR-DSH-2026-201'])).status).toBe(404);
    expect((await forecast(s.chair, ids['DHR-DSH-2026-201'])).status).toBe(404);
    expect((await forecast(other.coordinator, ids['DHR-DSH-2026-201'])).status).toBe(404);
    expect((await forecast(s.coordinator, 'not-a-uuid')).status).toBe(400);
  });

  it('shows the dashboard to coordinators and CSP chairs of the partnership only', async () => {
    expect((await dashboard(s.cspChair)).status).toBe(200);
    expect((await dashboard(s.chair)).status).toBe(403);
    expect((await dashboard(s.policeContact)).status).toBe(403);
    expect((await dashboard(other.coordinator)).status).toBe(404);
    expect((await dashboard(other.cspChair)).status).toBe(404);
    expect((await dashboard(s.coordinator, randomUUID())).status).toBe(404);
    expect((await dashboard(s.admin)).status).toBe(403);
    // Through a membership: B's coordinator made a coordinator of A too sees A's dashboard. The API adds
    // only chair and agency-contact memberships; the table holds any role, so the row is written directly.
    const db = t.app.get<DataSource>(getDataSourceToken());
    await db.query(`INSERT INTO user_memberships (user_id, partnership_id, role) VALUES ($1, $2, 'coordinator')`, [
      other.coordinator.id,
      s.partnership.id,
    ]);
    const viaMembership = await dashboard(other.coordinator);
    expect(viaMembership.status).toBe(200);
    expect(viaMembership.body.partnerships).toEqual([{ partnershipId: s.partnership.id, partnershipName: 'DSH CSP' }]);
  });

  it('answers a bad period with a 400 naming the field', async () => {
    const bad = await dashboard(s.coordinator, s.partnership.id, 'from=2026-02-30');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('from');
    const notDate = await dashboard(s.coordinator, s.partnership.id, 'to=yesterday');
    expect(notDate.status).toBe(400);
    expect(JSON.stringify(notDate.body)).toContain('to must be a date');
    const backwards = await dashboard(s.coordinator, s.partnership.id, 'from=2026-06-01&to=2026-05-01');
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('to must not be before from');
    expect((await dashboard(s.coordinator, 'nope')).status).toBe(400);
  });
});
