import { DateTime } from 'luxon';
import { fromLondonWallClock, LONDON } from '@dhr/clocks';

/** Older than this is a typing error, not a chronology entry. */
const EARLIEST_YEAR = 1900;

/** A chronology date: a London calendar day, with a time of day when the agency gave one. */
export interface ChronologyDate {
  /** `YYYY-MM-DD`, or an ISO date-time with the London offset (`2024-03-31T02:30:00+01:00`). */
  iso: string;
  /** The London calendar day, for sorting and the future check. */
  day: string;
  /** The instant when a time was given; null for a date alone (sorted before any time on its day). */
  instant: number | null;
}

export type DateReading = { ok: true; date: ChronologyDate } | { ok: false; reason: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T,]+(\d{1,2}):(\d{2}))?$/;

const fail = (reason: string): DateReading => ({ ok: false, reason });
const DATE_FORMATS = 'must be a date: YYYY-MM-DD, an ISO date-time, or DD/MM/YYYY with an optional HH:mm';

/**
 * Reads a date as agencies write it: ISO `YYYY-MM-DD`, an ISO date-time (with or without an offset; without
 * one it is London time), or UK `DD/MM/YYYY` with an optional `HH:mm`. Impossible dates (31/02/2024), London
 * times that never happened (the hour skipped when clocks go forward) and dates after `now` are refused.
 */
export function readChronologyDate(text: string, now: Date): DateReading {
  const value = text.trim();
  let m = ISO_DATE.exec(value);
  if (m) return calendarDay(+m[1], +m[2], +m[3], now);
  m = UK_DATE.exec(value);
  if (m) {
    if (m[4] === undefined) return calendarDay(+m[3], +m[2], +m[1], now);
    return londonWallClock({ year: +m[3], month: +m[2], day: +m[1], hour: +m[4], minute: +m[5] }, now);
  }
  m = ISO_DATE_TIME.exec(value);
  if (m) {
    const wall = { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: m[6] ? +m[6] : 0 };
    if (m[8]) return withOffset(wall, m[8], now);
    return londonWallClock(wall, now);
  }
  return fail(DATE_FORMATS);
}

/**
 * A spreadsheet date cell: exceljs gives a Date whose UTC fields are what the cell shows (spreadsheets have no
 * zones), read here as London wall-clock time; midnight exactly is a date without a time.
 */
export function readSpreadsheetDate(cell: Date, now: Date): DateReading {
  if (Number.isNaN(cell.getTime())) return fail('is not a valid date');
  const wall = {
    year: cell.getUTCFullYear(),
    month: cell.getUTCMonth() + 1,
    day: cell.getUTCDate(),
    hour: cell.getUTCHours(),
    minute: cell.getUTCMinutes(),
    second: cell.getUTCSeconds(),
  };
  if (wall.hour === 0 && wall.minute === 0 && wall.second === 0) return calendarDay(wall.year, wall.month, wall.day, now);
  return londonWallClock(wall, now);
}

/** The spreadsheet cell value (UTC fields = London wall clock) that shows this date. */
export function spreadsheetValueOf(date: ChronologyDate): Date {
  if (date.instant === null) return new Date(`${date.day}T00:00:00Z`);
  const wall = DateTime.fromMillis(date.instant, { zone: LONDON });
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second));
}

/** Why this day and time cannot be, or null. */
function wallProblem(wall: Wall): string | null {
  if (!DateTime.fromObject({ year: wall.year, month: wall.month, day: wall.day }, { zone: 'UTC' }).isValid)
    return `is not a real date (${impossible(wall.year, wall.month, wall.day)})`;
  if (wall.year < EARLIEST_YEAR) return `is before ${EARLIEST_YEAR}`;
  if (wall.hour > 23 || wall.minute > 59 || (wall.second ?? 0) > 59) return 'has a time that does not exist (hours 00-23, minutes 00-59)';
  return null;
}

function calendarDay(year: number, month: number, day: number, now: Date): DateReading {
  const problem = wallProblem({ year, month, day, hour: 0, minute: 0 });
  if (problem) return fail(problem);
  const iso = DateTime.fromObject({ year, month, day }, { zone: 'UTC' }).toFormat('yyyy-MM-dd');
  if (iso > londonDay(now)) return fail('is in the future');
  return { ok: true, date: { iso, day: iso, instant: null } };
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

function londonWallClock(wall: Wall, now: Date): DateReading {
  const problem = wallProblem(wall);
  if (problem) return fail(problem);
  const local = DateTime.fromObject(wall, { zone: LONDON });
  // Luxon moves a time in the spring-forward gap on by an hour; such a reading never happened in London.
  if (!local.isValid || local.hour !== wall.hour || local.minute !== wall.minute)
    return fail('is a London time that did not happen (the clocks went forward that night)');
  // An hour that happened twice (clocks going back) is read as the first, British Summer Time one, as clocks do.
  const instant = fromLondonWallClock(DateTime.fromObject(wall, { zone: 'UTC' }));
  return timed(DateTime.fromJSDate(instant, { zone: LONDON }), now);
}

function withOffset(wall: Wall, offset: string, now: Date): DateReading {
  const problem = wallProblem(wall);
  if (problem) return fail(problem);
  const zone = offset.toUpperCase() === 'Z' ? 'UTC' : `UTC${offset.slice(0, 3)}:${offset.slice(-2)}`;
  const instant = DateTime.fromObject(wall, { zone });
  if (!instant.isValid) return fail('has an offset that is not valid');
  return timed(instant.setZone(LONDON), now);
}

function timed(local: DateTime, now: Date): DateReading {
  const london = local.setZone(LONDON);
  if (london.year < EARLIEST_YEAR) return fail(`is before ${EARLIEST_YEAR}`);
  if (london.toMillis() > now.getTime()) return fail('is in the future');
  const iso = london.toISO({ suppressMilliseconds: true, includeOffset: true })!;
  return { ok: true, date: { iso, day: london.toFormat('yyyy-MM-dd'), instant: london.toMillis() } };
}

function londonDay(now: Date): string {
  return DateTime.fromJSDate(now, { zone: LONDON }).toFormat('yyyy-MM-dd');
}

function impossible(year: number, month: number, day: number): string {
  if (month < 1 || month > 12) return 'there is no month ' + month;
  const last = DateTime.fromObject({ year, month }, { zone: 'UTC' }).daysInMonth ?? 31;
  return day < 1 ? 'there is no day 0' : `${DateTime.fromObject({ year, month }, { zone: 'UTC' }).toFormat('LLLL yyyy')} has ${last} days`;
}
