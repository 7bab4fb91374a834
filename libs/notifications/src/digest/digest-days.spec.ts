import { BankHolidays } from '@dhr/clocks';
import { digestDaysToPlan, digestInstant, isDigestDay, londonDaysOverdue } from './digest-days';

const holidays = BankHolidays.englandAndWales();
const at = (iso: string) => new Date(iso);
const plan = (now: string) => digestDaysToPlan(at(now), '08:00', holidays).map((d) => `${d.day}@${d.at.toISOString()}`);

describe('the digest days', () => {
  it('goes out Monday to Friday, never on a weekend or an England and Wales bank holiday', () => {
    expect(isDigestDay('2026-12-24', holidays)).toBe(true); // Thursday
    expect(isDigestDay('2026-12-25', holidays)).toBe(false); // Christmas Day
    expect(isDigestDay('2026-12-26', holidays)).toBe(false); // Saturday
    expect(isDigestDay('2026-12-27', holidays)).toBe(false); // Sunday
    expect(isDigestDay('2026-12-28', holidays)).toBe(false); // Boxing Day (substitute day)
    expect(isDigestDay('2026-12-29', holidays)).toBe(true);
    expect(isDigestDay('2027-03-26', holidays)).toBe(false); // Good Friday
  });

  it('is at 8am London time, GMT in winter and BST in summer', () => {
    expect(digestInstant('2026-12-09', '08:00').toISOString()).toBe('2026-12-09T08:00:00.000Z');
    expect(digestInstant('2026-07-01', '08:00').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    // Both daylight-saving changes fall on Sundays; the working days either side keep 8am local.
    expect(digestInstant('2027-03-26', '08:00').toISOString()).toBe('2027-03-26T08:00:00.000Z'); // Friday before, GMT
    expect(digestInstant('2027-03-29', '08:00').toISOString()).toBe('2027-03-29T07:00:00.000Z'); // Monday after, BST
    expect(digestInstant('2026-10-23', '08:00').toISOString()).toBe('2026-10-23T07:00:00.000Z'); // Friday before, BST
    expect(digestInstant('2026-10-26', '08:00').toISOString()).toBe('2026-10-26T08:00:00.000Z'); // Monday after, GMT
    expect(digestInstant('2026-12-09', '07:45').toISOString()).toBe('2026-12-09T07:45:00.000Z');
  });

  it('plans today (even past 8am: a worker back at 10am still sends it) and the next working day', () => {
    expect(plan('2026-12-09T06:00:00Z')).toEqual(['2026-12-09@2026-12-09T08:00:00.000Z', '2026-12-10@2026-12-10T08:00:00.000Z']);
    expect(plan('2026-12-09T10:00:00Z')).toEqual(['2026-12-09@2026-12-09T08:00:00.000Z', '2026-12-10@2026-12-10T08:00:00.000Z']);
  });

  it('plans nothing for a weekend or a bank holiday, and skips them to the next working day', () => {
    expect(plan('2026-12-24T09:00:00Z')).toEqual(['2026-12-24@2026-12-24T08:00:00.000Z', '2026-12-29@2026-12-29T08:00:00.000Z']);
    expect(plan('2026-12-26T09:00:00Z')).toEqual(['2026-12-29@2026-12-29T08:00:00.000Z']);
    // Friday night: Friday's (still today, if it never went) and Monday's.
    expect(plan('2026-11-27T23:30:00Z')).toEqual(['2026-11-27@2026-11-27T08:00:00.000Z', '2026-11-30@2026-11-30T08:00:00.000Z']);
  });

  it('takes the London date: 00:30 BST on a Saturday is still Saturday, not Friday', () => {
    expect(plan('2026-07-03T23:30:00Z')).toEqual(['2026-07-06@2026-07-06T07:00:00.000Z']);
  });

  it('counts days overdue on the London calendar, over month ends and a clock change', () => {
    expect(londonDaysOverdue(at('2026-12-09T17:00:00Z'), at('2026-12-10T08:00:00Z'))).toBe(1);
    expect(londonDaysOverdue(at('2026-12-09T17:00:00Z'), at('2026-12-09T17:30:00Z'))).toBe(0);
    expect(londonDaysOverdue(at('2026-11-30T17:00:00Z'), at('2026-12-01T08:00:00Z'))).toBe(1);
    expect(londonDaysOverdue(at('2027-02-26T17:00:00Z'), at('2027-03-01T08:00:00Z'))).toBe(3);
    expect(londonDaysOverdue(at('2026-10-23T16:00:00Z'), at('2026-10-26T08:00:00Z'))).toBe(3); // 5pm BST → 8am GMT
    expect(londonDaysOverdue(at('2026-10-05T16:00:00Z'), at('2026-12-04T08:00:00Z'))).toBe(60);
  });
});
