import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { WorkflowRegistry } from '@dhr/workflow';
import { ReviewEntity, ReviewEventEntity } from '../review.entities';

/** What system work (alarms, emails) needs to know of a review, without a caller's access or the snapshot. */
export interface ReviewSummary {
  id: string;
  reference: string;
  partnershipId: string;
  chairUserId: string | null;
  stage: string;
  onHold: boolean;
}

/** One accepted event as history keeps it, and the period under review agreed before it: what an email about it says. */
export interface ReviewEventFacts {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
  termsOfReference: { periodFrom: string; periodTo: string } | null;
}

/**
 * The reviews lib's answer to other libs' questions about a review: read from its denormalised
 * columns and its history (and, for what only the statechart keeps, such as an action's description, its snapshot).
 */
@Injectable()
export class ReviewReadModel {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly workflows: WorkflowRegistry,
  ) {}

  async summary(reviewId: string, manager: EntityManager = this.db.manager): Promise<ReviewSummary | null> {
    const [row] = await this.summaries([reviewId], manager);
    return row ?? null;
  }

  /** Summaries of those of these reviews that exist, in one query. */
  async summaries(reviewIds: string[], manager: EntityManager = this.db.manager): Promise<ReviewSummary[]> {
    if (reviewIds.length === 0) return [];
    const rows = await manager.getRepository(ReviewEntity).find({
      select: { id: true, reference: true, partnershipId: true, chairUserId: true, stage: true, onHold: true },
      where: { id: In(reviewIds) },
    });
    return rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      partnershipId: row.partnershipId,
      chairUserId: row.chairUserId,
      stage: row.stage,
      onHold: row.onHold,
    }));
  }

  /** The description of every action of these reviews, by action id (for emails that name the action). */
  async actionDescriptions(reviewIds: string[], manager: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const descriptions = new Map<string, string>();
    if (reviewIds.length === 0) return descriptions;
    const rows = await manager.getRepository(ReviewEntity).find({
      select: { id: true, workflowVersion: true, snapshot: true },
      where: { id: In(reviewIds) },
    });
    for (const row of rows) {
      const { context } = this.workflows.get(row.workflowVersion).view(row.snapshot);
      for (const action of context.actions) descriptions.set(action.id, action.description);
    }
    return descriptions;
  }

  /** The position of the review's latest history entry: inside an event's transaction, that event's. */
  async latestEventSeq(reviewId: string, manager: EntityManager = this.db.manager): Promise<number | null> {
    const [row]: { seq: number | null }[] = await manager.query(`SELECT MAX(seq) AS seq FROM review_events WHERE review_id = $1`, [
      reviewId,
    ]);
    return row?.seq ?? null;
  }

  /** One history entry (by its position), with the terms of reference as they stood when it happened. */
  async eventFacts(reviewId: string, seq: number, manager: EntityManager = this.db.manager): Promise<ReviewEventFacts | null> {
    const events = manager.getRepository(ReviewEventEntity);
    const event = await events.findOneBy({ reviewId, seq });
    if (!event) return null;
    const [terms] = await events
      .createQueryBuilder('e')
      .where('e.review_id = :reviewId AND e.seq < :seq AND e.type = :type', { reviewId, seq, type: 'AGREE_TERMS_OF_REFERENCE' })
      .orderBy('e.seq', 'DESC')
      .limit(1)
      .getMany();
    const period = terms?.payload as { periodFrom?: unknown; periodTo?: unknown } | undefined;
    return {
      seq: event.seq,
      type: event.type,
      payload: event.payload,
      occurredAt: event.occurredAt,
      termsOfReference:
        typeof period?.periodFrom === 'string' && typeof period.periodTo === 'string'
          ? { periodFrom: period.periodFrom, periodTo: period.periodTo }
          : null,
    };
  }
}
