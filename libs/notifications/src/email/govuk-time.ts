import { DateTime } from 'luxon';

/**
 * Deadlines are statutory times in England and Wales, so emails show them on the
 * Europe/London wall clock whatever zone the server runs in (BST or GMT as in force
 * on that date). A 24-hour clock avoids "12:00 am/pm" confusion.
 */
const UK_ZONE = 'Europe/London';
const UK_LOCALE = 'en-GB';

function toUkDateTime(d: Date): DateTime {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) {
    throw new RangeError('Expected a valid Date');
  }
  return DateTime.fromJSDate(d, { zone: UK_ZONE }).setLocale(UK_LOCALE);
}

/** "Friday 6 March 2026, 17:00" — UK local date and time. */
export function formatUkDateTime(d: Date): string {
  return toUkDateTime(d).toFormat('cccc d LLLL yyyy, HH:mm');
}

/** "Friday 6 March 2026" — the UK local calendar date. */
export function formatUkDate(d: Date): string {
  return toUkDateTime(d).toFormat('cccc d LLLL yyyy');
}
