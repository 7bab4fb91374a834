/** Dates and times as GOV.UK writes them, in Europe/London: "2 October 2026", "11am", "2:30pm", "midday". */
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** When a deadline falls due unless a person chose another time: the rulebook's `dueTime`, the end of the working day. */
const DUE_TIME = '5pm';

export function longDate(value: string | Date): string {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return LONG_DATE.format(date);
}

export function time(value: string | Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' })
    .formatToParts(new Date(value))
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  const hour = Number(parts.hour) === 0 ? 12 : Number(parts.hour);
  const suffix = (parts.dayPeriod ?? '').toLowerCase().replace(/\./g, '').replace(/\s/g, '');
  // GOV.UK style: "midday" and "midnight", not "12pm" and "12am".
  if (hour === 12 && parts.minute === '00') return suffix === 'pm' ? 'midday' : 'midnight';
  return `${hour}${parts.minute === '00' ? '' : `:${parts.minute}`}${suffix}`;
}

/**
 * A due date as people work to it: "5pm on 9 December 2026" at the end of the working day
 * (where every deadline falls unless a time was agreed), else "9 December 2026, 10:30am".
 */
export function dueDate(value: string | Date): string {
  const at = time(value);
  return at === DUE_TIME ? `${at} on ${longDate(value)}` : `${longDate(value)}, ${at}`;
}

/** Whole days from `now` to `due` in Europe/London calendar days (negative: past). */
export function daysUntil(due: string | Date, now: Date): number {
  const day = (d: Date) => {
    const [y, m, dd] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(d).split('-').map(Number);
    return Date.UTC(y, m - 1, dd) / 86_400_000;
  };
  return day(new Date(due)) - day(now);
}
