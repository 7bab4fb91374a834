import { BankHolidays } from './bank-holidays';
import { fromLondonWallClock, isoDateOf, LondonWallClock, toLondonWallClock } from './london-wall-clock';

const SATURDAY = 6;
const SUNDAY = 7;

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new Error(`${what} must be a non-negative integer, got ${n}`);
  }
}

function isWorkingWallDay(wall: LondonWallClock, holidays: BankHolidays): boolean {
  // isHoliday checks coverage first, so even a weekend past the data fails loudly.
  const holiday = holidays.isHoliday(isoDateOf(wall));
  return !holiday && wall.weekday !== SATURDAY && wall.weekday !== SUNDAY;
}

/** True when the London date of `instant` is Monday-Friday and not a bank holiday. */
export function isWorkingDay(instant: Date, holidays: BankHolidays): boolean {
  return isWorkingWallDay(toLondonWallClock(instant), holidays);
}

/**
 * `n` working days after `start`, at the same London local time of day, skipping
 * Saturdays, Sundays and bank holidays.
 *
 * When `start` falls on a non-working day the count begins from the next working day
 * (a request sent on Saturday is treated as sent on Monday at the same time), so
 * Saturday + 1 working day = Tuesday, and Saturday + 0 = Monday. From a working day,
 * + 0 returns `start` unchanged.
 */
export function addWorkingDays(start: Date, n: number, holidays: BankHolidays): Date {
  assertCount(n, 'workingDays');
  const startWall = toLondonWallClock(start);
  let wall = startWall;
  while (!isWorkingWallDay(wall, holidays)) {
    wall = wall.plus({ days: 1 });
  }
  for (let remaining = n; remaining > 0;) {
    wall = wall.plus({ days: 1 });
    if (isWorkingWallDay(wall, holidays)) {
      remaining -= 1;
    }
  }
  // Unchanged: return the instant itself (in the repeated autumn hour a round trip
  // through the wall clock would pick the first occurrence).
  return wall.equals(startWall) ? new Date(start.getTime()) : fromLondonWallClock(wall);
}

/**
 * The `n`-th working day strictly before the London date of `due`, at the same local
 * time of day. Used for reminders such as "2 working days before". A due date on a
 * non-working day is not moved first: 1 working day before a Saturday is the Friday.
 */
export function subtractWorkingDays(due: Date, n: number, holidays: BankHolidays): Date {
  assertCount(n, 'workingDays');
  if (n === 0) {
    return new Date(due.getTime());
  }
  let wall = toLondonWallClock(due);
  for (let remaining = n; remaining > 0;) {
    wall = wall.minus({ days: 1 });
    if (isWorkingWallDay(wall, holidays)) {
      remaining -= 1;
    }
  }
  return fromLondonWallClock(wall);
}
