/**
 * A clock length or offset, as people write it in a rulebook: "1 month", "6 weeks",
 * "10 working days". Seconds and minutes exist so tests and demos can run clocks that
 * fall due in seconds. Usually exactly one unit is set; several are added in the
 * order listed in DURATION_UNITS (calendar units first, exact units last).
 */
export interface Duration {
  readonly months?: number;
  readonly weeks?: number;
  readonly days?: number;
  readonly workingDays?: number;
  readonly hours?: number;
  readonly minutes?: number;
  readonly seconds?: number;
}

export type DurationUnit = keyof Duration;

export const DURATION_UNITS: readonly DurationUnit[] = ['months', 'weeks', 'days', 'workingDays', 'hours', 'minutes', 'seconds'];

/** Units measured on the Europe/London calendar: they keep the local time of day. */
export const CALENDAR_UNITS: readonly DurationUnit[] = ['months', 'weeks', 'days'];

const EXACT_UNIT_MS: Readonly<Record<'hours' | 'minutes' | 'seconds', number>> = {
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1_000,
};

/** Short labels for stable ids ("14d", "1mo", "10wd"); "m" alone would be ambiguous. */
const UNIT_LABELS: Readonly<Record<DurationUnit, string>> = {
  months: 'mo',
  weeks: 'w',
  days: 'd',
  workingDays: 'wd',
  hours: 'h',
  minutes: 'min',
  seconds: 's',
};

/** Rough length of each unit in seconds, used only to put reminder offsets in order. */
const NOMINAL_SECONDS: Readonly<Record<DurationUnit, number>> = {
  months: 30.44 * 86_400,
  weeks: 7 * 86_400,
  days: 86_400,
  workingDays: (7 / 5) * 86_400,
  hours: 3_600,
  minutes: 60,
  seconds: 1,
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDurationUnit(key: string): key is DurationUnit {
  return (DURATION_UNITS as readonly string[]).includes(key);
}

/**
 * What is wrong with a value that should be a Duration, each message starting with
 * the path of the offending field (e.g. `clocks.imr.length.weeks must be ...`).
 * Empty when the value is a valid Duration.
 */
export function durationIssues(value: unknown, path: string): string[] {
  if (!isPlainObject(value)) {
    return [`${path} must be an object such as { "days": 7 }`];
  }
  const issues: string[] = [];
  const keys = Object.keys(value);
  for (const key of keys) {
    if (!isDurationUnit(key)) {
      issues.push(`${path}.${key} is not a duration unit (use one of ${DURATION_UNITS.join(', ')})`);
      continue;
    }
    const amount = value[key];
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) {
      issues.push(`${path}.${key} must be a non-negative integer`);
    }
  }
  if (!keys.some(isDurationUnit)) {
    issues.push(`${path} must have at least one unit (${DURATION_UNITS.join(', ')})`);
  }
  return issues;
}

export function isDuration(value: unknown): value is Duration {
  return durationIssues(value, 'duration').length === 0;
}

/** Throws when `value` is not a valid Duration; used at the edges of the arithmetic. */
export function assertDuration(value: unknown, path = 'duration'): asserts value is Duration {
  const issues = durationIssues(value, path);
  if (issues.length > 0) {
    throw new Error(issues.join('; '));
  }
}

export function isZeroDuration(d: Duration): boolean {
  return DURATION_UNITS.every((unit) => (d[unit] ?? 0) === 0);
}

export function hasCalendarPart(d: Duration): boolean {
  return CALENDAR_UNITS.some((unit) => (d[unit] ?? 0) !== 0);
}

/** Milliseconds of the exact units (hours, minutes, seconds) of a duration. */
export function exactMilliseconds(d: Duration): number {
  return (d.hours ?? 0) * EXACT_UNIT_MS.hours + (d.minutes ?? 0) * EXACT_UNIT_MS.minutes + (d.seconds ?? 0) * EXACT_UNIT_MS.seconds;
}

/**
 * The duration `factor` times over, unit by unit. Used for "the n-th repeat" so that
 * repeats of a month are taken from one anchor (31 Jan, 31 Mar, ...) rather than by
 * adding a month again and again (which would drift 31 Jan -> 28 Feb -> 28 Mar).
 */
export function scaleDuration(d: Duration, factor: number): Duration {
  const scaled: { -readonly [unit in DurationUnit]?: number } = {};
  for (const unit of DURATION_UNITS) {
    const amount = d[unit];
    if (amount !== undefined) {
      scaled[unit] = amount * factor;
    }
  }
  return scaled;
}

/** Unit by unit sum; used to compose "after" with "n x repeatEvery". */
export function sumDurations(a: Duration, b: Duration): Duration {
  const sum: { -readonly [unit in DurationUnit]?: number } = {};
  for (const unit of DURATION_UNITS) {
    if (a[unit] !== undefined || b[unit] !== undefined) {
      sum[unit] = (a[unit] ?? 0) + (b[unit] ?? 0);
    }
  }
  return sum;
}

/** Compact, stable label of a duration: `{ days: 14 }` -> "14d", `{ months: 1 }` -> "1mo". */
export function durationLabel(d: Duration): string {
  const parts = DURATION_UNITS.filter((unit) => (d[unit] ?? 0) !== 0).map((unit) => `${d[unit]}${UNIT_LABELS[unit]}`);
  return parts.length > 0 ? parts.join('') : '0s';
}

/** Approximate length in seconds; only for ordering offsets of mixed units. */
export function nominalSeconds(d: Duration): number {
  return DURATION_UNITS.reduce((total, unit) => total + (d[unit] ?? 0) * NOMINAL_SECONDS[unit], 0);
}
