import type { EntityManager } from 'typeorm';
import { ReviewAccess, reviewAccess } from '@dhr/access';
import { DomainError } from '@dhr/core';
import type { Actor } from '@dhr/identity';
import type { ReferenceFacts, ReferenceFactsQuery } from '../event-references';
import { ReviewEntity } from '../review.entities';

/**
 * The review and how much of it the caller may see; 404 when nothing, so its existence is not revealed. The 404
 * names `notFound`, so on a sub-resource's route a hidden review and a missing sub-resource answer alike.
 * `lock` serialises writers on the review (FOR NO KEY UPDATE: inserts referencing it still go ahead).
 */
export async function findVisibleReview(
  manager: EntityManager,
  actor: Actor,
  id: string,
  options: { lock?: boolean; notFound?: string; references?: ReferenceFactsQuery } = {},
): Promise<{ review: ReviewEntity; access: Exclude<ReviewAccess, 'none'>; facts: ReferenceFacts }> {
  const qb = manager.getRepository(ReviewEntity).createQueryBuilder('r').where('r.id = :id', { id });
  if (options.lock) qb.setLock('for_no_key_update');
  // The checks an event needs ride on the same (locking) read: one round trip.
  const references = options.references;
  for (const select of references?.selects ?? []) qb.addSelect(select.sql, select.alias);
  if (references) qb.setParameters(references.params);
  const { entities, raw } = references ? await qb.getRawAndEntities() : { entities: [await qb.getOne()], raw: [] };
  const review = entities[0] ?? null;
  const access = review ? reviewAccess(actor, review) : 'none';
  if (!review || access === 'none') throw DomainError.notFound(options.notFound ?? 'review');
  return { review, access, facts: references && raw[0] ? references.read(raw[0] as Record<string, unknown>) : {} };
}
