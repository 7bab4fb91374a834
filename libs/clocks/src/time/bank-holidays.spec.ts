import { BankHolidayCoverageError, BankHolidays } from './bank-holidays';
import { londonIsoDate } from './london-wall-clock';

const holidays = BankHolidays.englandAndWales();

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
const dayOfWeek = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay();
const shift = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Easter Sunday (Gregorian), by the anonymous "Meeus/Jones/Butcher" algorithm. */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

function mondays(year: number, month: number): number[] {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Array.from({ length: days }, (_, i) => i + 1).filter((day) => dayOfWeek(year, month, day) === 1);
}

/** The usual rules, written independently of the data, plus the known one-offs. */
function expectedHolidays(year: number): string[] {
  const dates: string[] = [];
  const newYear = dayOfWeek(year, 1, 1);
  dates.push(iso(year, 1, newYear === 6 ? 3 : newYear === 0 ? 2 : 1));
  const easter = easterSunday(year);
  dates.push(shift(easter, -2), shift(easter, 1));
  dates.push(year === 2020 ? '2020-05-08' : iso(year, 5, mondays(year, 5)[0]));
  dates.push(...(year === 2022 ? ['2022-06-02', '2022-06-03'] : [iso(year, 5, mondays(year, 5).at(-1) ?? 0)]));
  dates.push(iso(year, 8, mondays(year, 8).at(-1) ?? 0));
  const christmas = dayOfWeek(year, 12, 25);
  const christmasDays: Record<number, [number, number]> = { 5: [25, 28], 6: [27, 28], 0: [26, 27] };
  const [c1, c2] = christmasDays[christmas] ?? [25, 26];
  dates.push(iso(year, 12, c1), iso(year, 12, c2));
  const oneOffs: Record<number, string[]> = { 2022: ['2022-09-19'], 2023: ['2023-05-08'] };
  dates.push(...(oneOffs[year] ?? []));
  return dates.sort();
}

function coveredYears(): number[] {
  const first = Number(holidays.coversFrom().slice(0, 4));
  const last = holidays.lastYearCovered();
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

describe('England & Wales bank holidays', () => {
  it('covers at least 2018 to 2028', () => {
    expect(holidays.coversFrom() <= '2018-01-01').toBe(true);
    expect(holidays.coversUntil() >= '2028-12-31').toBe(true);
    expect(holidays.coversUntil()).toBe(`${holidays.lastYearCovered()}-12-31`);
  });

  it('is updated at least a year ahead of today (real date): update the list when this fails', () => {
    const thisYear = Number(londonIsoDate(new Date()).slice(0, 4));
    if (holidays.lastYearCovered() < thisYear + 1) {
      throw new Error(
        `The bank-holiday list ends ${holidays.coversUntil()}; working-day deadlines will soon fail. ` +
          'Add the coming years to libs/clocks/src/time/bank-holidays.england-and-wales.json from https://www.gov.uk/bank-holidays.',
      );
    }
  });

  it.each(coveredYears())('has Good Friday and Easter Monday of %i where a computed Easter puts them', (year) => {
    const easter = easterSunday(year);
    expect(holidays.isHoliday(shift(easter, -2))).toBe(true);
    expect(holidays.isHoliday(shift(easter, 1))).toBe(true);
  });

  it.each(coveredYears())('lists exactly the expected holidays of %i', (year) => {
    expect(holidays.datesIn(year)).toEqual(expectedHolidays(year));
  });

  it('knows Easter 2026 and Christmas 2026', () => {
    expect(holidays.titleOf('2026-04-03')).toBe('Good Friday');
    expect(holidays.titleOf('2026-04-06')).toBe('Easter Monday');
    expect(holidays.titleOf('2026-12-25')).toBe('Christmas Day');
    expect(holidays.titleOf('2026-12-28')).toBe('Boxing Day (substitute day)');
  });

  it('has the one-off changes', () => {
    expect(holidays.isHoliday('2020-05-08')).toBe(true); // VE day
    expect(holidays.isHoliday('2020-05-04')).toBe(false);
    expect(holidays.isHoliday('2022-06-02')).toBe(true);
    expect(holidays.isHoliday('2022-06-03')).toBe(true); // Platinum Jubilee
    expect(holidays.isHoliday('2022-05-30')).toBe(false);
    expect(holidays.isHoliday('2022-09-19')).toBe(true); // state funeral
    expect(holidays.isHoliday('2023-05-08')).toBe(true); // coronation
  });

  it('has substitute days when New Year, Christmas or Boxing Day fall at a weekend', () => {
    expect(holidays.datesIn(2021).slice(-2)).toEqual(['2021-12-27', '2021-12-28']);
    expect(holidays.datesIn(2022).slice(-2)).toEqual(['2022-12-26', '2022-12-27']);
    expect(holidays.isHoliday('2022-01-03')).toBe(true);
    expect(holidays.isHoliday('2028-01-03')).toBe(true);
  });

  it('only lists weekdays', () => {
    for (const year of coveredYears()) {
      for (const date of holidays.datesIn(year)) {
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
        expect([date, weekday >= 1 && weekday <= 5]).toEqual([date, true]);
      }
    }
  });

  it('throws a clear error outside the data instead of guessing', () => {
    expect(() => holidays.isHoliday('2029-01-01')).toThrow(BankHolidayCoverageError);
    expect(() => holidays.assertCovers('2015-12-31')).toThrow(/only known from 2016-01-01 to 2028-12-31, but 2015-12-31 is needed/);
    // Instants are judged by their London date.
    expect(() => holidays.assertCovers(new Date('2028-12-31T23:30:00Z'))).not.toThrow();
    expect(() => holidays.assertCovers(new Date('2029-06-30T23:30:00Z'))).toThrow('2029-07-01 is needed');
  });

  it('rejects bad data', () => {
    const base = { division: 'test', firstYear: 2026, lastYear: 2026 };
    expect(() => new BankHolidays({ ...base, events: [{ date: '2026-02-30', title: 'x' }] })).toThrow('not a calendar date');
    expect(() => new BankHolidays({ ...base, events: [{ date: '26-01-01', title: 'x' }] })).toThrow('ISO local date');
    expect(() => new BankHolidays({ ...base, events: [{ date: '2027-01-01', title: 'x' }] })).toThrow('outside');
    const twice = [
      { date: '2026-01-01', title: 'x' },
      { date: '2026-01-01', title: 'y' },
    ];
    expect(() => new BankHolidays({ ...base, events: twice })).toThrow('listed twice');
  });
});
