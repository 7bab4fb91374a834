import { instant, london } from './__tests__/helpers';
import { BankHolidays } from './bank-holidays';
import { Duration } from './duration';
import { addDuration } from './london-time';
import {
  alarmSchedule,
  AlarmRule,
  escalationAt,
  EscalationRule,
  latestEscalationIndex,
  reminderAlarms,
  remindersToSendOnCreation,
} from './reminder-schedule';

const holidays = BankHolidays.englandAndWales();
const DAYS_14_7_1: Duration[] = [{ days: 14 }, { days: 7 }, { days: 1 }];
const ESCALATION: EscalationRule = { firstTo: 'coordinators', after: { days: 7 }, repeatEvery: { days: 7 }, maxRepeats: 0 };
const RULE: AlarmRule = { reminders: DAYS_14_7_1, escalation: ESCALATION };

const reminders = (startedAt: string, dueAt: string, offsets: Duration[] = DAYS_14_7_1) =>
  reminderAlarms({ startedAt: instant(startedAt), dueAt: instant(dueAt) }, offsets, holidays);
const shown = (alarms: { step: string; at: Date }[]) => alarms.map((a) => `${a.step} ${london(a.at)}`);

describe('reminder schedule', () => {
  it('gives 14, 7 and 1 day reminders with stable ids, earliest first', () => {
    expect(shown(reminders('2026-01-05T10:00Z', '2026-02-05T10:00Z'))).toEqual([
      'reminder-14d 2026-01-22 10:00:00 GMT',
      'reminder-7d 2026-01-29 10:00:00 GMT',
      'reminder-1d 2026-02-04 10:00:00 GMT',
    ]);
  });

  it('autumn change: reminders keep the local time of the due time, each once', () => {
    const alarms = reminders('2026-10-01T10:00+01:00', '2026-11-01T10:00Z');
    expect(shown(alarms)).toEqual([
      'reminder-14d 2026-10-18 10:00:00 BST',
      'reminder-7d 2026-10-25 10:00:00 GMT', // the day of the change itself
      'reminder-1d 2026-10-31 10:00:00 GMT',
    ]);
    expect(new Set(alarms.map((a) => a.at.getTime())).size).toBe(3);
  });

  it('spring change: 7 days before 10:00 BST is 10:00 GMT', () => {
    expect(shown(reminders('2026-03-01T10:00Z', '2026-04-02T10:00+01:00'))).toEqual([
      'reminder-14d 2026-03-19 10:00:00 GMT',
      'reminder-7d 2026-03-26 10:00:00 GMT',
      'reminder-1d 2026-04-01 10:00:00 BST',
    ]);
  });

  it('a reminder landing in the spring gap is moved forward, not skipped', () => {
    const alarms = reminders('2026-03-01T10:00Z', '2026-04-05T01:30+01:00', [{ days: 7 }]);
    expect(shown(alarms)).toEqual(['reminder-7d 2026-03-29 02:30:00 BST']);
  });

  it('a reminder landing in the repeated autumn hour fires once, at the first 01:30', () => {
    const alarms = reminders('2026-10-01T10:00+01:00', '2026-11-01T01:30Z', [{ days: 7 }]);
    expect(alarms.map((a) => a.at.toISOString())).toEqual(['2026-10-25T00:30:00.000Z']);
  });

  it('hour offsets are exact across a change', () => {
    const alarms = reminders('2026-03-28T12:00Z', '2026-03-29T03:00+01:00', [{ hours: 2 }]);
    expect(alarms.map((a) => a.at.toISOString())).toEqual(['2026-03-29T00:00:00.000Z']);
  });

  it('drops offsets at or before the start, and duplicates', () => {
    // 10 working days from Mon 2 Nov: due Mon 16 Nov; "14 days before" is the start itself.
    const startedAt = instant('2026-11-02T09:00Z');
    const dueAt = addDuration(startedAt, { workingDays: 10 }, holidays);
    expect(london(dueAt)).toBe('2026-11-16 09:00:00 GMT');
    const alarms = reminderAlarms({ startedAt, dueAt }, [...DAYS_14_7_1, { weeks: 1 }, { days: 7 }], holidays);
    expect(alarms.map((a) => a.step)).toEqual(['reminder-7d', 'reminder-1d']);
    // An action-plan item due 3 days after it was agreed: only the 1-day reminder.
    expect(reminders('2026-11-02T09:00Z', '2026-11-05T09:00Z').map((a) => a.step)).toEqual(['reminder-1d']);
  });

  it('supports second-long clocks for demos', () => {
    const alarms = reminders('2026-11-22T12:00:00Z', '2026-11-22T12:00:30Z', [{ seconds: 20 }, { seconds: 10 }]);
    expect(alarms.map((a) => [a.step, a.at.toISOString()])).toEqual([
      ['reminder-20s', '2026-11-22T12:00:10.000Z'],
      ['reminder-10s', '2026-11-22T12:00:20.000Z'],
    ]);
  });
});

