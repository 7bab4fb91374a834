import { londonIsoDate } from './london-wall-clock';
import englandAndWalesData from './bank-holidays.england-and-wales.json';

const ISO_LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATA_FILE = 'libs/clocks/src/time/bank-holidays.england-and-wales.json';
const SOURCE = 'https://www.gov.uk/bank-holidays';

export interface BankHolidayEvent {
  date: string; // ISO local date, Europe/London
  title: string;
}

/** The shape of a shipped bank-holiday file; whole years firstYear..lastYear are covered. */
export interface BankHolidayData {
  division: string;
  firstYear: number;
  lastYear: number;
  events: readonly BankHolidayEvent[];
}

/** Thrown when a computation needs a day the shipped list does not cover. */
export class BankHolidayCoverageError extends Error {
  constructor(
    readonly date: string,
    readonly coversFrom: string,
    readonly coversUntil: string,
    division: string,
  ) {
    super(
      `Bank holidays for ${division} are only known from ${coversFrom} to ${coversUntil}, ` +
        `but ${date} is needed. Add the missing years to ${DATA_FILE} from ${SOURCE}.`,
    );
    this.name = 'BankHolidayCoverageError';
  }
}

function parseIsoLocalDate(value: string, what: string): { year: number; month: number; day: number } {
  const match = ISO_LOCAL_DATE.exec(value);
  if (!match) {
    throw new Error(`${what} must be an ISO local date (YYYY-MM-DD), got "${value}"`);
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new Error(`${what} is not a calendar date: "${value}"`);
  }
  return { year, month, day };
}

/**
 * The bank holidays of one division (England & Wales by default), shipped as data.
 * Every lookup checks the date is inside the years the data covers, so a deadline
 * computed past the end of the list fails loudly instead of quietly treating an
 * unknown bank holiday as a working day.
 */
export class BankHolidays {
  private static englandAndWalesCache: BankHolidays | undefined;

  private readonly holidays: ReadonlyMap<string, string>;

  constructor(private readonly data: BankHolidayData) {
    if (!Number.isInteger(data.firstYear) || !Number.isInteger(data.lastYear) || data.firstYear > data.lastYear) {
      throw new Error(`Bank holidays for ${data.division}: firstYear..lastYear is not a range of years`);
    }
    const holidays = new Map<string, string>();
    for (const [index, event] of data.events.entries()) {
      const { year } = parseIsoLocalDate(event.date, `events[${index}].date`);
      if (year < data.firstYear || year > data.lastYear) {
        throw new Error(`Bank holidays for ${data.division}: ${event.date} is outside ${data.firstYear}-${data.lastYear}`);
      }
      if (holidays.has(event.date)) {
        throw new Error(`Bank holidays for ${data.division}: ${event.date} is listed twice`);
      }
      holidays.set(event.date, event.title);
    }
    this.holidays = holidays;
  }

  /** England & Wales, from the shipped gov.uk data (parsed once). */
  static englandAndWales(): BankHolidays {
    BankHolidays.englandAndWalesCache ??= new BankHolidays(englandAndWalesData);
    return BankHolidays.englandAndWalesCache;
  }

  get division(): string {
    return this.data.division;
  }

  /** True when the London local date (YYYY-MM-DD) is a bank holiday. Throws outside coverage. */
  isHoliday(localIsoDate: string): boolean {
    this.assertCovers(localIsoDate);
    return this.holidays.has(localIsoDate);
  }

  /** The gov.uk title of a bank holiday, or undefined on other days. Throws outside coverage. */
  titleOf(localIsoDate: string): string | undefined {
    this.assertCovers(localIsoDate);
    return this.holidays.get(localIsoDate);
  }

  /** The first day covered, e.g. "2016-01-01". */
  coversFrom(): string {
    return `${this.data.firstYear}-01-01`;
  }

  /** The last day covered, e.g. "2028-12-31": the end of the last year in the data. */
  coversUntil(): string {
    return `${this.data.lastYear}-12-31`;
  }

  lastYearCovered(): number {
    return this.data.lastYear;
  }

  /** Bank holidays of one year, in date order. Throws outside coverage. */
  datesIn(year: number): string[] {
    this.assertCovers(`${year}-01-01`);
    return [...this.holidays.keys()].filter((date) => date.startsWith(`${year}-`)).sort();
  }

  /** Whether a London local date (or the London date of an instant) is covered. */
  covers(date: Date | string): boolean {
    const { year } = parseIsoLocalDate(this.localDateOf(date), 'date');
    return year >= this.data.firstYear && year <= this.data.lastYear;
  }

  /** Throws BankHolidayCoverageError when the date is outside the data. */
  assertCovers(date: Date | string): void {
    if (!this.covers(date)) {
      throw new BankHolidayCoverageError(this.localDateOf(date), this.coversFrom(), this.coversUntil(), this.division);
    }
  }

  private localDateOf(date: Date | string): string {
    return typeof date === 'string' ? date : londonIsoDate(date);
  }
}
