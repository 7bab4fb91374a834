import { DateTime } from 'luxon';
import { LONDON } from '../london-wall-clock';

/** An instant written with its offset, e.g. "2026-10-22T14:00+01:00". */
export function instant(isoWithOffset: string): Date {
  const date = new Date(isoWithOffset);
  if (Number.isNaN(date.getTime())) {
    throw new Error(`bad test instant ${isoWithOffset}`);
  }
  return date;
}

/** How London clocks show an instant, with the zone abbreviation: "2026-11-22 14:00 GMT". */
export function london(date: Date): string {
  return DateTime.fromJSDate(date, { zone: LONDON }).toFormat('yyyy-MM-dd HH:mm:ss ZZZZ', { locale: 'en-GB' });
}
