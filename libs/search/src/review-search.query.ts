import type { DataSource, EntityManager } from 'typeorm';
import { readableDocumentsCondition, visibleReviewsCondition } from '@dhr/access';
import type { Actor } from '@dhr/identity';
import type { SearchPage } from './search-terms';

/** Why a review matched: fields of the review, or the text of one of its documents. */
export type MatchedField = 'reference' | 'pseudonym' | 'stage' | 'chair' | 'agency' | 'document';

/** A document whose text (its latest version's) matched, as the caller may read it. */
export interface MatchedDocument {
  id: string;
  title: string | null;
  type: string;
  version: number;
}

export interface ReviewSearchHit {
  id: string;
  reference: string;
  stage: string;
  victimPseudonym: string;
  perpetratorPseudonym: string | null;
  matched: MatchedField[];
  documents: MatchedDocument[];
  /** Higher first: an exact reference, then the review's own fields, then how well document text matched. */
  score: number;
}

export interface ReviewSearchResult {
  total: number;
  items: ReviewSearchHit[];
}

interface Row {
  id: string;
  reference: string;
  stage: string;
  victim_pseudonym: string;
  perpetrator_pseudonym: string | null;
  fields: MatchedField[];
  documents: MatchedDocument[];
  score: number;
  total: string;
}

/**
 * Searches the reviews this actor may see for the terms, in one query with the access rules in it
 * (never filtered afterwards): the review access policy's SQL twin picks the reviews, and the
 * document policy's twin the documents whose text counts. Review fields match as a literal
 * substring (case-insensitive); document text by Postgres full-text search (`english`,
 * `websearch_to_tsquery`: words, "a phrase", -not, or) over the latest version of each document.
 * An agency contact matches the agency field on their own agency's name only (they are not told
 * which other agencies take part). No audit here: callers audit (SearchService); benchmarks call it
 * directly with a DataSource.
 */
export async function searchReviews(
  db: DataSource | EntityManager,
  actor: Actor,
  terms: string,
  page: SearchPage,
): Promise<ReviewSearchResult> {
  const reviews = visibleReviewsCondition(actor);
  const documents = readableDocumentsCondition(actor);
  const ownAgencyOnly = actor.role === 'agency_contact';
  const params = {
    ...reviews.params,
    ...documents.params,
    searchTerms: terms,
    searchLike: `%${terms.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    searchPartnershipId: actor.partnershipId,
    searchAgencyId: actor.agencyId,
    searchLimit: page.limit,
    searchOffset: page.offset,
  };
  const sql = `
    WITH visible AS (
      SELECT r.id, r.reference, r.stage, r.victim_pseudonym, r.perpetrator_pseudonym, r.chair_user_id, r.involved_agency_ids, r.snapshot
      FROM reviews r
      WHERE ${reviews.sql}
    ),
    field_hits AS (
      SELECT r.id AS review_id, array_remove(ARRAY[
        CASE WHEN r.reference ILIKE :searchLike THEN 'reference' END,
        CASE WHEN r.victim_pseudonym ILIKE :searchLike OR r.perpetrator_pseudonym ILIKE :searchLike THEN 'pseudonym' END,
        CASE WHEN r.stage ILIKE :searchLike OR replace(r.stage, '_', ' ') ILIKE :searchLike THEN 'stage' END,
        CASE WHEN EXISTS (SELECT 1 FROM users u WHERE u.id = r.chair_user_id AND u.name ILIKE :searchLike) THEN 'chair' END,
        CASE WHEN EXISTS (
          SELECT 1 FROM agencies a
          WHERE a.id = ANY(r.involved_agency_ids) AND a.name ILIKE :searchLike ${ownAgencyOnly ? 'AND a.id = :searchAgencyId' : ''}
        ) THEN 'agency' END
      ], NULL) AS fields
      FROM visible r
    ),
    doc_hits AS (
      SELECT t.review_id, d.id AS document_id, d.title, d.type, t.version, ts_rank(t.tsv, query) AS rank
      FROM websearch_to_tsquery('english', :searchTerms) query,
           document_search_text t
           JOIN visible r ON r.id = t.review_id
           JOIN documents d ON d.id = t.document_id
      WHERE t.partnership_id = :searchPartnershipId
        AND t.tsv @@ query
        AND NOT EXISTS (SELECT 1 FROM document_versions newer WHERE newer.document_id = t.document_id AND newer.version > t.version)
        AND ${documents.sql}
    ),
    doc_by_review AS (
      SELECT review_id, max(rank) AS best,
             jsonb_agg(jsonb_build_object('id', document_id, 'title', title, 'type', type, 'version', version) ORDER BY rank DESC, document_id) AS docs
      FROM doc_hits
      GROUP BY review_id
    ),
    hits AS (
      SELECT r.id, r.reference, r.stage, r.victim_pseudonym, r.perpetrator_pseudonym,
             f.fields || CASE WHEN dr.review_id IS NULL THEN ARRAY[]::text[] ELSE ARRAY['document'] END AS fields,
             COALESCE(dr.docs, CAST('[]' AS jsonb)) AS documents,
             ( CASE WHEN lower(r.reference) = lower(:searchTerms) THEN 100 ELSE 0 END
             + CASE WHEN 'reference' = ANY(f.fields) THEN 20 ELSE 0 END
             + CASE WHEN 'pseudonym' = ANY(f.fields) THEN 10 ELSE 0 END
             + CASE WHEN 'chair' = ANY(f.fields) OR 'agency' = ANY(f.fields) THEN 5 ELSE 0 END
             + CASE WHEN 'stage' = ANY(f.fields) THEN 2 ELSE 0 END
             + COALESCE(dr.best, 0) ) AS score
      FROM visible r
      JOIN field_hits f ON f.review_id = r.id
      LEFT JOIN doc_by_review dr ON dr.review_id = r.id
      WHERE cardinality(f.fields) > 0 OR dr.review_id IS NOT NULL
    )
    SELECT h.*, count(*) OVER () AS total
    FROM hits h
    ORDER BY h.score DESC, h.reference, h.id
    LIMIT :searchLimit OFFSET :searchOffset`;
  const manager = 'manager' in db ? db.manager : db;
  const [query, values] = manager.dataSource.driver.escapeQueryWithParameters(sql, params);
  const rows = (await manager.query(query, values)) as Row[];
  let total = rows.length > 0 ? Number(rows[0].total) : 0;
  if (rows.length === 0 && page.offset > 0) {
    // Past the last page: the count alone, so the caller can still say how many there are.
    const counted = (await searchReviews(db, actor, terms, { limit: 1, offset: 0 })).total;
    total = counted;
  }
  return {
    total,
    items: rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      stage: row.stage,
      victimPseudonym: row.victim_pseudonym,
      perpetratorPseudonym: row.perpetrator_pseudonym,
      matched: row.fields,
      documents: row.documents,
      score: Number(row.score),
    })),
  };
}
