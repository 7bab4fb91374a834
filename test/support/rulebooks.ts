import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEADLINE_KINDS } from '@dhr/workflows/dhr/contract';

/** A RULEBOOK_FILE laid over the shipped rulebook, for one suite. */
export function rulebookFile(override: Record<string, unknown>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'dhr-rulebook-')), 'rulebook.json');
  writeFileSync(file, JSON.stringify(override));
  return file;
}

/** Every clock 4 seconds long with a reminder 2 seconds before: a whole life of alarms in a test. */
export function secondsRulebook(): string {
  const clock = { length: { seconds: 4 }, reminders: [{ seconds: 2 }] };
  return rulebookFile({ id: 'test-seconds', clocks: Object.fromEntries(DEADLINE_KINDS.map((k) => [k, clock])) });
}

/**
 * The shipped rulebook with deadlines exactly when their length runs out instead of at
 * 5pm on the date: suites that back-date a month-long clock to fall due in a few
 * seconds test the alarm machinery, not the due time of day (which has tests of its own).
 */
export function exactDueTimesRulebook(): string {
  return rulebookFile({ id: 'test-exact-due-times', dueTime: null });
}
