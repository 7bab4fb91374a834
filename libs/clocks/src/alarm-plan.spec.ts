import { defaultRulebook } from '@dhr/workflows/dhr/rulebook';
import { escalationIndexOf, isStepStillWanted, lastIndividualEscalation, planAlarms, planClockAlarms } from './alarm-plan';
import { AlarmRule, BankHolidays } from './time';

const holidays = BankHolidays.englandAndWales();
const rule = defaultRulebook().clocks.decision; // reminders 14, 7, 1 days; escalation at due, +7 days, every 7 days
const at = (iso: string) => new Date(iso);
const steps = (plan: ReturnType<typeof planAlarms>) => plan.map((a) => `${a.step}@${a.at.toISOString()}`);

describe('planAlarms', () => {
  // A one-month clock from 14:00 BST on 22 October 2026 falls due at 14:00 GMT on 22 November.
  const clock = { startedAt: at('2026-10-22T13:00:00Z'), dueAt: at('2026-11-22T14:00:00Z') };

  it('plans every reminder and the first escalation for a new clock, at London local times', () => {
    expect(steps(planAlarms(clock, rule, clock.startedAt, new Set(), holidays))).toEqual([
      'reminder-14d@2026-11-08T14:00:00.000Z',
      'reminder-7d@2026-11-15T14:00:00.000Z',
      'reminder-1d@2026-11-21T14:00:00.000Z',
      'escalation-0@2026-11-22T14:00:00.000Z',
    ]);
  });

  it('for a clock recorded late, plans only the latest past reminder (sent at once), never a burst', () => {
    const now = at('2026-11-16T09:00:00Z'); // 14 and 7 days are past
    expect(steps(planAlarms(clock, rule, now, new Set(), holidays))).toEqual([
      'reminder-7d@2026-11-15T14:00:00.000Z',
      'reminder-1d@2026-11-21T14:00:00.000Z',
      'escalation-0@2026-11-22T14:00:00.000Z',
    ]);
  });

  it('does not plan a reminder already sent', () => {
    const now = at('2026-11-16T09:00:00Z');
    expect(steps(planAlarms(clock, rule, now, new Set(['reminder-7d']), holidays))).toEqual([
      'reminder-1d@2026-11-21T14:00:00.000Z',
      'escalation-0@2026-11-22T14:00:00.000Z',
    ]);
  });

  it('once due, plans the latest escalation reached (unless sent) and the next one within the cap, and no reminders', () => {
    const due = at('2026-11-23T09:00:00Z'); // past due, before the +7 days step
    expect(steps(planAlarms(clock, rule, due, new Set(), holidays))).toEqual([
      'escalation-0@2026-11-22T14:00:00.000Z',
      'escalation-1@2026-11-29T14:00:00.000Z',
    ]);
    expect(steps(planAlarms(clock, rule, due, new Set(['escalation-0']), holidays))).toEqual(['escalation-1@2026-11-29T14:00:00.000Z']);
    const later = at('2026-12-01T10:00:00Z'); // past the +7 days step: the last individual one by default
    expect(steps(planAlarms(clock, rule, later, new Set(), holidays))).toEqual(['escalation-1@2026-11-29T14:00:00.000Z']);
    expect(steps(planAlarms(clock, rule, later, new Set(['escalation-1']), holidays))).toEqual([]);
  });

  it('with repeats allowed, plans them up to the cap and then nothing', () => {
    const twoRepeats = withRepeats(2); // steps 0, 1, 2, 3
    expect(lastIndividualEscalation(twoRepeats.escalation)).toBe(3);
    const now = at('2026-12-01T10:00:00Z');
    expect(steps(planAlarms(clock, twoRepeats, now, new Set(['escalation-1']), holidays))).toEqual([
      'escalation-2@2026-12-06T14:00:00.000Z',
    ]);
    expect(steps(planAlarms(clock, twoRepeats, at('2026-12-07T10:00:00Z'), new Set(['escalation-2']), holidays))).toEqual([
      'escalation-3@2026-12-13T14:00:00.000Z',
    ]);
    expect(steps(planAlarms(clock, twoRepeats, at('2026-12-14T10:00:00Z'), new Set(['escalation-3']), holidays))).toEqual([]);
  });

  it('a clock found 60 days overdue (recorded late, worker down) plans only the last step within the cap, once', () => {
    const now = at('2027-01-21T10:00:00Z'); // 60 days after the due time: step 8 reached
    expect(steps(planAlarms(clock, rule, now, new Set(), holidays))).toEqual(['escalation-1@2026-11-29T14:00:00.000Z']);
    expect(steps(planAlarms(clock, rule, now, new Set(['escalation-1']), holidays))).toEqual([]);
    expect(steps(planAlarms(clock, withRepeats(3), now, new Set(['escalation-0']), holidays))).toEqual([
      'escalation-4@2026-12-20T14:00:00.000Z',
    ]);
  });

  it('a clock moved within its due date (hold and resume) plans no step already sent for that date', () => {
    // Escalated at 14:00, then held for 13 seconds: the due time moves to 14:00:13 the same day.
    const moved = { startedAt: clock.startedAt, dueAt: at('2026-11-22T14:00:13Z') };
    const now = at('2026-11-22T14:00:30Z');
    expect(steps(planAlarms(moved, rule, now, new Set(['reminder-1d', 'escalation-0']), holidays))).toEqual([
      'escalation-1@2026-11-29T14:00:13.000Z',
    ]);
    // Held before it fell due: the reminders sent stay sent, the escalation is still to come.
    const early = at('2026-11-22T10:00:00Z');
    expect(steps(planAlarms(moved, rule, early, new Set(['reminder-1d']), holidays))).toEqual(['escalation-0@2026-11-22T14:00:13.000Z']);
    // A reminder whose time moved later but is already sent for the date is not planned again.
    const dayBefore = at('2026-11-21T13:00:00Z');
    expect(steps(planAlarms(moved, rule, dayBefore, new Set(['reminder-1d']), holidays))).toEqual([
      'escalation-0@2026-11-22T14:00:13.000Z',
    ]);
  });

  it('keeps local time across the spring change: a reminder 7 days before a BST due time is at the same local hour', () => {
    const spring = { startedAt: at('2026-03-01T10:00:00Z'), dueAt: at('2026-04-01T09:00:00Z') }; // 10:00 GMT → 10:00 BST
    expect(steps(planAlarms(spring, rule, spring.startedAt, new Set(), holidays))).toContain('reminder-7d@2026-03-25T10:00:00.000Z');
  });
});

