import { addLength, forecastCompletion, ForecastInput, StageDays } from './completion-forecast';
import { percentile } from './percentiles';

const RULEBOOK = { completion: { months: 6 }, decision: { months: 1 }, homeOfficeSubmission: { weeks: 2 }, publication: { weeks: 4 } };
const DAY = 86_400_000;
const daysBefore = (at: Date, days: number) => new Date(at.getTime() - days * DAY);
const londonDay = (at: Date) => at.toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
const sixMonthsFrom = (at: Date) => (addLength(at, { months: 6 }).getTime() - at.getTime()) / DAY;

// Three completed reviews with known stage lengths (days).
const SAMPLES: StageDays[] = [
  { information_gathering: 60, drafting: 30, csp_signoff: 10, home_office_qa: 40, publication: 20 },
  { information_gathering: 80, drafting: 40, family_review: 20, csp_signoff: 10, home_office_qa: 60, publication: 20 },
  { information_gathering: 100, drafting: 50, csp_signoff: 20, home_office_qa: 80, publication: 30 },
];

function input(overrides: Partial<ForecastInput>): ForecastInput {
  const now = new Date('2027-01-20T12:00:00Z');
  return {
    now,
    stage: 'information_gathering',
    stageEnteredAt: daysBefore(now, 20),
    commissionedAt: new Date('2026-10-01T09:00:00Z'),
    onHoldSince: null,
    overdueRequests: [],
    samples: SAMPLES,
    basis: 'partnership',
    typicalHoldDays: null,
    rulebook: RULEBOOK,
    ...overrides,
  };
}

describe('percentile (as Postgres percentile_cont)', () => {
  it('interpolates between closest ranks', () => {
    expect(percentile([80, 130, 150], 0.5)).toBe(130);
    expect(percentile([150, 80, 130], 0.25)).toBe(105);
    expect(percentile([80, 130, 150], 0.75)).toBe(140);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
    expect(percentile([], 0.5)).toBeNull();
  });
});

