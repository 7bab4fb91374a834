import { DateTime } from 'luxon';
import { Duration, DURATION_UNITS } from './duration';
import { fromLondonWallClock, londonIsoDate } from './london-wall-clock';

/**
 * Deadlines are dates: people work to "5pm on 9 December", not to the minute a
 * request happened to be sent. These place a date's deadline at the rulebook's due
 * time of day (e.g. "17:00") in London, whichever side of a clock change it falls.
 */

/** The instant London clocks show `timeOfDay` ("HH:MM") on the London date `isoDate` ("2026-12-09"). */
export function atLondonTime(isoDate: string, timeOfDay: string): Date {
  const [hour, minute] = timeOfDay.split(':').map(Number);
  const wall = DateTime.fromISO(isoDate, { zone: 'UTC' }).set({ hour, minute, second: 0, millisecond: 0 });
  if (!wall.isValid) throw new Error(`not a date: ${isoDate}`);
  return fromLondonWallClock(wall);
}

/** The same London date as `instant`, at `timeOfDay`. */
export function onSameLondonDateAt(instant: Date, timeOfDay: string): Date {
  return atLondonTime(londonIsoDate(instant), timeOfDay);
}

/** Is `instant` exactly `timeOfDay` on London clocks (a deadline set as a date)? */
export function isAtLondonTime(instant: Date, timeOfDay: string): boolean {
  return onSameLondonDateAt(instant, timeOfDay).getTime() === instant.getTime();
}

/** A length made of whole days (months, weeks, days, working days) ends on a date; hours, minutes or seconds do not. */
export function isWholeDays(length: Duration): boolean {
  return DURATION_UNITS.every((unit) => ['months', 'weeks', 'days', 'workingDays'].includes(unit) || !length[unit]);
}

/** An ISO calendar date with no time: "2026-12-09". */
export function isIsoDateOnly(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}
