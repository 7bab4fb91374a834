import type { ActionItem } from '@dhr/workflows/dhr/contract';
import type { ActionDetailEntity, RecommendationEntity, RecommendationScope } from './action-plan.entities';
import { RecommendationRouting, recommendationRouting } from './recommendation-routing';

export interface ActionView {
  id: string;
  agencyId: string;
  description: string;
  owner: string | null;
  dueAt: string;
  status: 'open' | 'complete';
  completedAt: string | null;
  overdue: boolean;
  recommendationId: string | null;
}

export interface RecommendationSummary {
  id: string;
  number: number;
  scope: RecommendationScope;
  text: string;
  ownerAgencyId: string | null;
  /** Where a national recommendation was sent and the response; null for a local one. */
  routing: RecommendationRouting | null;
}

export interface ActionPlanView {
  reviewId: string;
  reference: string;
  stage: string;
  recommendations: (RecommendationSummary & { actions: ActionView[] })[];
  unlinkedActions: ActionView[];
  summary: { actions: number; complete: number; open: number; overdue: number };
}

export const isOverdue = (action: Pick<ActionItem, 'status' | 'dueAt'>, now: Date): boolean =>
  action.status === 'open' && Date.parse(action.dueAt) < now.getTime();

export function recommendationSummary(r: RecommendationEntity): RecommendationSummary {
  return { id: r.id, number: r.number, scope: r.scope, text: r.text, ownerAgencyId: r.ownerAgencyId, routing: recommendationRouting(r) };
}

/** The statechart's actions with what the action plan keeps about them; agency contacts (`agencyId`) get their own only. */
export function actionViews(actions: ActionItem[], details: ActionDetailEntity[], now: Date, agencyId?: string): ActionView[] {
  const byAction = new Map(details.map((d) => [d.actionId, d]));
  return actions
    .filter((a) => agencyId === undefined || a.agencyId === agencyId)
    .map((a) => ({
      id: a.id,
      agencyId: a.agencyId,
      description: a.description,
      owner: byAction.get(a.id)?.owner ?? null,
      dueAt: a.dueAt,
      status: a.status,
      completedAt: a.completedAt,
      overdue: isOverdue(a, now),
      recommendationId: byAction.get(a.id)?.recommendationId ?? null,
    }));
}

/**
 * The recommendations a caller may see: all of them, or for an agency contact those their agency
 * owns or holding one of their (already filtered) actions.
 */
export function visibleRecommendations(
  recommendations: RecommendationEntity[],
  actions: ActionView[],
  agencyId?: string,
): RecommendationEntity[] {
  if (agencyId === undefined) return recommendations;
  const holding = new Set(actions.map((a) => a.recommendationId));
  return recommendations.filter((r) => r.ownerAgencyId === agencyId || holding.has(r.id));
}

export function actionPlanView(
  review: { id: string; reference: string; stage: string },
  recommendations: RecommendationEntity[],
  actions: ActionView[],
  agencyId?: string,
): ActionPlanView {
  const shown = visibleRecommendations(recommendations, actions, agencyId);
  const known = new Set(recommendations.map((r) => r.id));
  return {
    reviewId: review.id,
    reference: review.reference,
    stage: review.stage,
    recommendations: shown.map((r) => ({ ...recommendationSummary(r), actions: actions.filter((a) => a.recommendationId === r.id) })),
    unlinkedActions: actions.filter((a) => a.recommendationId === null || !known.has(a.recommendationId)),
    summary: {
      actions: actions.length,
      complete: actions.filter((a) => a.status === 'complete').length,
      open: actions.filter((a) => a.status === 'open').length,
      overdue: actions.filter((a) => a.overdue).length,
    },
  };
}
