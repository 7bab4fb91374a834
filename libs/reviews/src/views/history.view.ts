import type { NameLookup } from '@dhr/identity';
import type { ReviewEventEntity } from '../review.entities';

/** One history entry, with who did it and the agency it concerns named. */
export const historyView = (e: ReviewEventEntity, names: NameLookup) => ({
  seq: e.seq,
  type: e.type,
  payload: e.payload,
  actorId: e.actorId,
  actor: names.user(e.actorId),
  // A chair's or CSP chair's step the coordinator (the actor) recorded for them, and what records it.
  onBehalfOf: names.user(e.onBehalfOf),
  evidence: e.evidence,
  agencyName: names.agencyName(typeof e.payload.agencyId === 'string' ? e.payload.agencyId : null),
  occurredAt: e.occurredAt.toISOString(),
  recordedAt: e.recordedAt.toISOString(),
  fromStage: e.fromStage,
  toStage: e.toStage,
});