describe('isStepStillWanted', () => {
  const clock = { startedAt: at('2026-10-22T13:00:00Z'), dueAt: at('2026-11-22T14:00:00Z') };

  it('drops a reminder once the clock is due, or once a later reminder is due or sent', () => {
    expect(isStepStillWanted(clock, rule, 'reminder-7d', at('2026-11-15T14:00:00Z'), new Set(), holidays)).toBe(true);
    expect(isStepStillWanted(clock, rule, 'reminder-7d', at('2026-11-22T14:00:00Z'), new Set(), holidays)).toBe(false);
    expect(isStepStillWanted(clock, rule, 'reminder-14d', at('2026-11-16T00:00:00Z'), new Set(), holidays)).toBe(false);
    expect(isStepStillWanted(clock, rule, 'reminder-7d', at('2026-11-15T14:00:00Z'), new Set(['reminder-1d']), holidays)).toBe(false);
    expect(isStepStillWanted(clock, rule, 'reminder-3d', at('2026-11-15T14:00:00Z'), new Set(), holidays)).toBe(false);
  });

  it('acts on an escalation step reached within the cap, not yet sent for the due date', () => {
    expect(isStepStillWanted(clock, rule, 'escalation-0', at('2026-11-22T14:00:00Z'), new Set(), holidays)).toBe(true);
    expect(isStepStillWanted(clock, rule, 'escalation-1', at('2026-11-29T14:00:00Z'), new Set(['escalation-0']), holidays)).toBe(true);
    expect(isStepStillWanted(clock, rule, 'escalation-0', at('2026-11-22T14:00:00Z'), new Set(['escalation-0']), holidays)).toBe(false);
  });

  it('acts on an escalation job that runs a moment early (the job checked the clock is open and unmoved)', () => {
    expect(isStepStillWanted(clock, rule, 'escalation-0', at('2026-11-22T13:59:59Z'), new Set(), holidays)).toBe(true);
  });

  it('drops an escalation beyond the cap, and an earlier step once a later one is reached (never a burst)', () => {
    const farOverdue = at('2027-01-21T10:00:00Z');
    expect(isStepStillWanted(clock, rule, 'escalation-2', farOverdue, new Set(), holidays)).toBe(false);
    expect(isStepStillWanted(clock, rule, 'escalation-3', farOverdue, new Set(), holidays)).toBe(false);
    expect(isStepStillWanted(clock, rule, 'escalation-0', farOverdue, new Set(), holidays)).toBe(false);
    expect(isStepStillWanted(clock, rule, 'escalation-1', farOverdue, new Set(), holidays)).toBe(true);
    expect(isStepStillWanted(clock, rule, 'escalation-1', farOverdue, new Set(['escalation-1']), holidays)).toBe(false);
    expect(isStepStillWanted(clock, withRepeats(1), 'escalation-2', farOverdue, new Set(), holidays)).toBe(true);
    expect(isStepStillWanted(clock, rule, 'escalation-0', at('2026-12-01T10:00:00Z'), new Set(['escalation-1']), holidays)).toBe(false);
    expect(isStepStillWanted(clock, rule, 'escalation-x', farOverdue, new Set(), holidays)).toBe(false);
  });

  it('drops a reminder already sent for the due date', () => {
    expect(isStepStillWanted(clock, rule, 'reminder-7d', at('2026-11-15T14:00:00Z'), new Set(['reminder-7d']), holidays)).toBe(false);
  });
});

