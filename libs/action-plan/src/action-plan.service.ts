import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditWriter } from '@dhr/audit';
import { ApiError, Clock, CsvValue, inTransaction } from '@dhr/core';
import type { Actor } from '@dhr/identity';
import { auditReview, findVisibleReview, ReviewEntity } from '@dhr/reviews';
import { WorkflowRegistry } from '@dhr/workflow';
import { ActionDetailEntity, RecommendationEntity } from './action-plan.entities';
import { actionPlanCsv, actionPlanRows } from './action-plan-csv';
import { actionPlanView, ActionPlanView, actionViews } from './action-plan.view';

export interface CsvFile {
  fileName: string;
  csv: string;
}

/** The stages whose action plans the partnership export covers. */
const EXPORTED_STAGES = ['action_plan', 'closed'];

/** Reads and exports action plans: a review's, or every one of a partnership for its community safety partnership. */
@Injectable()
export class ActionPlanService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly workflows: WorkflowRegistry,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  get(actor: Actor, reviewId: string): Promise<ActionPlanView> {
    return inTransaction(this.db, async (manager) => {
      const { review, access } = await findVisibleReview(manager, actor, reviewId);
      const now = this.clock.now();
      const plan = await this.plan(manager, review, now, access === 'agency' ? actor.agencyId! : undefined);
      await this.recordRead(manager, actor, now, review, 'action_plan.read', plan);
      return plan;
    });
  }

  exportReview(actor: Actor, reviewId: string): Promise<CsvFile> {
    return inTransaction(this.db, async (manager) => {
      const { review, access } = await findVisibleReview(manager, actor, reviewId);
      const now = this.clock.now();
      const plan = await this.plan(manager, review, now, access === 'agency' ? actor.agencyId! : undefined);
      const rows = actionPlanRows(plan, await this.agencyNames(manager, review.partnershipId), now);
      await this.recordRead(manager, actor, now, review, 'action_plan.export', plan);
      return { fileName: `action-plan-${review.reference}.csv`, csv: actionPlanCsv(rows) };
    });
  }

  /** Every action of the partnership's reviews in action_plan or closed; coordinators and CSP chairs of that partnership. */
  exportPartnership(actor: Actor, partnershipId: string): Promise<CsvFile> {
    return inTransaction(this.db, async (manager) => {
      if (actor.partnershipId !== partnershipId || (actor.role !== 'coordinator' && actor.role !== 'csp_chair'))
        throw ApiError.notFound('partnership');
      const [partnership] = (await manager.query('SELECT code FROM partnerships WHERE id = $1', [partnershipId])) as { code: string }[];
      if (!partnership) throw ApiError.notFound('partnership');
      const reviews = await manager
        .getRepository(ReviewEntity)
        .createQueryBuilder('r')
        .where('r.partnership_id = :partnershipId AND r.stage IN (:...stages)', { partnershipId, stages: EXPORTED_STAGES })
        .orderBy('r.reference')
        .getMany();
      const now = this.clock.now();
      const names = await this.agencyNames(manager, partnershipId);
      const rows: CsvValue[][] = [];
      for (const review of reviews) rows.push(...actionPlanRows(await this.plan(manager, review, now), names, now));
      await auditReview(this.audit, manager, actor, now, {
        partnershipId,
        reviewId: null,
        action: 'action_plan.export',
        entity: 'partnership',
        entityId: partnershipId,
        changes: { reviews: { before: null, after: reviews.map((r) => r.id) }, rows: { before: null, after: rows.length } },
      });
      return { fileName: `action-plans-${partnership.code}.csv`, csv: actionPlanCsv(rows) };
    });
  }

  /** The review's action plan for a caller; `agencyId` narrows it to one agency's part. */
  private async plan(manager: EntityManager, review: ReviewEntity, now: Date, agencyId?: string): Promise<ActionPlanView> {
    const context = this.workflows.get(review.workflowVersion).view(review.snapshot).context;
    const [recommendations, details] = await Promise.all([
      manager.getRepository(RecommendationEntity).find({ where: { reviewId: review.id }, order: { number: 'ASC' } }),
      manager.getRepository(ActionDetailEntity).findBy({ reviewId: review.id }),
    ]);
    return actionPlanView(review, recommendations, actionViews(context.actions, details, now, agencyId), agencyId);
  }

  private async agencyNames(manager: EntityManager, partnershipId: string): Promise<Map<string, string>> {
    const rows = (await manager.query('SELECT id, name FROM agencies WHERE partnership_id = $1', [partnershipId])) as {
      id: string;
      name: string;
    }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private recordRead(manager: EntityManager, actor: Actor, at: Date, review: ReviewEntity, action: string, plan: ActionPlanView) {
    return auditReview(this.audit, manager, actor, at, {
      partnershipId: review.partnershipId,
      reviewId: review.id,
      action,
      entity: 'review',
      entityId: review.id,
      changes: {
        recommendations: { before: null, after: plan.recommendations.map((r) => r.id) },
        actions: { before: null, after: plan.summary.actions },
      },
    });
  }
}
