import { DateTime } from 'luxon';
import { csvTable, CsvValue } from '@dhr/core';
import type { ActionPlanView, ActionView } from './action-plan.view';

export const ACTION_PLAN_CSV_HEADER = [
  'reference',
  'recommendation number',
  'scope',
  'recommendation text',
  'owner agency',
  'action description',
  'owner',
  'due',
  'status',
  'completed',
  'overdue',
  'days overdue',
];

const LONDON = 'Europe/London';
const londonDate = (iso: string | null): string | null => (iso ? DateTime.fromISO(iso, { zone: LONDON }).toISODate() : null);

/** Whole London calendar days from the due date to today, for an overdue action; 0 otherwise. */
export function daysOverdue(action: ActionView, now: Date): number {
  if (!action.overdue) return 0;
  const due = DateTime.fromISO(action.dueAt, { zone: LONDON }).startOf('day');
  const today = DateTime.fromJSDate(now, { zone: LONDON }).startOf('day');
  return Math.max(0, Math.round(today.diff(due, 'days').days));
}

/** One row per action: linked actions by recommendation number, then the unlinked ones. No personal names. */
export function actionPlanRows(plan: ActionPlanView, agencyNames: Map<string, string>, now: Date): CsvValue[][] {
  const row = (action: ActionView, rec: ActionPlanView['recommendations'][number] | null): CsvValue[] => [
    plan.reference,
    rec?.number ?? null,
    rec?.scope ?? null,
    rec?.text ?? null,
    agencyNames.get(action.agencyId) ?? null,
    action.description,
    action.owner,
    londonDate(action.dueAt),
    action.status,
    londonDate(action.completedAt),
    action.overdue ? 'yes' : 'no',
    daysOverdue(action, now),
  ];
  return [...plan.recommendations.flatMap((rec) => rec.actions.map((a) => row(a, rec))), ...plan.unlinkedActions.map((a) => row(a, null))];
}

export const actionPlanCsv = (rows: CsvValue[][]): string => csvTable(ACTION_PLAN_CSV_HEADER, rows);
