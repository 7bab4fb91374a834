import type { EntityManager } from 'typeorm';
import { AuditWriter, FieldChanges } from '@dhr/audit';
import type { Actor } from '@dhr/identity';

/**
 * Records what a caller did to or read of a review (or of a part of its file: a document, a meeting…), in the
 * caller's transaction, on the review's partnership chain. Every domain of the review file audits through this.
 */
export function auditReview(
  writer: AuditWriter,
  manager: EntityManager,
  actor: Actor,
  at: Date,
  entry: { action: string; partnershipId: string; reviewId: string | null; entity?: string; entityId?: string; changes?: FieldChanges },
): Promise<void> {
  return writer.record(manager, {
    chain: entry.partnershipId,
    actorId: actor.userId,
    actorRole: actor.role,
    action: entry.action,
    reviewId: entry.reviewId,
    entity: entry.entity ?? 'review',
    entityId: entry.entityId ?? entry.reviewId ?? undefined,
    changes: entry.changes,
    requestId: actor.requestId,
    sourceIp: actor.sourceIp,
    at,
  });
}
