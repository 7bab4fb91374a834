import { Injectable } from '@nestjs/common';
import { ApiError, Clock } from '@dhr/core';
import type { AcceptedEvent, ReviewExtension, ReviewViewRequest } from '@dhr/reviews';
import { WorkflowRegistry } from '@dhr/workflow';
import { ActionDetailEntity, RecommendationEntity } from './action-plan.entities';
import { actionViews, recommendationSummary, visibleRecommendations } from './action-plan.view';

/**
 * The action plan's part in the reviews spine: ADD_ACTION's recommendation and owner are
 * kept in action_details (in the event's transaction), and the Review shape shows them.
 */
@Injectable()
export class ActionPlanExtension implements ReviewExtension {
  constructor(
    private readonly workflows: WorkflowRegistry,
    private readonly clock: Clock,
  ) {}

  async onEventAccepted({ manager, review, event }: AcceptedEvent): Promise<void> {
    if (event.type !== 'ADD_ACTION') return;
    const recommendationId = event.recommendationId ?? null;
    if (recommendationId !== null) {
      const found = await manager.getRepository(RecommendationEntity).existsBy({ id: recommendationId, reviewId: review.id });
      if (!found) throw ApiError.field('recommendationId', 'no recommendation with this id in the review');
    }
    const inserted = (await manager.query(
      `INSERT INTO action_details (action_id, review_id, recommendation_id, owner) VALUES ($1, $2, $3, $4)
       ON CONFLICT (action_id) DO NOTHING RETURNING action_id`,
      [event.actionId, review.id, recommendationId, event.owner ?? null],
    )) as unknown[];
    if (inserted.length === 0) throw ApiError.field('actionId', 'is already the id of another action');
  }

  async viewFields({ manager, actor, review, access }: ReviewViewRequest): Promise<Record<string, unknown>> {
    const agencyId = access === 'agency' ? actor.agencyId! : undefined;
    const context = this.workflows.get(review.workflowVersion).view(review.snapshot).context;
    const [recommendations, details] = await Promise.all([
      manager.getRepository(RecommendationEntity).find({ where: { reviewId: review.id }, order: { number: 'ASC' } }),
      manager.getRepository(ActionDetailEntity).findBy({ reviewId: review.id }),
    ]);
    const views = actionViews(context.actions, details, this.clock.now(), agencyId);
    const byId = new Map(views.map((v) => [v.id, v]));
    return {
      recommendations: visibleRecommendations(recommendations, views, agencyId).map(recommendationSummary),
      // Every field the statechart gives an action, plus the two kept here; agency contacts keep only their own.
      actions: context.actions
        .filter((a) => byId.has(a.id))
        .map((a) => ({ ...a, recommendationId: byId.get(a.id)!.recommendationId, owner: byId.get(a.id)!.owner })),
    };
  }
}
