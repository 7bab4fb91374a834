import { addLondonCalendar, fromLondonWallClock, toLondonWallClock } from './london-wall-clock';

const HOUR = 3_600_000;

describe('addLondonCalendar (months and days on the wall clock, without luxon)', () => {
  it('agrees with luxon calendar arithmetic every 15 minutes around both daylight-saving changes, and across month ends', () => {
    const starts = ['2026-03-27T00:00:00Z', '2026-10-23T00:00:00Z', '2026-01-30T00:00:00Z', '2028-02-27T00:00:00Z'];
    for (const start of starts)
      for (let t = Date.parse(start); t < Date.parse(start) + 4 * 24 * HOUR; t += HOUR / 4)
        for (const [months, days] of [
          [0, 1],
          [0, 2],
          [0, 7],
          [0, 14],
          [0, 42],
          [0, -3],
          [1, 0],
          [6, 0],
          [6, 3],
          [12, 0],
          [-1, 0],
          [13, 7],
        ]) {
          const instant = new Date(t);
          const expected = fromLondonWallClock(toLondonWallClock(instant).plus({ months, days }));
          expect({ at: instant.toISOString(), months, days, got: addLondonCalendar(instant, months, days).toISOString() }).toEqual({
            at: instant.toISOString(),
            months,
            days,
            got: expected.toISOString(),
          });
        }
  });

  it('clips a month to the end of a shorter one, leap years included', () => {
    expect(addLondonCalendar(new Date('2027-01-31T12:00:00Z'), 1, 0).toISOString()).toBe('2027-02-28T12:00:00.000Z');
    expect(addLondonCalendar(new Date('2028-01-31T12:00:00Z'), 1, 0).toISOString()).toBe('2028-02-29T12:00:00.000Z');
    // 31 August 2026 (BST) + 6 months = 28 February 2027 (GMT), same London time.
    expect(addLondonCalendar(new Date('2026-08-31T09:00:00Z'), 6, 0).toISOString()).toBe('2027-02-28T10:00:00.000Z');
  });

  it('keeps the London time of day across the spring and autumn changes', () => {
    // 14:00 GMT on 25 March 2026 + 7 days = 14:00 BST on 1 April (13:00 UTC).
    expect(addLondonCalendar(new Date('2026-03-25T14:00:00Z'), 0, 7).toISOString()).toBe('2026-04-01T13:00:00.000Z');
    // 14:00 BST on 22 October 2026 + 14 days = 14:00 GMT on 5 November.
    expect(addLondonCalendar(new Date('2026-10-22T13:00:00Z'), 0, 14).toISOString()).toBe('2026-11-05T14:00:00.000Z');
  });
});
