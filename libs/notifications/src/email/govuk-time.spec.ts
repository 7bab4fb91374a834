import { formatUkDate, formatUkDateTime } from './uk-time';

// Runs with TZ=UTC (test/jest/setup-env.js): the London result must be computed, not inherited.
describe('formatUkDateTime / formatUkDate', () => {
  it('runs in a UTC process', () => {
    expect(new Date('2026-07-01T12:00:00Z').getTimezoneOffset()).toBe(0);
  });

  it('shows GMT dates unchanged, with a 24-hour clock', () => {
    expect(formatUkDateTime(new Date('2026-03-06T17:00:00Z'))).toBe('Friday 6 March 2026, 17:00');
    expect(formatUkDateTime(new Date('2026-01-15T09:05:00Z'))).toBe('Thursday 15 January 2026, 09:05');
    expect(formatUkDate(new Date('2026-03-06T17:00:00Z'))).toBe('Friday 6 March 2026');
  });

  it('adds an hour in British Summer Time', () => {
    expect(formatUkDateTime(new Date('2026-06-01T16:00:00Z'))).toBe('Monday 1 June 2026, 17:00');
  });

  it('moves from GMT to BST at 01:00 UTC on the last Sunday of March', () => {
    expect(formatUkDateTime(new Date('2026-03-29T00:59:00Z'))).toBe('Sunday 29 March 2026, 00:59');
    expect(formatUkDateTime(new Date('2026-03-29T01:00:00Z'))).toBe('Sunday 29 March 2026, 02:00');
  });

  it('moves from BST back to GMT at 01:00 UTC on the last Sunday of October', () => {
    expect(formatUkDateTime(new Date('2026-10-25T00:30:00Z'))).toBe('Sunday 25 October 2026, 01:30'); // BST
    expect(formatUkDateTime(new Date('2026-10-25T01:30:00Z'))).toBe('Sunday 25 October 2026, 01:30'); // GMT, the repeated hour
    expect(formatUkDateTime(new Date('2026-10-25T12:00:00Z'))).toBe('Sunday 25 October 2026, 12:00');
  });

  it('uses the UK calendar date when UTC is still the day before', () => {
    const lateJuneUtc = new Date('2026-06-30T23:30:00Z');
    expect(formatUkDateTime(lateJuneUtc)).toBe('Wednesday 1 July 2026, 00:30');
    expect(formatUkDate(lateJuneUtc)).toBe('Wednesday 1 July 2026');
    expect(formatUkDate(new Date('2026-12-31T23:30:00Z'))).toBe('Thursday 31 December 2026');
  });

  it('refuses an invalid date', () => {
    expect(() => formatUkDateTime(new Date('not a date'))).toThrow(RangeError);
    expect(() => formatUkDate(new Date(NaN))).toThrow(RangeError);
  });
});
