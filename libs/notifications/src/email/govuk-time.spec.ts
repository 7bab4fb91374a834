import { formatGovukDate, formatGovukDateTime, formatGovukIsoDate, formatGovukTime, formatGovukIsoDay } from './govuk-time';

// Runs with TZ=UTC (test/jest/setup-env.js): the London result must be computed, not inherited.
describe('GOV.UK times and dates in emails', () => {
  it('runs in a UTC process', () => {
    expect(new Date('2026-07-01T12:00:00Z').getTimezoneOffset()).toBe(0);
  });

  it('writes times the GOV.UK way: 5pm, 10:30am, midday, midnight, never 12pm or 17:00', () => {
    expect(formatGovukTime(new Date('2026-12-09T17:00:00Z'))).toBe('5pm');
    expect(formatGovukTime(new Date('2026-12-09T10:30:00Z'))).toBe('10:30am');
    expect(formatGovukTime(new Date('2026-12-09T09:05:00Z'))).toBe('9:05am');
    expect(formatGovukTime(new Date('2026-12-09T12:00:00Z'))).toBe('midday');
    expect(formatGovukTime(new Date('2026-12-09T12:30:00Z'))).toBe('12:30pm');
    expect(formatGovukTime(new Date('2026-12-09T00:00:00Z'))).toBe('midnight');
    expect(formatGovukTime(new Date('2026-12-09T00:15:00Z'))).toBe('12:15am');
    expect(formatGovukTime(new Date('2026-12-09T23:59:00Z'))).toBe('11:59pm');
  });

  it('writes the due date with and without the day of the week', () => {
    const due = new Date('2026-12-09T17:00:00Z');
    expect(formatGovukDateTime(due)).toBe('5pm on 9 December 2026');
    expect(formatGovukDateTime(due, { weekday: true })).toBe('5pm on Wednesday 9 December 2026');
    expect(formatGovukDate(due)).toBe('9 December 2026');
    expect(formatGovukDate(due, { weekday: true })).toBe('Wednesday 9 December 2026');
  });

  it('shows 5pm in British Summer Time as 5pm (16:00 UTC)', () => {
    expect(formatGovukDateTime(new Date('2026-06-05T16:00:00Z'), { weekday: true })).toBe('5pm on Friday 5 June 2026');
  });

  it('reads the London date at a month end: 11:30pm UTC on 30 June is 12:30am on 1 July in BST', () => {
    expect(formatGovukDateTime(new Date('2026-06-30T23:30:00Z'))).toBe('12:30am on 1 July 2026');
    expect(formatGovukDateTime(new Date('2026-12-31T23:30:00Z'))).toBe('11:30pm on 31 December 2026');
    expect(formatGovukDate(new Date('2028-02-29T17:00:00Z'))).toBe('29 February 2028');
  });

  it('moves from GMT to BST at 1am UTC on the last Sunday of March', () => {
    expect(formatGovukDateTime(new Date('2026-03-29T00:59:00Z'))).toBe('12:59am on 29 March 2026');
    expect(formatGovukDateTime(new Date('2026-03-29T01:00:00Z'))).toBe('2am on 29 March 2026');
  });

  it('moves from BST back to GMT at 1am UTC on the last Sunday of October (1am London happens twice)', () => {
    expect(formatGovukDateTime(new Date('2026-10-25T00:30:00Z'))).toBe('1:30am on 25 October 2026');
    expect(formatGovukDateTime(new Date('2026-10-25T01:30:00Z'))).toBe('1:30am on 25 October 2026');
    expect(formatGovukDateTime(new Date('2026-10-25T17:00:00Z'), { weekday: true })).toBe('5pm on Sunday 25 October 2026');
  });

  it('writes a calendar date as it is, whatever the zone', () => {
    expect(formatGovukIsoDate('2022-01-01')).toBe('1 January 2022');
    expect(formatGovukIsoDate('2026-03-29')).toBe('29 March 2026');
    expect(() => formatGovukIsoDate('2026-02-30')).toThrow(RangeError);
    expect(() => formatGovukIsoDate('9 December')).toThrow(RangeError);
  });

  it('refuses an invalid Date rather than print "Invalid DateTime"', () => {
    expect(() => formatGovukDateTime(new Date('nope'))).toThrow(RangeError);
    expect(() => formatGovukTime(undefined as unknown as Date)).toThrow(RangeError);
  });
});

describe('a digest’s day', () => {
  it('names the London calendar date with its weekday, and refuses what is not a date', () => {
    expect(formatGovukIsoDay('2026-12-10')).toBe('Thursday 10 December 2026');
    expect(() => formatGovukIsoDay('2026-02-30')).toThrow(RangeError);
    expect(() => formatGovukIsoDay('10 December')).toThrow(RangeError);
  });
});
