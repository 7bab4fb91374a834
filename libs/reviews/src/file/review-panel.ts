import type { ReviewEntity } from '../review.entities';

/**
 * The agencies on a review's panel, from its persisted workflow context (every released workflow
 * version keeps `context.panel`). Not the agencies asked only for scoping: panel papers are for the panel.
 */
export function panelAgencyIds(review: Pick<ReviewEntity, 'snapshot'>): string[] {
  const context = (review.snapshot as { context?: { panel?: { agencyId?: unknown }[] } } | null)?.context;
  return [...new Set((context?.panel ?? []).map((p) => p.agencyId).filter((id): id is string => typeof id === 'string'))];
}
