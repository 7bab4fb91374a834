import { instant, london } from './__tests__/helpers';
import { BankHolidays } from './bank-holidays';
import { addDuration, LONDON, subtractDuration } from './london-time';
import { fromLondonWallClock, londonIsoDate, toLondonWallClock } from './london-wall-clock';
import { DateTime } from 'luxon';

const holidays = BankHolidays.englandAndWales();
const add = (start: string, d: Parameters<typeof addDuration>[1]) => addDuration(instant(start), d, holidays);

describe('London time', () => {
  it('never depends on the process time zone', () => {
    expect(LONDON).toBe('Europe/London');
    expect(process.env.TZ).toBe('UTC');
    expect(londonIsoDate(instant('2026-06-30T23:30Z'))).toBe('2026-07-01'); // 00:30 BST
  });

  describe('calendar months clip to the end of a shorter month', () => {
    it.each([
      ['2027-01-31T10:00Z', 1, '2027-02-28 10:00:00 GMT'], // 2027 not a leap year
      ['2028-01-31T10:00Z', 1, '2028-02-29 10:00:00 GMT'], // 2028 leap year
      ['2028-02-29T10:00Z', 1, '2028-03-29 10:00:00 BST'], // BST from 26 Mar 2028
      ['2028-02-29T10:00Z', 12, '2029-02-28 10:00:00 GMT'],
      ['2026-03-31T09:00+01:00', 1, '2026-04-30 09:00:00 BST'],
      ['2026-05-31T09:00+01:00', 1, '2026-06-30 09:00:00 BST'],
      ['2026-04-30T09:00+01:00', 1, '2026-05-30 09:00:00 BST'], // not "end of month"
      ['2026-08-31T09:00+01:00', 6, '2027-02-28 09:00:00 GMT'],
      ['2026-12-31T16:00Z', 2, '2027-02-28 16:00:00 GMT'],
    ])('%s + %i month(s) = %s', (start, months, expected) => {
      expect(london(add(start, { months }))).toBe(expected);
    });
  });

  describe('daylight saving: calendar units keep the local time of day', () => {
    it('a 1-month clock from 14:00 BST on 22 Oct 2026 falls due 14:00 GMT on 22 Nov (14:00Z)', () => {
      const due = add('2026-10-22T14:00+01:00', { months: 1 });
      expect(due.toISOString()).toBe('2026-11-22T14:00:00.000Z');
    });

    it('a 1-month clock from 10:00 GMT on 1 Mar 2026 falls due 10:00 BST on 1 Apr (09:00Z)', () => {
      const due = add('2026-03-01T10:00Z', { months: 1 });
      expect(due.toISOString()).toBe('2026-04-01T09:00:00.000Z');
    });

    it('days across the spring change: same local time, 23 hours later', () => {
      const due = add('2026-03-28T12:00Z', { days: 1 });
      expect(london(due)).toBe('2026-03-29 12:00:00 BST');
      expect(due.toISOString()).toBe('2026-03-29T11:00:00.000Z');
    });

    it('weeks across the autumn change: a 6-week IMR clock keeps 10:00', () => {
      expect(london(add('2026-10-01T10:00+01:00', { weeks: 6 }))).toBe('2026-11-12 10:00:00 GMT');
    });

    it('hours, minutes and seconds are exact elapsed time', () => {
      expect(add('2026-03-28T12:00Z', { hours: 24 }).toISOString()).toBe('2026-03-29T12:00:00.000Z');
      expect(london(add('2026-03-28T12:00Z', { hours: 24 }))).toBe('2026-03-29 13:00:00 BST');
      expect(add('2026-10-25T00:59:30Z', { seconds: 45 }).toISOString()).toBe('2026-10-25T01:00:15.000Z');
      expect(add('2026-10-25T00:30Z', { minutes: 90 }).toISOString()).toBe('2026-10-25T02:00:00.000Z');
    });
  });

  describe('local times that do not exist or happen twice', () => {
    it('a time in the spring-forward gap moves forward by the gap: 01:30 -> 02:30 BST', () => {
      const due = add('2026-03-28T01:30Z', { days: 1 });
      expect(london(due)).toBe('2026-03-29 02:30:00 BST');
      expect(due.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    });

    it('a repeated autumn time takes its first occurrence (BST)', () => {
      const due = add('2026-10-24T01:30+01:00', { days: 1 });
      expect(due.toISOString()).toBe('2026-10-25T00:30:00.000Z');
      expect(london(due)).toBe('2026-10-25 01:30:00 BST');
    });

    it('reading back either occurrence is deterministic', () => {
      const wall = DateTime.fromObject({ year: 2026, month: 10, day: 25, hour: 1, minute: 30 }, { zone: 'UTC' });
      expect(fromLondonWallClock(wall).toISOString()).toBe('2026-10-25T00:30:00.000Z');
      expect(toLondonWallClock(instant('2026-10-25T01:30Z')).toISO({ includeOffset: false })).toBe('2026-10-25T01:30:00.000');
    });

    it('a zero or exact duration from the second 01:30 keeps that instant', () => {
      expect(add('2026-10-25T01:30Z', { days: 0 }).toISOString()).toBe('2026-10-25T01:30:00.000Z');
      expect(add('2026-10-25T01:30Z', { seconds: 30 }).toISOString()).toBe('2026-10-25T01:30:30.000Z');
    });
  });

  describe('subtractDuration (reminder times)', () => {
    it('14 days before 14:00 GMT on 22 Nov is 14:00 GMT on 8 Nov', () => {
      const at = subtractDuration(instant('2026-11-22T14:00Z'), { days: 14 }, holidays);
      expect(london(at)).toBe('2026-11-08 14:00:00 GMT');
    });

    it('7 days before a due time across the autumn change keeps the local time', () => {
      const at = subtractDuration(instant('2026-10-29T09:00Z'), { days: 7 }, holidays);
      expect(london(at)).toBe('2026-10-22 09:00:00 BST');
      expect(at.toISOString()).toBe('2026-10-22T08:00:00.000Z');
    });

    it('1 month before 31 Mar is 28 Feb, and 1 working day before Easter Tuesday is Maundy Thursday', () => {
      expect(london(subtractDuration(instant('2027-03-31T12:00+01:00'), { months: 1 }, holidays))).toBe('2027-02-28 12:00:00 GMT');
      expect(london(subtractDuration(instant('2026-04-07T12:00+01:00'), { workingDays: 1 }, holidays))).toBe('2026-04-02 12:00:00 BST');
    });

    it('exact units are exact', () => {
      expect(subtractDuration(instant('2026-03-29T03:00+01:00'), { hours: 2 }, holidays).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    });
  });

  it('working days in a duration skip weekends and bank holidays', () => {
    expect(london(add('2026-12-24T09:00Z', { workingDays: 1 }))).toBe('2026-12-29 09:00:00 GMT');
  });

  it('rejects durations that are not non-negative integers', () => {
    expect(() => add('2026-01-01T00:00Z', { days: -1 })).toThrow('duration.days must be a non-negative integer');
    expect(() => add('2026-01-01T00:00Z', { weeks: 1.5 })).toThrow('duration.weeks must be a non-negative integer');
    expect(() => add('2026-01-01T00:00Z', {})).toThrow('duration must have at least one unit');
  });
});
