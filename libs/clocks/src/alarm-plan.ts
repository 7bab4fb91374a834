import { AlarmRule, BankHolidays, ClockPeriod, escalationAt, latestEscalationIndex, reminderAlarms } from './time';

export interface PlannedAlarm {
  step: string;
  at: Date;
  kind: 'reminder' | 'escalation';
  escalationIndex?: number;
}

/**
 * The alarms an open clock should have in the queue now, given the steps already
 * notified for its current due time:
 * - before due: every future reminder, plus the latest past one if it was never
 *   sent (a clock recorded late gets one reminder at once, never a burst), and the
 *   first escalation at the due time;
 * - once due: the latest escalation step reached (if not sent) and the next one.
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

  if (escalationIndex === null) {
    const reminders = reminderAlarms(clock, rule.reminders, holidays);
    const past = reminders.filter((r) => r.at.getTime() <= now.getTime());
    const latestPast = past.at(-1);
    if (latestPast && !sentSteps.has(latestPast.step)) planned.push({ step: latestPast.step, at: latestPast.at, kind: 'reminder' });
    for (const r of reminders.filter((r) => r.at.getTime() > now.getTime())) planned.push({ step: r.step, at: r.at, kind: 'reminder' });
    planned.push(escalation(clock.dueAt, 0, rule, holidays));
    return planned;
  }

  const reached = escalation(clock.dueAt, escalationIndex, rule, holidays);
  if (!sentSteps.has(reached.step)) planned.push(reached);
  planned.push(escalation(clock.dueAt, escalationIndex + 1, rule, holidays));
  return planned;
}

function escalation(dueAt: Date, index: number, rule: AlarmRule, holidays: BankHolidays): PlannedAlarm {
  const alarm = escalationAt(dueAt, index, rule.escalation, holidays);
  return { step: alarm.step, at: alarm.at, kind: 'escalation', escalationIndex: index };
}

/** Is `step` still a step to act on for this clock now? Stale reminders (the clock is due, or a later one was sent) are not. */
export function isStepStillWanted(
  clock: ClockPeriod,
  rule: AlarmRule,
  step: string,
  now: Date,
  sentSteps: ReadonlySet<string>,
  holidays: BankHolidays,
): boolean {
  if (step.startsWith('escalation-')) return Number(step.slice('escalation-'.length)) >= 0;
  if (now.getTime() >= clock.dueAt.getTime()) return false;
  const reminders = reminderAlarms(clock, rule.reminders, holidays);
  const index = reminders.findIndex((r) => r.step === step);
  if (index < 0) return false;
  return !reminders.slice(index + 1).some((later) => later.at.getTime() <= now.getTime() || sentSteps.has(later.step));
}
