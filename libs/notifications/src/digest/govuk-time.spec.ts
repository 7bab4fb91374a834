import { formatGovukDate, formatGovukDateTime, formatGovukDay, formatGovukTime } from './govuk-time';

const at = (iso: string) => new Date(iso);

describe('GOV.UK dates and times', () => {
  it('writes times the GOV.UK way, on the London clock', () => {
    expect(formatGovukTime(at('2026-12-09T17:00:00Z'))).toBe('5pm');
    expect(formatGovukTime(at('2026-12-09T10:30:00Z'))).toBe('10:30am');
    expect(formatGovukTime(at('2026-12-09T12:00:00Z'))).toBe('midday');
    expect(formatGovukTime(at('2026-12-09T00:00:00Z'))).toBe('midnight');
    expect(formatGovukTime(at('2026-12-09T00:05:00Z'))).toBe('12:05am');
    expect(formatGovukTime(at('2026-12-09T12:45:00Z'))).toBe('12:45pm');
    expect(formatGovukTime(at('2026-07-01T16:00:00Z'))).toBe('5pm'); // BST
  });

  it('writes the date and time as "5pm on 9 December 2026"', () => {
    expect(formatGovukDateTime(at('2026-12-09T17:00:00Z'))).toBe('5pm on 9 December 2026');
    expect(formatGovukDate(at('2026-07-01T23:30:00Z'))).toBe('2 July 2026'); // 00:30 BST the next day
    expect(formatGovukDay('2026-12-10')).toBe('Thursday 10 December 2026');
    // The last Sunday of October: 1:30am happens twice; both are written as London shows them.
    expect(formatGovukDateTime(at('2026-10-25T00:30:00Z'))).toBe('1:30am on 25 October 2026');
    expect(formatGovukDateTime(at('2026-10-25T01:30:00Z'))).toBe('1:30am on 25 October 2026');
    expect(formatGovukDateTime(at('2026-03-29T01:00:00Z'))).toBe('2am on 29 March 2026'); // spring forward
  });

  it('refuses an invalid date rather than write "Invalid DateTime"', () => {
    expect(() => formatGovukDateTime(new Date('nope'))).toThrow(RangeError);
    expect(() => formatGovukDay('2026-02-30')).toThrow(RangeError);
    expect(() => formatGovukDay('10 December')).toThrow(RangeError);
  });
});
