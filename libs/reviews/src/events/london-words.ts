import { DateTime } from 'luxon';

/** "12 March 2026, 10:30am" (London, GOV.UK style): for messages that name when a fact happened. */
export function londonDateTimeWords(at: Date): string {
  const local = DateTime.fromJSDate(at, { zone: 'Europe/London' });
  const minutes = local.minute === 0 ? '' : `:${local.toFormat('mm')}`;
  const time =
    local.minute === 0 && (local.hour === 12 || local.hour === 0)
      ? local.hour === 12
        ? 'midday'
        : 'midnight'
      : `${local.toFormat('h')}${minutes}${local.hour < 12 ? 'am' : 'pm'}`;
  return `${local.toFormat('d MMMM yyyy')}, ${time}`;
}
