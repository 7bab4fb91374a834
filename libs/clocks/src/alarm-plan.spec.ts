import { defaultRulebook } from '@dhr/workflows/dhr/rulebook';
import { isStepStillWanted, planAlarms } from './alarm-plan';
import { BankHolidays } from './time';

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

  it('once due, plans the latest escalation reached (unless sent) and the next one, and no reminders', () => {
    const now = at('2026-12-01T10:00:00Z'); // past due and past the +7 days step
    expect(steps(planAlarms(clock, rule, now, new Set(), holidays))).toEqual([
      'escalation-1@2026-11-29T14:00:00.000Z',
      'escalation-2@2026-12-06T14:00:00.000Z',
    ]);
    expect(steps(planAlarms(clock, rule, now, new Set(['escalation-1']), holidays))).toEqual(['escalation-2@2026-12-06T14:00:00.000Z']);
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

  it('always acts on an escalation step (the job checked the clock is open and unmoved)', () => {
    expect(isStepStillWanted(clock, rule, 'escalation-3', at('2026-12-20T00:00:00Z'), new Set(), holidays)).toBe(true);
  });
});