describe('escalation', () => {
  const dueAt = instant('2026-10-20T14:00+01:00');

  it('goes to the coordinators when due, adds the CSP chair 7 days later, repeats every 7 days', () => {
    const steps = [0, 1, 2, 3].map((i) => escalationAt(dueAt, i, ESCALATION, holidays));
    expect(steps.map((s) => [s.step, london(s.at), s.to.join('+')])).toEqual([
      ['escalation-0', '2026-10-20 14:00:00 BST', 'coordinators'],
      ['escalation-1', '2026-10-27 14:00:00 GMT', 'coordinators+csp_chair'],
      ['escalation-2', '2026-11-03 14:00:00 GMT', 'coordinators+csp_chair'],
      ['escalation-3', '2026-11-10 14:00:00 GMT', 'coordinators+csp_chair'],
    ]);
  });

  it('measures monthly repeats from one anchor, so month ends do not drift', () => {
    const monthly: EscalationRule = { firstTo: 'coordinators', after: { months: 1 }, repeatEvery: { months: 1 }, maxRepeats: 0 };
    const due = instant('2027-01-31T09:00Z');
    const steps = [1, 2, 3].map((i) => london(escalationAt(due, i, monthly, holidays).at));
    expect(steps).toEqual(['2027-02-28 09:00:00 GMT', '2027-03-31 09:00:00 BST', '2027-04-30 09:00:00 BST']);
  });

  it('rejects a bad step index', () => {
    expect(() => escalationAt(dueAt, -1, ESCALATION, holidays)).toThrow('non-negative integer');
  });

  it('finds the latest step already due, for clocks found overdue', () => {
    const at = (iso: string) => latestEscalationIndex(dueAt, instant(iso), ESCALATION, holidays);
    expect(at('2026-10-20T12:59:59+01:00')).toBeNull();
    expect(at('2026-10-20T14:00+01:00')).toBe(0);
    expect(at('2026-10-27T13:59Z')).toBe(0);
    expect(at('2026-10-27T14:00Z')).toBe(1);
    expect(at('2026-11-09T00:00Z')).toBe(2);
    expect(at('2026-11-10T14:00Z')).toBe(3);
    expect(() => latestEscalationIndex(dueAt, instant('2027-01-01T00:00Z'), { ...ESCALATION, repeatEvery: { days: 0 } }, holidays)).toThrow(
      'longer than zero',
    );
  });

  it('alarmSchedule lists reminders and the first escalation steps', () => {
    const schedule = alarmSchedule({ startedAt: instant('2026-09-20T14:00+01:00'), dueAt }, RULE, holidays);
    expect(schedule.reminders.map((r) => r.step)).toEqual(['reminder-14d', 'reminder-7d', 'reminder-1d']);
    expect(schedule.escalations.map((e) => e.step)).toEqual(['escalation-0', 'escalation-1', 'escalation-2']);
    expect(alarmSchedule({ startedAt: instant('2026-09-20T14:00+01:00'), dueAt }, RULE, holidays, 5).escalations).toHaveLength(5);
  });
});

describe('remindersToSendOnCreation (a fake "now")', () => {
  const all = reminders('2026-01-05T10:00Z', '2026-02-05T10:00Z'); // 22 Jan, 29 Jan, 4 Feb at 10:00
  const stepsAt = (now: string) => remindersToSendOnCreation(instant(now), all).map((r) => r.step);

  it('none past: all reminders', () => {
    expect(stepsAt('2026-01-05T10:00Z')).toEqual(['reminder-14d', 'reminder-7d', 'reminder-1d']);
  });

  it('one past: that one (to send at once) and the future ones', () => {
    expect(stepsAt('2026-01-25T08:00Z')).toEqual(['reminder-14d', 'reminder-7d', 'reminder-1d']);
  });

  it('two past: only the latest of them, never a burst', () => {
    expect(stepsAt('2026-01-30T08:00Z')).toEqual(['reminder-7d', 'reminder-1d']);
  });

  it('all past: only the latest', () => {
    expect(stepsAt('2026-02-05T09:00Z')).toEqual(['reminder-1d']);
  });

  it('a reminder exactly at now counts as past', () => {
    expect(stepsAt('2026-01-29T10:00Z')).toEqual(['reminder-7d', 'reminder-1d']);
  });

  it('accepts reminders in any order and returns them earliest first', () => {
    const shuffled = [all[2], all[0], all[1]];
    expect(remindersToSendOnCreation(instant('2026-01-30T08:00Z'), shuffled).map((r) => r.step)).toEqual(['reminder-7d', 'reminder-1d']);
    expect(remindersToSendOnCreation(instant('2026-01-30T08:00Z'), [])).toEqual([]);
  });
});
