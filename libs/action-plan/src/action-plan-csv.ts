import { DateTime } from 'luxon';
import { csvTable, CsvValue } from '@dhr/core';
import type { ActionPlanView, ActionView } from './action-plan.view';
import { ROUTING_STATUS_WORDS } from './recommendation-routing';

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
  // Added after the first twelve (readers go by name or position): where a national recommendation went.
  'department',
  'sent',
  'response received',
  'routing status',
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

type PlanRecommendation = ActionPlanView['recommendations'][number];

/** Where a national recommendation went: department, sent, response received (London dates as stored) and status. */
const routingCells = (rec: PlanRecommendation | null): CsvValue[] =>
  rec?.routing
    ? [rec.routing.department, rec.routing.sentOn, rec.routing.respondedOn, ROUTING_STATUS_WORDS[rec.routing.status]]
    : [null, null, null, null];

/**
 * One row per action: linked actions by recommendation number, then the unlinked ones. A national
 * recommendation with no actions still has a row (its action cells empty), so every national
 * recommendation is in the export with where it was sent. No personal names.
 */
export function actionPlanRows(plan: ActionPlanView, agencyNames: Map<string, string>, now: Date): CsvValue[][] {
  const recommendationCells = (rec: PlanRecommendation | null): CsvValue[] => [
    plan.reference,
    rec?.number ?? null,
    rec?.scope ?? null,
    rec?.text ?? null,
  ];
  const row = (action: ActionView, rec: PlanRecommendation | null): CsvValue[] => [
    ...recommendationCells(rec),
    agencyNames.get(action.agencyId) ?? null,
    action.description,
    action.owner,
    londonDate(action.dueAt),
    action.status,
    londonDate(action.completedAt),
    action.overdue ? 'yes' : 'no',
    daysOverdue(action, now),
    ...routingCells(rec),
  ];
  const withoutActions = (rec: PlanRecommendation): CsvValue[] => [
    ...recommendationCells(rec),
    rec.ownerAgencyId ? (agencyNames.get(rec.ownerAgencyId) ?? null) : null,
    ...Array<CsvValue>(7).fill(null),
    ...routingCells(rec),
  ];
  return [
    ...plan.recommendations.flatMap((rec) =>
      rec.actions.length === 0 && rec.routing ? [withoutActions(rec)] : rec.actions.map((a) => row(a, rec)),
    ),
    ...plan.unlinkedActions.map((a) => row(a, null)),
  ];
}

export const actionPlanCsv = (rows: CsvValue[][]): string => csvTable(ACTION_PLAN_CSV_HEADER, rows);

/** The partnership's recommendations, one row each: where national ones were sent and how their actions stand. */
export const RECOMMENDATIONS_CSV_HEADER = [
  'reference',
  'recommendation number',
  'scope',
  'recommendation text',
  'owner agency',
  'actions',
  'actions complete',
  'actions overdue',
  'department',
  'sent',
  'response received',
  'routing status',
  'response',
];

/** One row per recommendation the plan shows, by number; local ones have empty routing cells. No personal names. */
export function recommendationRows(plan: ActionPlanView, agencyNames: Map<string, string>): CsvValue[][] {
  return plan.recommendations.map((rec) => [
    plan.reference,
    rec.number,
    rec.scope,
    rec.text,
    rec.ownerAgencyId ? (agencyNames.get(rec.ownerAgencyId) ?? null) : null,
    rec.actions.length,
    rec.actions.filter((a) => a.status === 'complete').length,
    rec.actions.filter((a) => a.overdue).length,
    ...routingCells(rec),
    rec.routing?.response ?? null,
  ]);
}

export const recommendationsCsv = (rows: CsvValue[][]): string => csvTable(RECOMMENDATIONS_CSV_HEADER, rows);
