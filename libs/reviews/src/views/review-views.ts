import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReviewAccess } from '@dhr/access';
import { ClocksService } from '@dhr/clocks';
import { Clock, DomainError } from '@dhr/core';
import { Actor, IdentityDirectory } from '@dhr/identity';
import { WorkflowRegistry, WorkflowView } from '@dhr/workflow';
import { allowedEventsFor, allowedOnBehalfFor } from '../event-permission';
import { ReviewExtensions } from '../review-extensions';
import type { ReviewEntity } from '../review.entities';
import { agencyReviewView, reviewView, VisibleReview } from './review.view';

export interface ReviewToView {
  review: ReviewEntity;
  access: ReviewAccess;
  /** The workflow view when the caller has it already (after an event), else computed from the snapshot. */
  workflow?: WorkflowView;
}

/**
 * Builds Review shapes for a caller: one review or a page of them in the same, bounded
 * number of queries (deadlines, names, and one batch per extension), never one per row.
 */
@Injectable()
export class ReviewViews {
  constructor(
    private readonly workflows: WorkflowRegistry,
    private readonly clocks: ClocksService,
    private readonly directory: IdentityDirectory,
    private readonly extensions: ReviewExtensions,
    private readonly clock: Clock,
  ) {}

  async one(manager: EntityManager, actor: Actor, item: ReviewToView): Promise<VisibleReview> {
    return (await this.many(manager, actor, [item]))[0];
  }

  async many(manager: EntityManager, actor: Actor, items: ReviewToView[]): Promise<VisibleReview[]> {
    const visible = items.map((item) => {
      if (item.access === 'none') throw DomainError.notFound('review');
      return {
        review: item.review,
        access: item.access,
        workflow: item.workflow ?? this.workflows.get(item.review.workflowVersion).view(item.review.snapshot),
      };
    });
    const ids = visible.map((v) => v.review.id);
    // Independent reads: on the pool (no transaction) they run side by side, one round trip deep.
    const [deadlines, names, extra] = await Promise.all([
      this.clocks.deadlinesOf(ids, this.clock.now(), manager),
      this.directory.names(
        {
          userIds: visible.flatMap(({ workflow: { context } }) => [
            context.chairUserId,
            context.decidedBy && 'userId' in context.decidedBy ? context.decidedBy.userId : null,
          ]),
          agencyIds: visible.flatMap((v) => [
            ...v.workflow.context.panel.map((p) => p.agencyId),
            ...v.workflow.context.scoping.map((s) => s.agencyId),
            ...v.workflow.context.actions.map((a) => a.agencyId),
          ]),
        },
        manager,
      ),
      this.extensions.viewFields({ manager, actor, reviews: visible }),
    ]);
    return visible.map(({ review, access, workflow }) => {
      const allowed = allowedEventsFor(actor, workflow.allowedEvents, workflow.context);
      const full = reviewView(review, workflow, deadlines.get(review.id) ?? [], names, allowed);
      const shown = access === 'agency' ? agencyReviewView(full, actor.agencyId!) : full;
      const { actions: actionDetails, ...fields } = (extra.get(review.id) ?? {}) as { actions?: { id: string }[] };
      // What a coordinator may record for a chair or CSP chair now (v3): the pages offer it as a task.
      const onBehalf = access === 'agency' ? {} : { allowedOnBehalf: allowedOnBehalfFor(actor, workflow.allowedEvents) };
      return { ...shown, ...onBehalf, ...fields, actions: withDetails(shown.actions, actionDetails) };
    });
  }
}

/** The action plan adds details (recommendation, owner) to the statechart's actions: keep both, matched by id. */
function withDetails<T extends { id: string }>(actions: T[], details: { id: string }[] | undefined): T[] {
  if (!details) return actions;
  const byId = new Map(details.map((d) => [d.id, d]));
  return actions.map((a) => ({ ...a, ...byId.get(a.id) }));
}
