import { AlarmRule, BankHolidays, ClockPeriod, EscalationRule, escalationAt, latestEscalationIndex, reminderAlarms } from './time';

export interface PlannedAlarm {
  step: string;
  at: Date;
  kind: 'reminder' | 'escalation';
  escalationIndex?: number;
}

/**
 * The last escalation step sent as an email of its own: steps 0 (at due) and 1 (the CSP
 * chair added), then `maxRepeats` repeats. Beyond it an overdue clock is in the daily
 * digest only.
 */
export function lastIndividualEscalation(escalation: EscalationRule): number {
  return 1 + escalation.maxRepeats;
}

/** The index of an escalation step id ("escalation-3" → 3), or null for any other step. */
export function escalationIndexOf(step: string): number | null {
  const match = /^escalation-(\d+)$/.exec(step);
  return match ? Number(match[1]) : null;
}

/**
 * The alarms an open clock should have in the queue now, given the steps already
 * notified for its due date (`sentSteps`: a step sent for a due time on the same London
 * date counts as sent, so a clock moved by a hold or an extension within the day does
 * not send it again):
 * - before due: every future reminder not yet sent, plus the latest past one if it was
 *   never sent (a clock recorded late gets one reminder at once, never a burst), and the
 *   first escalation at the due time;
 * - once due: the latest escalation step reached, capped at the last individual step
 *   (if neither it nor a later one was sent), and the next one within the cap. A clock
 *   found overdue far beyond the cap sends that one capped step, once, and nothing after.
 * Planning is a pure function of Postgres state, so the sweep can rebuild Redis.
 */
export function planAlarms(
  clock: ClockPeriod,
  rule: AlarmRule,
  now: Date,
  sentSteps: ReadonlySet<string>,
  holidays: BankHolidays,
): PlannedAlarm[] {
  const escalationIndex = latestEscalationIndex(clock.dueAt, now, rule.escalation, holidays);
  const planned: PlannedAlarm[] = [];
  const sent = (step: string) => sentSteps.has(step);

  if (escalationIndex === null) {
    const reminders = reminderAlarms(clock, rule.reminders, holidays);
    const past = reminders.filter((r) => r.at.getTime() <= now.getTime());
    const latestPast = past.at(-1);
    const futureUnsent = reminders.filter((r) => r.at.getTime() > now.getTime() && !sent(r.step));
    const laterSent = (step: string) => reminders.slice(reminders.findIndex((r) => r.step === step) + 1).some((r) => sent(r.step));
    if (latestPast && !sent(latestPast.step) && !laterSent(latestPast.step)) {
      planned.push({ step: latestPast.step, at: latestPast.at, kind: 'reminder' });
    }
    for (const r of futureUnsent) planned.push({ step: r.step, at: r.at, kind: 'reminder' });
    if (!escalationSentFrom(0, sentSteps)) planned.push(escalation(clock.dueAt, 0, rule, holidays));
    return planned;
  }

  const last = lastIndividualEscalation(rule.escalation);
  const reached = Math.min(escalationIndex, last);
  if (!escalationSentFrom(reached, sentSteps)) planned.push(escalation(clock.dueAt, reached, rule, holidays));
  if (reached + 1 <= last) planned.push(escalation(clock.dueAt, reached + 1, rule, holidays));
  return planned;
}

function escalation(dueAt: Date, index: number, rule: AlarmRule, holidays: BankHolidays): PlannedAlarm {
  const alarm = escalationAt(dueAt, index, rule.escalation, holidays);
  return { step: alarm.step, at: alarm.at, kind: 'escalation', escalationIndex: index };
}

/** Was escalation step `index`, or any later one, already sent? */
function escalationSentFrom(index: number, sentSteps: ReadonlySet<string>): boolean {
  for (const step of sentSteps) {
    const sentIndex = escalationIndexOf(step);
    if (sentIndex !== null && sentIndex >= index) return true;
  }
  return false;
}

/**
 * Is `step` still a step to act on for this clock now? Not when it was already sent
 * for this due date, nor when it is stale:
 * - a reminder once the clock is due, or once a later reminder is due or sent;
 * - an escalation beyond the cap, or below the latest step reached within the cap (a
 *   worker back after days sends only that latest step: its job is queued as well).
 * An escalation whose job runs a moment before its time (clocks of two machines) still
 * counts: the job has checked that the clock is open and unmoved.
 */
export function isStepStillWanted(
  clock: ClockPeriod,
  rule: AlarmRule,
  step: string,
  now: Date,
  sentSteps: ReadonlySet<string>,
  holidays: BankHolidays,
): boolean {
  if (sentSteps.has(step)) return false;
  const index = escalationIndexOf(step);
  if (index !== null) {
    const last = lastIndividualEscalation(rule.escalation);
    if (index > last || escalationSentFrom(index, sentSteps)) return false;
    const reached = latestEscalationIndex(clock.dueAt, now, rule.escalation, holidays);
    return reached === null || index >= Math.min(reached, last);
  }
  if (now.getTime() >= clock.dueAt.getTime()) return false;
  const reminders = reminderAlarms(clock, rule.reminders, holidays);
  const position = reminders.findIndex((r) => r.step === step);
  if (position < 0) return false;
  return !reminders.slice(position + 1).some((later) => later.at.getTime() <= now.getTime() || sentSteps.has(later.step));
}

/** An open clock to plan, with the steps already notified for its due date (see `planAlarms`). */
export interface ClockToPlan<K extends string = string> {
  clock: ClockPeriod & { readonly id: string; readonly kind: K };
  sentSteps: ReadonlySet<string>;
}

/** One alarm job to queue: the clock, its step, the due time it was planned for (pinned in the job) and when it runs. */
export interface AlarmToQueue {
  clockId: string;
  step: string;
  dueAt: Date;
  at: Date;
}

/**
 * The alarms of a whole page of clocks at once (the sweep and the relay plan in pages,
 * then add every job in one round trip): `planAlarms` for each, flattened, in clock order.
 */
export function planClockAlarms<K extends string>(
  clocks: readonly ClockToPlan<K>[],
  ruleOf: (kind: K) => AlarmRule,
  now: Date,
  holidays: BankHolidays,
): AlarmToQueue[] {
  return clocks.flatMap(({ clock, sentSteps }) =>
    planAlarms(clock, ruleOf(clock.kind), now, sentSteps, holidays).map((alarm) => ({
      clockId: clock.id,
      step: alarm.step,
      dueAt: clock.dueAt,
      at: alarm.at,
    })),
  );
}
