import { DateTime } from 'luxon';

/**
 * Times and dates in emails, in GOV.UK style on the Europe/London wall clock whatever zone the
 * server runs in (BST or GMT as in force on that date): "5pm", "10:30am", "midday", "midnight";
 * "9 December 2026"; "5pm on Wednesday 9 December 2026". No 24-hour clock, no "12pm".
 */
const UK_ZONE = 'Europe/London';
const UK_LOCALE = 'en-GB';

function toUk(d: Date): DateTime {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) {
    throw new RangeError('Expected a valid Date');
  }
  return DateTime.fromJSDate(d, { zone: UK_ZONE }).setLocale(UK_LOCALE);
}

/** "5pm", "10:30am", "midday", "midnight". */
export function formatGovukTime(d: Date): string {
  const t = toUk(d);
  if (t.minute === 0 && t.hour === 12) return 'midday';
  if (t.minute === 0 && t.hour === 0) return 'midnight';
  const hour = t.hour % 12 === 0 ? 12 : t.hour % 12;
  const minutes = t.minute === 0 ? '' : `:${String(t.minute).padStart(2, '0')}`;
  return `${hour}${minutes}${t.hour < 12 ? 'am' : 'pm'}`;
}

/** "9 December 2026", or with the day of the week "Wednesday 9 December 2026". */
export function formatGovukDate(d: Date, options: { weekday?: boolean } = {}): string {
  return toUk(d).toFormat(options.weekday ? 'cccc d LLLL yyyy' : 'd LLLL yyyy');
}

/** "5pm on 9 December 2026", or with the day of the week "5pm on Wednesday 9 December 2026". */
export function formatGovukDateTime(d: Date, options: { weekday?: boolean } = {}): string {
  return `${formatGovukTime(d)} on ${formatGovukDate(d, options)}`;
}

/** A calendar date kept as YYYY-MM-DD (a terms-of-reference period): "1 January 2022". */
export function formatGovukIsoDate(isoDate: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? DateTime.fromISO(isoDate, { zone: 'UTC' }) : null;
  if (!day?.isValid) throw new RangeError(`Expected a date such as 2026-12-09, got ${isoDate}`);
  return day.setLocale(UK_LOCALE).toFormat('d LLLL yyyy');
}

/** A London calendar date kept as YYYY-MM-DD, with the day of the week (a digest's day): "Thursday 10 December 2026". */
export function formatGovukIsoDay(isoDate: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? DateTime.fromISO(isoDate, { zone: 'UTC' }) : null;
  if (!day?.isValid) throw new RangeError(`Expected a date such as 2026-12-09, got ${isoDate}`);
  return day.setLocale(UK_LOCALE).toFormat('cccc d LLLL yyyy');
}
