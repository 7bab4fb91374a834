import type { Actor } from '@dhr/identity';
import type { ReviewAccess } from './review-access.policy';

/** What the policy needs to know about a document of a review it already lets the caller see. */
export interface DocumentScope {
  agencyId: string | null;
  sharedWithPanel: boolean;
}

/**
 * Panel papers: an agency contact sees their own agency's documents and, when their agency sits
 * on the review's panel, the documents shared with the panel. Everyone with `full` access sees
 * every document. (`panelAgencyIds`: the review's panel, not the agencies asked only for scoping.)
 */
export function mayReadDocument(
  actor: Actor,
  access: Exclude<ReviewAccess, 'none'>,
  doc: DocumentScope,
  panelAgencyIds: readonly string[],
): boolean {
  if (access === 'full') return true;
  if (actor.agencyId === null) return false;
  return doc.agencyId === actor.agencyId || (doc.sharedWithPanel && panelAgencyIds.includes(actor.agencyId));
}

/** The same rule as SQL for lists: a WHERE fragment over document alias `d` (null: no condition), with its parameters. */
export function visibleDocumentsCondition(
  actor: Actor,
  access: Exclude<ReviewAccess, 'none'>,
  panelAgencyIds: readonly string[],
): { sql: string; params: Record<string, unknown> } | null {
  if (access === 'full') return null;
  if (actor.agencyId === null) return { sql: 'false', params: {} };
  const onPanel = panelAgencyIds.includes(actor.agencyId);
  return {
    sql: onPanel ? '(d.agency_id = :visibleAgencyId OR d.shared_with_panel_at IS NOT NULL)' : 'd.agency_id = :visibleAgencyId',
    params: { visibleAgencyId: actor.agencyId },
  };
}

/**
 * Which documents may be shared with the panel: none of one agency's (its IMR, its chronology, a
 * letter to it), since the other agencies on the panel would read it. Null when it may be shared;
 * otherwise why not, in words for the 400.
 */
export function whyNotShareable(doc: { type: string; agencyId: string | null }): string | null {
  if (doc.type === 'imr' || doc.type === 'chronology')
    return `an agency's ${doc.type === 'imr' ? 'IMR' : 'chronology'} is never shared with the panel: other agencies never see another agency's return`;
  if (doc.agencyId !== null)
    return "a document of one agency is never shared with the panel: other agencies never see another agency's documents";
  return null;
}

/**
 * The same rule as SQL across reviews (search): a WHERE fragment over document alias `d` and its
 * review alias `r`, for reviews `visibleReviewsCondition` already lets the caller see. There every
 * coordinator, CSP chair and independent chair has `full` access (a chair sees only the reviews they
 * chair), and an agency contact `agency` access; the review's panel is read from its persisted
 * workflow context (`context.panel`, as `panelAgencyIds` does), row by row.
 */
export function readableDocumentsCondition(actor: Actor): { sql: string; params: Record<string, unknown> } {
  switch (actor.role) {
    case 'coordinator':
    case 'csp_chair':
    case 'independent_chair':
      return { sql: 'true', params: {} };
    case 'agency_contact':
      if (actor.agencyId === null) return { sql: 'false', params: {} };
      return {
        sql: `(d.agency_id = :readerAgencyId OR (d.shared_with_panel_at IS NOT NULL AND
               COALESCE(r.snapshot -> 'context' -> 'panel', CAST('[]' AS jsonb)) @> jsonb_build_array(jsonb_build_object('agencyId', CAST(:readerAgencyKey AS text)))))`,
        // Two names for one value: Postgres types each parameter once (uuid here, text in the jsonb).
        params: { readerAgencyId: actor.agencyId, readerAgencyKey: actor.agencyId },
      };
    case 'admin':
      return { sql: 'false', params: {} };
  }
}
