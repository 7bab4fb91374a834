import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditWriter } from '@dhr/audit';
import { DomainError, Clock, CsvValue, inTransaction } from '@dhr/core';
import { Actor, IdentityDirectory } from '@dhr/identity';
import { ReviewFile, ReviewQueries, ReviewRecord, ReviewTx } from '@dhr/reviews';
import { WorkflowRegistry } from '@dhr/workflow';
import { ActionDetailEntity, RecommendationEntity } from './action-plan.entities';
import { actionPlanCsv, actionPlanRows, recommendationRows, recommendationsCsv } from './action-plan-csv';
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
    private readonly file: ReviewFile,
    private readonly reviews: ReviewQueries,
    private readonly directory: IdentityDirectory,
    private readonly workflows: WorkflowRegistry,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  get(actor: Actor, reviewId: string): Promise<ActionPlanView> {
    return this.file.read(actor, reviewId, {}, async (tx) => {
      const plan = await this.plan(tx.manager, tx.review, tx.now, agencyOf(tx));
      await recordRead(tx, 'action_plan.read', plan);
      return plan;
    });
  }

  exportReview(actor: Actor, reviewId: string): Promise<CsvFile> {
    return this.file.read(actor, reviewId, {}, async (tx) => {
      const plan = await this.plan(tx.manager, tx.review, tx.now, agencyOf(tx));
      const rows = actionPlanRows(plan, await this.agencyNames(tx.manager, tx.review.partnershipId), tx.now);
      await recordRead(tx, 'action_plan.export', plan);
      return { fileName: `action-plan-${tx.reference}.csv`, csv: actionPlanCsv(rows) };
    });
  }

  /** Every action of the partnership's reviews in action_plan or closed; coordinators and CSP chairs of that partnership. */
  async exportPartnership(actor: Actor, partnershipId: string): Promise<CsvFile> {
    const { code, rows } = await this.exportForPartnership(actor, partnershipId, 'action_plan.export', actionPlanRows);
    return { fileName: `action-plans-${code}.csv`, csv: actionPlanCsv(rows) };
  }

  /**
   * Every recommendation of the partnership's reviews in action_plan or closed, one row each, with
   * where national ones were sent and the response; coordinators and CSP chairs of that partnership.
   */
  async exportPartnershipRecommendations(actor: Actor, partnershipId: string): Promise<CsvFile> {
    const { code, rows } = await this.exportForPartnership(actor, partnershipId, 'recommendations.export', recommendationRows);
    return { fileName: `recommendations-${code}.csv`, csv: recommendationsCsv(rows) };
  }

  /** The rows of every exported review of a partnership, audited on the partnership's chain; another partnership's is 404. */
  private exportForPartnership(
    actor: Actor,
    partnershipId: string,
    action: string,
    rowsOf: (plan: ActionPlanView, names: Map<string, string>, now: Date) => CsvValue[][],
  ): Promise<{ code: string; rows: CsvValue[][] }> {
    return inTransaction(this.db, async (manager) => {
      if (actor.partnershipId !== partnershipId || (actor.role !== 'coordinator' && actor.role !== 'csp_chair'))
        throw DomainError.notFound('partnership');
      const code = await this.directory.partnershipCode(partnershipId, manager);
      if (code === null) throw DomainError.notFound('partnership');
      const reviews = await this.reviews.inStages(partnershipId, EXPORTED_STAGES, manager);
      const now = this.clock.now();
      const names = await this.agencyNames(manager, partnershipId);
      const rows: CsvValue[][] = [];
      for (const review of reviews) rows.push(...rowsOf(await this.plan(manager, review, now), names, now));
      // About the partnership, not one review: on its chain, with no review id.
      await this.audit.record(manager, {
        chain: partnershipId,
        actorId: actor.userId,
        actorRole: actor.role,
        action,
        reviewId: null,
        entity: 'partnership',
        entityId: partnershipId,
        changes: { reviews: { before: null, after: reviews.map((r) => r.id) }, rows: { before: null, after: rows.length } },
        requestId: actor.requestId,
        sourceIp: actor.sourceIp,
        at: now,
      });
      return { code, rows };
    });
  }

  /** The review's action plan for a caller; `agencyId` narrows it to one agency's part. */
  private async plan(manager: EntityManager, review: ReviewRecord, now: Date, agencyId?: string): Promise<ActionPlanView> {
    const context = this.workflows.get(review.workflowVersion).view(review.snapshot).context;
    const [recommendations, details] = await Promise.all([
      manager.getRepository(RecommendationEntity).find({ where: { reviewId: review.id }, order: { number: 'ASC' } }),
      manager.getRepository(ActionDetailEntity).findBy({ reviewId: review.id }),
    ]);
    return actionPlanView(review, recommendations, actionViews(context.actions, details, now, agencyId), agencyId);
  }

  private async agencyNames(manager: EntityManager, partnershipId: string): Promise<Map<string, string>> {
    return new Map((await this.directory.agenciesOf(partnershipId, manager)).map((a) => [a.id, a.name]));
  }
}

/** An agency contact sees their own agency's part of the plan. */
const agencyOf = (tx: ReviewTx): string | undefined => (tx.access === 'agency' ? tx.actor.agencyId! : undefined);

function recordRead(tx: ReviewTx, action: string, plan: ActionPlanView): Promise<void> {
  return tx.audit(action, {
    changes: {
      recommendations: { before: null, after: plan.recommendations.map((r) => r.id) },
      actions: { before: null, after: plan.summary.actions },
    },
  });
}
