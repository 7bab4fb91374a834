import type { EntityManager } from 'typeorm';
import { DomainError } from '@dhr/core';
import type { WorkflowView } from '@dhr/workflow';
import { ReviewEntity, ReviewEventEntity } from '../review.entities';
import { involvedAgencyIds } from '../review-scope';

export type HistoryEntry = Pick<ReviewEventEntity, 'type' | 'payload' | 'occurredAt' | 'fromStage' | 'toStage'> &
  Partial<Pick<ReviewEventEntity, 'onBehalfOf' | 'evidence'>>;

/**
 * The two writes every change of a review's state makes, whoever makes it (an event,
 * a workflow migration): the snapshot with its denormalised columns under the version
 * check, and the history entry. Returns the row as saved, without reading it back.
 */
export async function saveSnapshot(
  manager: EntityManager,
  review: ReviewEntity,
  snapshot: unknown,
  view: WorkflowView,
  now: Date,
  workflowVersion = review.workflowVersion,
): Promise<ReviewEntity> {
  const changes = {
    snapshot: snapshot as object,
    workflowVersion,
    stage: view.stage,
    onHold: view.onHold,
    // The access policy reads these columns: they follow the snapshot in the same write.
    chairUserId: view.context.chairUserId,
    involvedAgencyIds: involvedAgencyIds(view.context),
    updatedAt: now,
    version: review.version + 1,
  };
  const updated = await manager
    .createQueryBuilder()
    .update(ReviewEntity)
    .set(changes)
    .where('id = :id AND version = :version', { id: review.id, version: review.version })
    .execute();
  if (updated.affected !== 1) throw DomainError.conflict();
  return Object.assign(new ReviewEntity(), review, changes);
}

export async function appendHistory(
  manager: EntityManager,
  review: Pick<ReviewEntity, 'id' | 'workflowVersion'>,
  actorId: string | null,
  entry: HistoryEntry,
  now: Date,
): Promise<void> {
  await manager.query(
    `INSERT INTO review_events (review_id, seq, type, payload, actor_id, occurred_at, recorded_at, from_stage, to_stage, workflow_version,
                                on_behalf_of, evidence)
     SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM review_events WHERE review_id = $1`,
    [
      review.id,
      entry.type,
      JSON.stringify(entry.payload),
      actorId,
      entry.occurredAt,
      now,
      entry.fromStage,
      entry.toStage,
      review.workflowVersion,
      entry.onBehalfOf ?? null,
      entry.evidence ?? null,
    ],
  );
}
