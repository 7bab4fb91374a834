import { instant, london } from './__tests__/helpers';
import { BankHolidayCoverageError, BankHolidays } from './bank-holidays';
import { addWorkingDays, isWorkingDay, subtractWorkingDays } from './working-days';

const holidays = BankHolidays.englandAndWales();
const addWd = (start: string, n: number) => london(addWorkingDays(instant(start), n, holidays));
const subWd = (due: string, n: number) => london(subtractWorkingDays(instant(due), n, holidays));

describe('working days (England & Wales)', () => {
  describe('Easter 2026: Good Friday 3 April, Easter Monday 6 April', () => {
    it('Maundy Thursday + 1 working day is the Tuesday after Easter', () => {
      expect(addWd('2026-04-02T10:00+01:00', 1)).toBe('2026-04-07 10:00:00 BST');
    });

    it('a 10-working-day scoping return from Mon 30 March falls due Wed 15 April', () => {
      expect(addWd('2026-03-30T09:00+01:00', 10)).toBe('2026-04-15 09:00:00 BST');
    });

    it('Good Friday and Easter Monday are not working days', () => {
      expect(isWorkingDay(instant('2026-04-03T12:00+01:00'), holidays)).toBe(false);
      expect(isWorkingDay(instant('2026-04-06T12:00+01:00'), holidays)).toBe(false);
      expect(isWorkingDay(instant('2026-04-07T12:00+01:00'), holidays)).toBe(true);
    });
  });

  describe('Christmas 2026: Fri 25 Dec, Mon 28 Dec (substitute Boxing Day), Fri 1 Jan', () => {
    it('Christmas Eve + 1 working day is Tue 29 Dec', () => {
      expect(addWd('2026-12-24T09:00Z', 1)).toBe('2026-12-29 09:00:00 GMT');
    });

    it('New Year’s Eve + 1 working day is Mon 4 Jan 2027', () => {
      expect(addWd('2026-12-31T09:00Z', 1)).toBe('2027-01-04 09:00:00 GMT');
    });

    it('Sat 26 Dec is a weekend day, not a bank holiday; Mon 28 Dec is the bank holiday', () => {
      expect(holidays.isHoliday('2026-12-26')).toBe(false);
      expect(holidays.isHoliday('2026-12-28')).toBe(true);
      expect(isWorkingDay(instant('2026-12-28T12:00Z'), holidays)).toBe(false);
    });
  });

  describe('a start on a non-working day counts from the next working day', () => {
    it('Saturday + 1 working day = Tuesday; Saturday + 0 = Monday', () => {
      expect(addWd('2026-12-19T10:00Z', 1)).toBe('2026-12-22 10:00:00 GMT');
      expect(addWd('2026-12-19T10:00Z', 0)).toBe('2026-12-21 10:00:00 GMT');
    });

    it('Good Friday + 1 working day = Wednesday after Easter', () => {
      expect(addWd('2026-04-03T15:00+01:00', 1)).toBe('2026-04-08 15:00:00 BST');
    });

    it('+ 0 working days: the next working day from a Sunday, the start itself on a working day', () => {
      const start = instant('2026-10-25T01:30Z'); // Sunday, second 01:30: not a working day
      expect(london(addWorkingDays(start, 0, holidays))).toBe('2026-10-26 01:30:00 GMT');
      const monday = instant('2026-10-26T11:11:11.123Z');
      expect(addWorkingDays(monday, 0, holidays)).toEqual(monday);
    });
  });

  it('keeps the local time of day across the spring change', () => {
    expect(addWd('2026-03-27T14:00Z', 1)).toBe('2026-03-30 14:00:00 BST');
  });

  it('subtracts: the n-th working day strictly before the due date', () => {
    expect(subWd('2026-04-07T10:00+01:00', 1)).toBe('2026-04-02 10:00:00 BST');
    expect(subWd('2026-12-19T10:00Z', 1)).toBe('2026-12-18 10:00:00 GMT'); // Saturday -> Friday
    expect(subWd('2026-12-29T10:00Z', 2)).toBe('2026-12-23 10:00:00 GMT');
    expect(subWd('2026-12-29T10:00Z', 0)).toBe('2026-12-29 10:00:00 GMT');
  });

  it('rejects a negative or fractional count', () => {
    expect(() => addWorkingDays(instant('2026-01-05T09:00Z'), -1, holidays)).toThrow('non-negative integer');
    expect(() => addWorkingDays(instant('2026-01-05T09:00Z'), 1.5, holidays)).toThrow('non-negative integer');
  });

  it('fails loudly when the count runs past the bank-holiday data', () => {
    const start = instant('2028-12-20T09:00Z');
    expect(() => addWorkingDays(start, 10, holidays)).toThrow(BankHolidayCoverageError);
    expect(() => addWorkingDays(start, 10, holidays)).toThrow(/2029-01-0\d is needed.*bank-holidays\.england-and-wales\.json/);
    // ...even when the first unknown day is a weekend.
    expect(() => isWorkingDay(instant('2029-01-06T12:00Z'), holidays)).toThrow(BankHolidayCoverageError);
  });
});
