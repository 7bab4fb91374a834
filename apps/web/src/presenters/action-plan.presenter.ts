import type { ActionPlanView, ActionView, RecommendationRouting, RoutingStatus } from '@dhr/action-plan';
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

const ROUTING_TAGS: Record<RoutingStatus, { text: string; classes: string }> = {
  not_sent: { text: 'Not sent', classes: 'govuk-tag--grey' },
  awaiting_response: { text: 'Awaiting response', classes: 'govuk-tag--yellow' },
  response_received: { text: 'Response received', classes: 'govuk-tag--green' },
};

/** Where a national recommendation was sent and what came back, as summary-list rows and a status tag. */
export function routingSummary(routing: RecommendationRouting) {
  return {
    status: ROUTING_TAGS[routing.status],
    sent: routing.sentOn !== null,
    rows: [
      { key: 'Sent to', value: routing.department ?? 'Not sent yet' },
      ...(routing.sentOn ? [{ key: 'Date sent', value: longDate(routing.sentOn) }] : []),
      ...(routing.sentOn ? [{ key: 'Response', value: routing.response ?? 'No response yet' }] : []),
      ...(routing.respondedOn ? [{ key: 'Response received', value: longDate(routing.respondedOn) }] : []),
    ],
  };
}

/** The action plan in words: recommendations by number (local or national, owning agency by name) with their actions, and the others. */
export function actionPlanPage(plan: ActionPlanView, now: Date, agencyName: (id: string | null) => string | null) {
  return {
    recommendations: plan.recommendations.map((r) => ({
      number: r.number,
      scope: r.scope === 'national' ? 'National' : 'Local',
      text: r.text,
      id: r.id,
      owner: agencyName(r.ownerAgencyId) ?? (r.scope === 'national' ? 'Not for one agency' : 'An agency'),
      routing: r.routing ? routingSummary(r.routing) : null,
      actions: r.actions.map((a) => actionRow(a, now, agencyName)),
    })),
    unlinkedActions: plan.unlinkedActions.map((a) => actionRow(a, now, agencyName)),
    summary: plan.summary,
  };
}
