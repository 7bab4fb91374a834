import { BankHolidays } from './bank-holidays';
import { assertDuration, Duration, durationLabel, isZeroDuration, scaleDuration, sumDurations } from './duration';
import { addDuration, subtractDuration } from './london-time';

/** When a clock began and when it falls due (already computed, holds included). */
export interface ClockPeriod {
  readonly startedAt: Date;
  readonly dueAt: Date;
}

export type EscalationRecipient = 'coordinators' | 'csp_chair';

/**
 * Escalation of an unmet clock: at dueAt to `firstTo`; `after` that, to the CSP chair
 * as well; then again every `repeatEvery` until met.
 */
export interface EscalationRule {
  readonly firstTo: 'coordinators';
  readonly after: Duration;
  readonly repeatEvery: Duration;
  /**
   * How many repeats (steps 2, 3, …) are sent as emails of their own after the first
   * two steps; beyond them an overdue clock is in the daily digest only. 0 by default.
   */
  readonly maxRepeats: number;
}

/** The part of a clock's rule that decides its alarms. */
export interface AlarmRule {
  readonly reminders: readonly Duration[];
  readonly escalation: EscalationRule;
}

export interface ReminderAlarm {
  /** Stable id of the step, e.g. "reminder-14d"; the same for every run of the schedule. */
  readonly step: string;
  readonly at: Date;
  readonly before: Duration;
}

export interface EscalationAlarm {
  /** Stable id of the step, e.g. "escalation-0" (at due), "escalation-1" (CSP chair added). */
  readonly step: string;
  readonly index: number;
  readonly at: Date;
  readonly to: readonly EscalationRecipient[];
}

export interface AlarmSchedule {
  readonly reminders: ReminderAlarm[];
  readonly escalations: EscalationAlarm[];
}

/** How many escalation steps alarmSchedule lists unless told otherwise. */
export const DEFAULT_ESCALATION_STEPS = 3;

/** Safety stop for latestEscalationIndex on absurd inputs (a 1-second repeat over years). */
const MAX_ESCALATION_STEPS = 100_000;

export function reminderStepId(before: Duration): string {
  return `reminder-${durationLabel(before)}`;
}

export function escalationStepId(index: number): string {
  return `escalation-${index}`;
}

/**
 * The reminders of a clock, earliest first: each offset taken back from dueAt on the
 * London calendar (so across a daylight-saving change a reminder keeps the local time
 * of day of the due time).
 *
 * Dropped:
 * - offsets that land at or before startedAt. The owner has just been given the task
 *   (with its due date) when the clock starts, so a reminder "before the clock began"
 *   would only be noise; a 10-working-day clock thus gets its 7- and 1-day reminders
 *   but no 14-day one. (Reminders that are merely in the past because a clock was
 *   recorded late are a different matter: see remindersToSendOnCreation.)
 * - offsets that land at or after dueAt (zero offsets): that moment belongs to the
 *   first escalation.
 * - duplicates: two offsets naming the same step id or the same instant (e.g. 7 days
 *   and 1 week) give one reminder, so nothing is ever sent twice.
 */
export function reminderAlarms(clock: ClockPeriod, reminders: readonly Duration[], holidays: BankHolidays): ReminderAlarm[] {
  const startedMs = clock.startedAt.getTime();
  const dueMs = clock.dueAt.getTime();
  const seenSteps = new Set<string>();
  const seenInstants = new Set<number>();
  const alarms: ReminderAlarm[] = [];
  for (const before of reminders) {
    const step = reminderStepId(before);
    const at = subtractDuration(clock.dueAt, before, holidays);
    const atMs = at.getTime();
    if (atMs <= startedMs || atMs >= dueMs || seenSteps.has(step) || seenInstants.has(atMs)) {
      continue;
    }
    seenSteps.add(step);
    seenInstants.add(atMs);
    alarms.push({ step, at, before });
  }
  return alarms.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * Escalation step `stepIndex` (0-based) of a clock due at `dueAt`:
 * - 0: at dueAt, to the coordinators;
 * - 1: at dueAt + after, to the coordinators and the CSP chair;
 * - n >= 2: at dueAt + after + (n - 1) x repeatEvery, to both.
 * Repeats are measured from one anchor (not by adding to the previous step) so that
 * monthly repeats do not drift at month ends.
 */
export function escalationAt(dueAt: Date, stepIndex: number, escalation: EscalationRule, holidays: BankHolidays): EscalationAlarm {
  if (!Number.isSafeInteger(stepIndex) || stepIndex < 0) {
    throw new Error(`stepIndex must be a non-negative integer, got ${stepIndex}`);
  }
  const step = escalationStepId(stepIndex);
  if (stepIndex === 0) {
    return { step, index: 0, at: new Date(dueAt.getTime()), to: [escalation.firstTo] };
  }
  const sinceDue = sumDurations(escalation.after, scaleDuration(escalation.repeatEvery, stepIndex - 1));
  return {
    step,
    index: stepIndex,
    at: addDuration(dueAt, sinceDue, holidays),
    to: [escalation.firstTo, 'csp_chair'],
  };
}

/**
 * The index of the latest escalation step due at or before `now`, or null when the
 * clock is not yet due. For a clock found overdue (recorded late, or a worker that
 * was down): send that one step at once and schedule the next, never a burst.
 */
export function latestEscalationIndex(dueAt: Date, now: Date, escalation: EscalationRule, holidays: BankHolidays): number | null {
  if (now.getTime() < dueAt.getTime()) {
    return null;
  }
  assertDuration(escalation.repeatEvery, 'escalation.repeatEvery');
  if (isZeroDuration(escalation.repeatEvery)) {
    throw new Error('escalation.repeatEvery must be longer than zero');
  }
  let index = 0;
  while (index < MAX_ESCALATION_STEPS) {
    const next = escalationAt(dueAt, index + 1, escalation, holidays);
    if (next.at.getTime() > now.getTime()) {
      return index;
    }
    index += 1;
  }
  return index;
}

/** Reminders plus the first `escalationSteps` escalation steps of a clock. */
export function alarmSchedule(
  clock: ClockPeriod,
  rule: AlarmRule,
  holidays: BankHolidays,
  escalationSteps: number = DEFAULT_ESCALATION_STEPS,
): AlarmSchedule {
  const escalations: EscalationAlarm[] = [];
  for (let index = 0; index < escalationSteps; index += 1) {
    escalations.push(escalationAt(clock.dueAt, index, rule.escalation, holidays));
  }
  return { reminders: reminderAlarms(clock, rule.reminders, holidays), escalations };
}

/**
 * The reminders to schedule when a clock is created at `now` (clocks are often
 * recorded after the fact, so some reminder times may already have passed): all
 * future ones, plus only the LATEST past one, which is to be sent at once. Never a
 * burst of stale reminders. A reminder exactly at `now` counts as past (send now).
 * Returned earliest first; at most the first element has `at <= now`.
 */
export function remindersToSendOnCreation<T extends { readonly at: Date }>(now: Date, reminders: readonly T[]): T[] {
  const nowMs = now.getTime();
  const sorted = [...reminders].sort((a, b) => a.at.getTime() - b.at.getTime());
  const past = sorted.filter((reminder) => reminder.at.getTime() <= nowMs);
  const future = sorted.filter((reminder) => reminder.at.getTime() > nowMs);
  const latestPast = past.at(-1);
  return latestPast ? [latestPast, ...future] : future;
}
