import { Injectable } from '@nestjs/common';
import { DomainError, Clock } from '@dhr/core';
import type { AcceptedEvent, ReviewExtension, ReviewViewRequest, ViewFieldsByReview } from '@dhr/reviews';
import { In } from 'typeorm';
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
      if (!found) throw DomainError.field('recommendationId', 'no recommendation with this id in the review');
    }
    const inserted = (await manager.query(
      `INSERT INTO action_details (action_id, review_id, recommendation_id, owner) VALUES ($1, $2, $3, $4)
       ON CONFLICT (action_id) DO NOTHING RETURNING action_id`,
      [event.actionId, review.id, recommendationId, event.owner ?? null],
    )) as unknown[];
    if (inserted.length === 0) throw DomainError.field('actionId', 'is already the id of another action');
  }

  /** Recommendations and action details of every review of the request, in two queries. */
  async viewFields({ manager, actor, reviews }: ReviewViewRequest): Promise<ViewFieldsByReview> {
    const ids = reviews.map(({ review }) => review.id);
    const [recommendations, details] = await Promise.all([
      manager.getRepository(RecommendationEntity).find({ where: { reviewId: In(ids) }, order: { number: 'ASC' } }),
      manager.getRepository(ActionDetailEntity).findBy({ reviewId: In(ids) }),
    ]);
    const now = this.clock.now();
    return new Map(
      reviews.map(({ review, access }) => {
        const agencyId = access === 'agency' ? actor.agencyId! : undefined;
        const context = this.workflows.get(review.workflowVersion).view(review.snapshot).context;
        const views = actionViews(
          context.actions,
          details.filter((d) => d.reviewId === review.id),
          now,
          agencyId,
        );
        const ownRecommendations = recommendations.filter((r) => r.reviewId === review.id);
        return [
          review.id,
          {
            recommendations: visibleRecommendations(ownRecommendations, views, agencyId).map(recommendationSummary),
            // The two fields kept here, matched to the statechart's actions by id.
            actions: views.map((v) => ({ id: v.id, recommendationId: v.recommendationId, owner: v.owner })),
          },
        ];
      }),
    );
  }
}
