import { atLondonTime, isAtLondonTime, isWholeDays, onSameLondonDateAt } from './due-time';

describe('deadlines at a time of day on a London date', () => {
  it('is 5pm GMT in winter and 5pm BST (16:00Z) in summer', () => {
    expect(atLondonTime('2026-12-09', '17:00').toISOString()).toBe('2026-12-09T17:00:00.000Z');
    expect(atLondonTime('2026-07-01', '17:00').toISOString()).toBe('2026-07-01T16:00:00.000Z');
  });

  it('keeps 5pm on both daylight-saving change days', () => {
    // Clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026.
    expect(atLondonTime('2026-03-29', '17:00').toISOString()).toBe('2026-03-29T16:00:00.000Z');
    expect(atLondonTime('2026-10-25', '17:00').toISOString()).toBe('2026-10-25T17:00:00.000Z');
    expect(atLondonTime('2026-03-28', '17:00').toISOString()).toBe('2026-03-28T17:00:00.000Z');
    expect(atLondonTime('2026-10-24', '17:00').toISOString()).toBe('2026-10-24T16:00:00.000Z');
  });

  it('reads the date in London: 23:30Z on 30 June is already 1 July in BST', () => {
    expect(onSameLondonDateAt(new Date('2026-06-30T23:30:00Z'), '17:00').toISOString()).toBe('2026-07-01T16:00:00.000Z');
    expect(onSameLondonDateAt(new Date('2027-01-31T23:30:00Z'), '17:00').toISOString()).toBe('2027-01-31T17:00:00.000Z');
  });

  it('tells a date deadline from one set to the minute', () => {
    expect(isAtLondonTime(new Date('2026-07-01T16:00:00Z'), '17:00')).toBe(true);
    expect(isAtLondonTime(new Date('2026-07-01T17:00:00Z'), '17:00')).toBe(false);
    expect(isAtLondonTime(new Date('2026-07-01T16:00:13Z'), '17:00')).toBe(false);
  });

  it('knows which lengths end on a date', () => {
    expect(isWholeDays({ months: 1 })).toBe(true);
    expect(isWholeDays({ workingDays: 10 })).toBe(true);
    expect(isWholeDays({ weeks: 6, days: 1 })).toBe(true);
    expect(isWholeDays({ seconds: 4 })).toBe(false);
    expect(isWholeDays({ days: 1, hours: 2 })).toBe(false);
  });
});
