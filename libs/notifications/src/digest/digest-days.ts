import { DateTime } from 'luxon';
import { BankHolidays, fromLondonWallClock, londonIsoDate } from '@dhr/clocks';

/** One day's digest: the London working day it is for, and when it goes out. */
export interface DigestDay {
  day: string;
  at: Date;
}

const SATURDAY = 6;

/** Is this London date (YYYY-MM-DD) a day the digest goes out: Monday to Friday, not a bank holiday? */
export function isDigestDay(day: string, holidays: BankHolidays): boolean {
  const date = DateTime.fromISO(day, { zone: 'UTC' });
  if (!date.isValid) throw new Error(`not a date: ${day}`);
  return date.weekday < SATURDAY && !holidays.isHoliday(day);
}

/** The instant `digestTime` ("08:00") London time on `day` (GMT or BST as in force that day). */
export function digestInstant(day: string, digestTime: string): Date {
  return fromLondonWallClock(DateTime.fromISO(`${day}T${digestTime}`, { zone: 'UTC' }));
}

/**
 * The digest jobs to have in the queue at `now`: today's if today is a working day (its time
 * may be past: a worker that was down at 8am sends it when it is back, the same day), and
 * the next working day's. Never an earlier day's: a missed day is not sent the day after.
 */
export function digestDaysToPlan(now: Date, digestTime: string, holidays: BankHolidays): DigestDay[] {
  const today = londonIsoDate(now);
  const days: string[] = isDigestDay(today, holidays) ? [today] : [];
  let next = DateTime.fromISO(today, { zone: 'UTC' });
  do next = next.plus({ days: 1 });
  while (!isDigestDay(next.toISODate()!, holidays));
  days.push(next.toISODate()!);
  return days.map((day) => ({ day, at: digestInstant(day, digestTime) }));
}

/** Whole London calendar days from the date of `dueAt` to the date of `now` (0 when due earlier today). */
export function londonDaysOverdue(dueAt: Date, now: Date): number {
  const due = DateTime.fromISO(londonIsoDate(dueAt), { zone: 'UTC' });
  const today = DateTime.fromISO(londonIsoDate(now), { zone: 'UTC' });
  return Math.max(0, Math.round(today.diff(due, 'days').days));
}
