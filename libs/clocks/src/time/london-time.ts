import { BankHolidays } from './bank-holidays';
import { assertDuration, Duration, exactMilliseconds, hasCalendarPart } from './duration';
import { fromLondonWallClock, toLondonWallClock } from './london-wall-clock';
import { addWorkingDays, subtractWorkingDays } from './working-days';

export { LONDON } from './london-wall-clock';

function calendarPart(d: Duration): { months: number; weeks: number; days: number } {
  return { months: d.months ?? 0, weeks: d.weeks ?? 0, days: d.days ?? 0 };
}

/**
 * `start` + `d`, on the Europe/London calendar:
 * - months are calendar months, clipped to the end of a shorter month
 *   (31 Jan + 1 month = 28 Feb, or 29 Feb in a leap year), at the same local time;
 * - weeks and days keep the same LOCAL time of day across daylight-saving changes
 *   (14:00 BST on 22 Oct + 1 month = 14:00 GMT on 22 Nov);
 * - working days skip weekends and bank holidays (see addWorkingDays);
 * - hours, minutes and seconds are exact elapsed time.
 * Units are applied in that order. A local time that does not exist or happens twice
 * is resolved as documented on fromLondonWallClock (gap: moved forward; repeated hour:
 * first occurrence). `holidays` is only consulted for working days.
 */
export function addDuration(start: Date, d: Duration, holidays: BankHolidays): Date {
  assertDuration(d);
  let result = new Date(start.getTime());
  if (hasCalendarPart(d)) {
    result = fromLondonWallClock(toLondonWallClock(result).plus(calendarPart(d)));
  }
  if (d.workingDays) {
    result = addWorkingDays(result, d.workingDays, holidays);
  }
  return new Date(result.getTime() + exactMilliseconds(d));
}

/**
 * `due` - `d`: the mirror of addDuration, used for reminder times. "14 days before"
 * is the same London local time 14 calendar days earlier; "1 month before 31 Mar" is
 * 28/29 Feb. Units are taken off in the reverse order of addDuration.
 */
export function subtractDuration(due: Date, d: Duration, holidays: BankHolidays): Date {
  assertDuration(d);
  let result = new Date(due.getTime() - exactMilliseconds(d));
  if (d.workingDays) {
    result = subtractWorkingDays(result, d.workingDays, holidays);
  }
  if (hasCalendarPart(d)) {
    result = fromLondonWallClock(toLondonWallClock(result).minus(calendarPart(d)));
  }
  return result;
}