describe('forecastCompletion', () => {
  it('adds the rest of the stage and the later stages of each completed review to now: median and 25th–75th', () => {
    // Sign-off totals: 40+30+0+10 = 80, 60+40+20+10 = 130, 80+50+0+20 = 150 days from 20 January 2027.
    const f = forecastCompletion(input({}));
    expect(f.signOff).toEqual({ expected: '2027-05-30', earliest: '2027-05-05', latest: '2027-06-09' });
    // Publication adds QA and publication: 140, 210, 260 days.
    expect(f.publication).toEqual({ expected: '2027-08-18', earliest: '2027-07-14', latest: '2027-09-12' });
    expect(f.basis).toBe('partnership');
    expect(f.sampleSize).toBe(3);
  });

  it('flags a forecast past six months from commissioning as likely late, naming the overdue agency', () => {
    const f = forecastCompletion(
      input({
        overdueRequests: [{ kind: 'imr', agencyName: 'Northshire Police', dueAt: new Date('2027-01-01T17:00:00Z'), typicalLateDays: 30 }],
      }),
    );
    expect(f.expectedBy).toBe('2027-04-01');
    expect(f.likelyLate).toBe(true);
    expect(f.reasons[0]).toBe('IMR from Northshire Police is 18 days overdue');
  });

  it('names only the viewer’s own agency to an agency contact', () => {
    const overdueRequests = [
      {
        kind: 'imr' as const,
        agencyId: 'police',
        agencyName: 'Northshire Police',
        dueAt: new Date('2027-01-01T17:00:00Z'),
        typicalLateDays: 0,
      },
      {
        kind: 'imr' as const,
        agencyId: 'health',
        agencyName: 'Northshire NHS',
        dueAt: new Date('2027-01-10T17:00:00Z'),
        typicalLateDays: 0,
      },
    ];
    expect(forecastCompletion(input({ overdueRequests, viewerAgencyId: 'health' })).reasons).toEqual([
      'IMR from another agency is 18 days overdue',
      'IMR from Northshire NHS is 9 days overdue',
    ]);
  });

  it('cannot end the stage before an overdue IMR arrives: its due time plus the agency’s typical lateness', () => {
    // Arrival: 1 January 17:00 + 100 days = 11 April 17:00, 81.2 days from now; totals 121.2, 151.2, 151.2 (11 April + 70 days).
    const f = forecastCompletion(
      input({
        overdueRequests: [{ kind: 'imr', agencyName: 'Northshire Police', dueAt: new Date('2027-01-01T17:00:00Z'), typicalLateDays: 100 }],
      }),
    );
    expect(f.signOff?.expected).toBe('2027-06-20');
    expect(f.signOff?.latest).toBe('2027-06-20');
  });

  it('waits out the typical hold and does not count held time as work in the stage', () => {
    const now = new Date('2027-01-20T12:00:00Z');
    const f = forecastCompletion(
      input({
        stage: 'drafting',
        stageEnteredAt: daysBefore(now, 25),
        onHoldSince: daysBefore(now, 10),
        typicalHoldDays: 30,
        samples: [{ drafting: 30, csp_signoff: 10 }],
      }),
    );
    // 20 days of hold left, then 30 - 15 days of drafting, then 10 of sign-off: 45 days.
    expect(f.signOff?.expected).toBe('2027-03-06');
  });

  it('gives London dates across the spring daylight-saving change', () => {
    // 23:30 GMT on 28 March 2026 plus one day is 00:30 BST on 30 March (29 March in UTC).
    const now = new Date('2026-03-28T23:30:00Z');
    const f = forecastCompletion(input({ now, stage: 'csp_signoff', stageEnteredAt: now, samples: [{ csp_signoff: 1 }] }));
    expect(f.signOff?.expected).toBe('2026-03-30');
  });

  it('gives London dates across the autumn daylight-saving change', () => {
    // 23:30 UTC on 24 October 2026 is 00:30 BST on 25 October.
    const now = new Date('2026-10-24T23:30:00Z');
    const f = forecastCompletion(input({ now, stage: 'csp_signoff', stageEnteredAt: daysBefore(now, 5), samples: [{ csp_signoff: 5 }] }));
    expect(f.signOff?.expected).toBe('2026-10-25');
  });

  it('falls back to the rulebook’s lengths with no history: calendar months across month ends', () => {
    // Just commissioned, on 31 August: the six months' planned stages all lie ahead.
    const commissionedAt = new Date('2026-08-31T10:00:00Z');
    const f = forecastCompletion(
      input({ now: commissionedAt, stage: 'setup', stageEnteredAt: commissionedAt, commissionedAt, samples: [] }),
    );
    expect(f.basis).toBe('rulebook');
    expect(f.expectedBy).toBe('2027-02-28');
    expect(f.signOff).toEqual({ expected: '2027-02-28', earliest: '2027-02-28', latest: '2027-02-28' });
    // Plus two weeks to the Home Office submission and four to publication.
    expect(f.publication?.expected).toBe('2027-04-11');
    expect(f.likelyLate).toBe(false);
  });

  it('with no history, gives a review past its six months the planned time of the stages it has left, not today', () => {
    // Commissioned 31 August (six months: 181 days), in information gathering since 11 November, now 1 December:
    // the rest of its two months (181/3 − 20 = 40.3 days), then drafting, family review and sign-off (90.5 days).
    const now = new Date('2026-12-01T12:00:00Z');
    const f = forecastCompletion(
      input({ now, commissionedAt: new Date('2026-08-31T10:00:00Z'), stageEnteredAt: daysBefore(now, 20), samples: [] }),
    );
    expect(f.signOff?.expected).toBe('2027-04-11');
    expect(f.publication?.expected).toBe('2027-05-23');
    expect(f.likelyLate).toBe(true);
    expect(f.reasons).toEqual(['The rest of information gathering and the stages after it are planned to take about 19 weeks']);

    // Eight months in set-up: its month is long gone, and the reason says so.
    const stuck = forecastCompletion(
      input({ now, stage: 'setup', commissionedAt: daysBefore(now, 240), stageEnteredAt: daysBefore(now, 240), samples: [] }),
    );
    expect(stuck.signOff?.expected).toBe(londonDay(new Date(now.getTime() + (5 / 6) * sixMonthsFrom(daysBefore(now, 240)) * DAY)));
    expect(stuck.reasons).toEqual(['In set-up for 240 days (planned: about 31 days)']);

    // An overdue IMR holds the stage open past its plan: the later stages follow its expected arrival.
    const waiting = forecastCompletion(
      input({
        now,
        commissionedAt: daysBefore(now, 150),
        stageEnteredAt: daysBefore(now, 55),
        samples: [],
        overdueRequests: [{ kind: 'imr', agencyName: 'Northshire Police', dueAt: daysBefore(now, 10), typicalLateDays: 40 }],
      }),
    );
    // 30 days until the IMR is expected (10 overdue of a typical 40 late), then 1.5 + 0.5 + 1 of the clock's six months.
    const clockDays = sixMonthsFrom(daysBefore(now, 150));
    expect(waiting.signOff?.expected).toBe(londonDay(new Date(now.getTime() + (30 + (3 / 6) * clockDays) * DAY)));
    expect(waiting.reasons).toEqual(['IMR from Northshire Police is 10 days overdue']);
  });

  it('forecasts publication only once signed off, and nothing for a closed review', () => {
    const f = forecastCompletion(input({ stage: 'home_office_qa', stageEnteredAt: daysBefore(new Date('2027-01-20T12:00:00Z'), 10) }));
    expect(f.signOff).toBeNull();
    // 30, 50, 70 QA days left plus 20, 20, 30 publication: 50, 70, 100.
    expect(f.publication?.expected).toBe('2027-03-31');
    const closed = forecastCompletion(input({ stage: 'closed' }));
    expect(closed).toMatchObject({ signOff: null, publication: null, likelyLate: false });
  });

  it('adds calendar months on the London calendar (31 January + 1 month = 28 February)', () => {
    expect(addLength(new Date('2027-01-31T12:00:00Z'), { months: 1 }).toISOString()).toBe('2027-02-28T12:00:00.000Z');
    expect(addLength(new Date('2026-03-01T12:00:00Z'), { months: 1 }).toISOString()).toBe('2026-04-01T11:00:00.000Z');
  });
});