describe('escalationIndexOf', () => {
  it('reads the index of an escalation step and nothing else', () => {
    expect(escalationIndexOf('escalation-0')).toBe(0);
    expect(escalationIndexOf('escalation-12')).toBe(12);
    expect(escalationIndexOf('reminder-7d')).toBeNull();
    expect(escalationIndexOf('escalation--1')).toBeNull();
    expect(escalationIndexOf('escalation-1x')).toBeNull();
  });
});

function withRepeats(maxRepeats: number): AlarmRule {
  return { ...rule, escalation: { ...rule.escalation, maxRepeats } };
}

describe('planClockAlarms (a page of clocks planned at once)', () => {
  const rulebook = defaultRulebook();
  const now = at('2026-11-16T09:00:00Z');
  const decision = { id: 'c1', kind: 'decision' as const, startedAt: at('2026-10-22T13:00:00Z'), dueAt: at('2026-11-22T14:00:00Z') };
  const overdue = { id: 'c2', kind: 'decision' as const, startedAt: at('2026-09-01T13:00:00Z'), dueAt: at('2026-10-01T13:00:00Z') };
  const other = { id: 'c3', kind: 'imr' as const, startedAt: at('2026-11-01T10:00:00Z'), dueAt: at('2027-01-15T17:00:00Z') };
  const page = [
    { clock: decision, sentSteps: new Set(['reminder-7d']) },
    { clock: overdue, sentSteps: new Set<string>() },
    { clock: other, sentSteps: new Set<string>() },
  ];
  const ruleOf = (kind: 'decision' | 'imr') => rulebook.clocks[kind];

  it('plans each clock exactly as planAlarms would alone, by its own kind, sent steps and due time, in page order', () => {
    const batch = planClockAlarms(page, ruleOf, now, holidays);
    const oneByOne = page.flatMap(({ clock, sentSteps }) =>
      planAlarms(clock, ruleOf(clock.kind), now, sentSteps, holidays).map((a) => ({
        clockId: clock.id,
        step: a.step,
        dueAt: clock.dueAt,
        at: a.at,
      })),
    );
    expect(batch).toEqual(oneByOne);
    expect(new Set(batch.map((a) => a.clockId))).toEqual(new Set(['c1', 'c2', 'c3']));
    // The job pins the due time it was planned for, whatever the step's own time.
    expect(batch.filter((a) => a.clockId === 'c2').every((a) => a.dueAt === overdue.dueAt)).toBe(true);
    expect(batch.filter((a) => a.clockId === 'c1').map((a) => a.step)).toEqual(['reminder-1d', 'escalation-0']);
  });

  it('plans nothing for an empty page', () => {
    expect(planClockAlarms([], ruleOf, now, holidays)).toEqual([]);
  });
});
