/** A London calendar day, `offsetDays` from today, as a GOV.UK date input's day, month and year (no leading zeros). */
export function londonDay(offsetDays = 0): { day: string; month: string; year: string } {
  const when = new Date(Date.now() + offsetDays * 86_400_000);
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(when).split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** The same day as a GOV.UK long date ("2 October 2026"), as the pages print it. */
export function longLondonDay(offsetDays = 0): string {
  const { day, month, year } = londonDay(offsetDays);
  const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, Number(month) - 1, 1)),
  );
  return `${day} ${monthName} ${year}`;
}
