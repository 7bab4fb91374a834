import type { ReviewEventEntity } from './review.entities';

export const historyView = (e: ReviewEventEntity) => ({
  seq: e.seq,
  type: e.type,
  payload: e.payload,
  actorId: e.actorId,
  occurredAt: e.occurredAt.toISOString(),
  recordedAt: e.recordedAt.toISOString(),
  fromStage: e.fromStage,
  toStage: e.toStage,
});
