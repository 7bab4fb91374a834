/** GOV.UK date inputs (day, month, year, and an optional time) read as dates and instants in Europe/London. */

const ZONE = 'Europe/London';

/** Today's date in London as { day, month, year } strings, for a date input's default. */
export function todayParts(now: Date): { day: string; month: string; year: string } {
  const [year, month, day] = londonDay(now).split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** The London calendar date of an instant, YYYY-MM-DD. */
export function londonDay(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(instant);
}

/** Minutes London is ahead of UTC at an instant (0 or 60). */
function londonOffsetMinutes(instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .formatToParts(instant)
    .reduce<Record<string, string>>((all, p) => ({ ...all, [p.type]: p.value }), {});
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant of a London wall-clock time on a date. */
export function londonInstant(date: string, hour: number, minute: number): Date {
  const [y, m, d] = date.split('-').map(Number);
  const guess = new Date(Date.UTC(y, m - 1, d, hour, minute));
  const offset = londonOffsetMinutes(new Date(guess.getTime() - londonOffsetMinutes(guess) * 60_000));
  return new Date(guess.getTime() - offset * 60_000);
}

export type DateProblem = 'missing' | 'incomplete' | 'invalid' | 'time';

/** Day, month and year (and an optional "2:30pm" or "14:30" time) from a form, or what is wrong with them. */
export function readDate(
  body: Record<string, unknown>,
  name: string,
  withTime = false,
): { date: string; time: { hour: number; minute: number } | null } | { problem: DateProblem; parts: string[] } | null {
  const raw = (part: string) => (typeof body[`${name}-${part}`] === 'string' ? (body[`${name}-${part}`] as string).trim() : '');
  const day = raw('day');
  const month = raw('month');
  const year = raw('year');
  const timeText = withTime ? raw('time') : '';
  if (!day && !month && !year) return timeText ? { problem: 'missing', parts: ['day', 'month', 'year'] } : null;
  const missing = (['day', 'month', 'year'] as const).filter((p) => !{ day, month, year }[p]);
  if (missing.length) return { problem: 'incomplete', parts: missing };
  const wrong = [
    ...(!/^\d{1,2}$/.test(day) || Number(day) < 1 || Number(day) > 31 ? ['day'] : []),
    ...(!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12 ? ['month'] : []),
    ...(!/^\d{4}$/.test(year) ? ['year'] : []),
  ];
  if (wrong.length) return { problem: 'invalid', parts: wrong };
  const d = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (d.getUTCFullYear() !== Number(year) || d.getUTCMonth() !== Number(month) - 1 || d.getUTCDate() !== Number(day) || Number(year) < 1900)
    return { problem: 'invalid', parts: ['day', 'month', 'year'] };
  const date = d.toISOString().slice(0, 10);
  if (!timeText) return { date, time: null };
  const time = readTime(timeText);
  return time ? { date, time } : { problem: 'time', parts: ['time'] };
}

/** "2:30pm", "2pm", "11am", "14:30", "9.15", "midday", "midnight": a wall-clock time, or null. */
export function readTime(text: string): { hour: number; minute: number } | null {
  // The words the pages themselves write (a form filled in from a stored time says "midday").
  const word = text.trim().toLowerCase();
  if (word === 'midday') return { hour: 12, minute: 0 };
  if (word === 'midnight') return { hour: 0, minute: 0 };
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/i.exec(text.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] ? Number(m[2]) : 0;
  const half = m[3]?.toLowerCase().replace(/\./g, '');
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (hour > 23 || !m[2]) return null;
  return { hour, minute };
}
