import { DateTime } from 'luxon';
import { LONDON } from '@dhr/clocks';

// GOV.UK style for times and dates, on the London wall clock whatever zone the server runs
// in: "5pm", "10:30am", "midday", "midnight"; "9 December 2026"; "5pm on 9 December 2026".
// (The email templates may grow their own: one will be folded into the other.)

function london(d: Date): DateTime {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new RangeError('Expected a valid Date');
  return DateTime.fromJSDate(d, { zone: LONDON });
}

export function formatGovukTime(d: Date): string {
  const t = london(d);
  if (t.minute === 0 && t.hour === 12) return 'midday';
  if (t.minute === 0 && t.hour === 0) return 'midnight';
  const hour = t.hour % 12 === 0 ? 12 : t.hour % 12;
  const minutes = t.minute === 0 ? '' : `:${String(t.minute).padStart(2, '0')}`;
  return `${hour}${minutes}${t.hour < 12 ? 'am' : 'pm'}`;
}

/** "9 December 2026". */
export function formatGovukDate(d: Date): string {
  return london(d).setLocale('en-GB').toFormat('d LLLL yyyy');
}

/** "Wednesday 9 December 2026", for a London calendar date given as YYYY-MM-DD. */
export function formatGovukDay(isoDate: string): string {
  const day = DateTime.fromISO(isoDate, { zone: 'UTC' });
  if (!day.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new RangeError(`Expected a date such as 2026-12-09, got ${isoDate}`);
  return day.setLocale('en-GB').toFormat('cccc d LLLL yyyy');
}

/** "5pm on 9 December 2026". */
export function formatGovukDateTime(d: Date): string {
  return `${formatGovukTime(d)} on ${formatGovukDate(d)}`;
}
