import { DateTime, IANAZone } from 'luxon';

/** The zone every statutory clock is computed in, whatever the process TZ is. */
export const LONDON = 'Europe/London';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * Europe/London with its UTC offset remembered by UTC hour. Luxon asks Intl for the offset
 * of every instant it converts, which made planning the alarms of a page of clocks mostly
 * time-zone lookups; London's offset only ever changes on a UTC hour, and an hour is
 * remembered only when its first and last millisecond agree, so the answers are the same.
 */
class LondonZone extends IANAZone {
  private readonly byHour = new Map<number, number>();

  constructor() {
    super(LONDON);
  }

  override offset(ts: number): number {
    const hour = Math.floor(ts / HOUR_MS);
    const known = this.byHour.get(hour);
    if (known !== undefined) return known;
    const offset = super.offset(ts);
    if (super.offset(hour * HOUR_MS) === offset && super.offset(hour * HOUR_MS + HOUR_MS - 1) === offset) {
      if (this.byHour.size >= 100_000) this.byHour.clear();
      this.byHour.set(hour, offset);
    }
    return offset;
  }
}

const londonZone = new LondonZone();

/**
 * A London wall-clock reading (what a clock on a wall in London shows), held as a
 * luxon DateTime in the fixed UTC zone. Calendar arithmetic on it (plus months,
 * days, ...) can then never meet a daylight-saving change; the change is dealt with
 * once, when the reading is turned back into an instant by `fromLondonWallClock`.
 */
export type LondonWallClock = DateTime;

export function toLondonWallClock(instant: Date): LondonWallClock {
  const local = DateTime.fromMillis(instant.getTime(), { zone: londonZone });
  return local.setZone('UTC', { keepLocalTime: true });
}

/**
 * The instant at which London clocks show `wall`. Two readings need a rule:
 * - one that does not exist (the spring-forward gap, 01:00-01:59 on the last Sunday
 *   of March): it is read with the offset in force before the change, i.e. moved
 *   forward by the length of the gap: 01:30 becomes 02:30 BST. A deadline is never
 *   brought earlier than the wall time asked for.
 * - one that happens twice (01:00-01:59 on the last Sunday of October): the first
 *   occurrence (BST) is taken, so a deadline or reminder fires at the earlier moment
 *   and exactly once.
 * These are the same choices as Temporal's default `disambiguation: 'compatible'`.
 */
export function fromLondonWallClock(wall: LondonWallClock): Date {
  if (!wall.isValid) {
    throw new Error(`Invalid London wall-clock time: ${wall.invalidExplanation ?? 'unknown reason'}`);
  }
  return fromLondonWallMillis(wall.toMillis());
}

/**
 * `instant` plus calendar months and then days (weeks are seven days) at the same London time of day,
 * a month clipped to the end of a shorter one (31 January + 1 month = 28 February): what luxon's `plus`
 * does on a wall clock, done on the wall clock's milliseconds without building a DateTime (a caseload's
 * forecasts add a few lengths to every open review). Same rules as fromLondonWallClock for the result.
 */
export function addLondonCalendar(instant: Date, months: number, days: number): Date {
  const wall = new Date(instant.getTime() + londonZone.offset(instant.getTime()) * MINUTE_MS);
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    year,
    month,
    Math.min(wall.getUTCDate(), lastDay),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
  );
  return fromLondonWallMillis(shifted + days * DAY_MS);
}

/** The instant at which London clocks show the wall-clock reading `wallMs` (its fields read as UTC). */
function fromLondonWallMillis(wallMs: number): Date {
  // Offsets (minutes) a day either side: London changes at most once in 48 hours.
  const offsetBefore = londonZone.offset(wallMs - DAY_MS);
  const offsetAfter = londonZone.offset(wallMs + DAY_MS);
  const candidates = [offsetBefore, offsetAfter]
    .map((offset) => ({ offset, instantMs: wallMs - offset * MINUTE_MS }))
    .filter(({ offset, instantMs }) => londonZone.offset(instantMs) === offset)
    .map(({ instantMs }) => instantMs);
  if (candidates.length === 0) {
    return new Date(wallMs - offsetBefore * MINUTE_MS);
  }
  return new Date(Math.min(...candidates));
}

/** The London calendar date of an instant, as an ISO local date: "2026-12-25". */
export function londonIsoDate(instant: Date): string {
  return isoDateOf(toLondonWallClock(instant));
}

export function isoDateOf(wall: LondonWallClock): string {
  return wall.toFormat('yyyy-MM-dd');
}
