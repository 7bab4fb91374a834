import type { EntityManager } from 'typeorm';
import { AuditWriter, FieldChanges } from '@dhr/audit';
import type { Actor } from '@dhr/identity';

/** Records what a caller did to or read of a review, in the caller's transaction, on the review's partnership chain. */
export function auditReview(
  writer: AuditWriter,
  manager: EntityManager,
  actor: Actor,
  at: Date,
  entry: { action: string; partnershipId: string; reviewId: string | null; changes?: FieldChanges },
): Promise<void> {
  return writer.record(manager, {
    chain: entry.partnershipId,
    actorId: actor.userId,
    actorRole: actor.role,
    action: entry.action,
    reviewId: entry.reviewId,
    entity: 'review',
    entityId: entry.reviewId ?? undefined,
    changes: entry.changes,
    requestId: actor.requestId,
    sourceIp: actor.sourceIp,
    at,
  });
}
