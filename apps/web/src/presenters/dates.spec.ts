import { dueDate, longDate, time } from './dates';

describe('dates in GOV.UK style, in London', () => {
  it('writes times as 5pm, 10:30am, midday and midnight', () => {
    expect(time('2026-12-09T17:00:00Z')).toBe('5pm');
    expect(time('2026-12-09T10:30:00Z')).toBe('10:30am');
    expect(time('2026-12-09T12:00:00Z')).toBe('midday');
    expect(time('2026-12-09T00:00:00Z')).toBe('midnight');
    expect(time('2026-12-09T00:05:00Z')).toBe('12:05am');
  });

  it('writes a due date at the end of the working day as "5pm on …", in winter and in summer', () => {
    expect(dueDate('2026-12-09T17:00:00Z')).toBe('5pm on 9 December 2026');
    expect(dueDate('2026-07-01T16:00:00Z')).toBe('5pm on 1 July 2026');
  });

  it('writes any other due time after the date', () => {
    expect(dueDate('2026-12-09T10:30:00Z')).toBe('9 December 2026, 10:30am');
    expect(dueDate('2026-12-09T12:00:00Z')).toBe('9 December 2026, midday');
    // 5pm UTC in summer is 6pm in London.
    expect(dueDate('2026-07-01T17:00:00Z')).toBe('1 July 2026, 6pm');
  });

  it('keeps 5pm across both daylight-saving changes and a month end', () => {
    // Clocks go forward on 29 March 2026 and back on 25 October 2026.
    expect(dueDate('2026-03-28T17:00:00Z')).toBe('5pm on 28 March 2026');
    expect(dueDate('2026-03-30T16:00:00Z')).toBe('5pm on 30 March 2026');
    expect(dueDate('2026-10-24T16:00:00Z')).toBe('5pm on 24 October 2026');
    expect(dueDate('2026-10-26T17:00:00Z')).toBe('5pm on 26 October 2026');
    expect(dueDate('2027-02-28T17:00:00Z')).toBe('5pm on 28 February 2027');
    // Late in the evening UTC on 31 October is still 31 October in London (GMT).
    expect(longDate('2026-10-31T23:30:00Z')).toBe('31 October 2026');
    expect(longDate('2026-06-30T23:30:00Z')).toBe('1 July 2026');
  });
});
