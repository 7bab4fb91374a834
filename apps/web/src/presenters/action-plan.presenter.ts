import type { ActionPlanView, ActionView } from '@dhr/action-plan';
import { dueDate, longDate } from './dates';
import { deadlineStatusTag } from './deadlines.presenter';

/** One action as a row: what, which agency owns it, when it is due, where it stands. */
function actionRow(a: ActionView, now: Date, agencyName: (id: string | null) => string | null) {
  return {
    description: a.description,
    owner: [agencyName(a.agencyId) ?? 'An agency', a.owner].filter(Boolean).join(': '),
    due: dueDate(a.dueAt),
    status:
      a.status === 'complete'
        ? { text: 'Complete', classes: 'govuk-tag--green' }
        : (deadlineStatusTag(a.dueAt, now) ?? { text: 'Open', classes: 'govuk-tag--blue' }),
    completed: a.completedAt ? longDate(a.completedAt) : null,
  };
}

/** The action plan in words: recommendations by number (local or national, owning agency by name) with their actions, and the others. */
export function actionPlanPage(plan: ActionPlanView, now: Date, agencyName: (id: string | null) => string | null) {
  return {
    recommendations: plan.recommendations.map((r) => ({
      number: r.number,
      scope: r.scope === 'national' ? 'National' : 'Local',
      text: r.text,
      owner: agencyName(r.ownerAgencyId) ?? (r.scope === 'national' ? 'Not for one agency' : 'An agency'),
      actions: r.actions.map((a) => actionRow(a, now, agencyName)),
    })),
    unlinkedActions: plan.unlinkedActions.map((a) => actionRow(a, now, agencyName)),
    summary: plan.summary,
  };
}
