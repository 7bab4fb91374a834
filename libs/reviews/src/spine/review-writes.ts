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
  const changes = snapshotChanges(review, snapshot, view, now, workflowVersion);
  const updated = await manager
    .createQueryBuilder()
    .update(ReviewEntity)
    .set(changes)
    .where('id = :id AND version = :version', { id: review.id, version: review.version })
    .execute();
  if (updated.affected !== 1) throw DomainError.conflict();
  return Object.assign(new ReviewEntity(), review, changes);
}

/**
 * An event's two writes in one statement (one round trip under the row lock): the snapshot under the
 * version check and, only if that updated the row, the history entry. 409 when the version moved.
 */
export async function saveSnapshotWithHistory(
  manager: EntityManager,
  review: ReviewEntity,
  snapshot: unknown,
  view: WorkflowView,
  now: Date,
  actorId: string | null,
  entry: HistoryEntry,
): Promise<ReviewEntity> {
  const changes = snapshotChanges(review, snapshot, view, now, review.workflowVersion);
  const rows = (await manager.query(
    `WITH saved AS (
       UPDATE reviews SET snapshot = $2, workflow_version = $3, stage = $4, on_hold = $5, chair_user_id = $6,
                          involved_agency_ids = $7::uuid[], updated_at = $8, version = $9
       WHERE id = $1 AND version = $10 RETURNING id)
     INSERT INTO review_events (review_id, seq, type, payload, actor_id, occurred_at, recorded_at, from_stage, to_stage, workflow_version,
                                on_behalf_of, evidence)
     SELECT saved.id, COALESCE((SELECT MAX(seq) FROM review_events WHERE review_id = $1), 0) + 1, $11, $12, $13, $14, $8, $15, $16, $3,
            $17, $18
     FROM saved RETURNING seq`,
    [
      review.id,
      JSON.stringify(changes.snapshot),
      changes.workflowVersion,
      changes.stage,
      changes.onHold,
      changes.chairUserId,
      changes.involvedAgencyIds,
      now,
      changes.version,
      review.version,
      entry.type,
      JSON.stringify(entry.payload),
      actorId,
      entry.occurredAt,
      entry.fromStage,
      entry.toStage,
      entry.onBehalfOf ?? null,
      entry.evidence ?? null,
    ],
  )) as unknown[];
  if (rows.length !== 1) throw DomainError.conflict();
  return Object.assign(new ReviewEntity(), review, changes);
}

/** The columns a change of workflow state sets: the snapshot, its denormalised columns and the next version. */
function snapshotChanges(review: ReviewEntity, snapshot: unknown, view: WorkflowView, now: Date, workflowVersion: number) {
  return {
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
