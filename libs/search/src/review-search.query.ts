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
  const { sql, params } = reviewSearchSql(actor, terms, page);
  const manager = 'manager' in db ? db.manager : db;
  const [query, values] = manager.dataSource.driver.escapeQueryWithParameters(sql, params);
  const rows = (await manager.query(query, values)) as Row[];
  let total = rows.length > 0 ? Number(rows[0].total) : 0;
  if (rows.length === 0 && page.offset > 0) {
    // Past the last page: the count alone, so the caller can still say how many there are.
    total = (await searchReviews(db, actor, terms, { limit: 1, offset: 0 })).total;
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

/** The search's SQL with named parameters (`:name`, as TypeORM's query builder takes them): for searchReviews, and to EXPLAIN. */
export function reviewSearchSql(actor: Actor, terms: string, page: SearchPage): { sql: string; params: Record<string, unknown> } {
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
    -- MATERIALIZED: each part computed once. The planner cannot estimate how many reviews an agency
    -- contact sees (an array column), and re-ran inlined parts once per review (seconds at national scale).
    -- The partnership's agencies and users whose names match, once (not once per review).
    named_agencies AS MATERIALIZED (
      SELECT COALESCE(array_agg(a.id), ARRAY[]::uuid[]) AS ids FROM agencies a
      WHERE a.partnership_id = :searchPartnershipId AND a.name ILIKE :searchLike ${ownAgencyOnly ? 'AND a.id = :searchAgencyId' : ''}
    ),
    named_chairs AS MATERIALIZED (
      SELECT COALESCE(array_agg(u.id), ARRAY[]::uuid[]) AS ids FROM users u WHERE u.name ILIKE :searchLike
    ),
    field_hits AS MATERIALIZED (
      SELECT r.id, r.reference, r.stage, r.victim_pseudonym, r.perpetrator_pseudonym, array_remove(ARRAY[
        CASE WHEN r.reference ILIKE :searchLike THEN 'reference' END,
        CASE WHEN r.victim_pseudonym ILIKE :searchLike OR r.perpetrator_pseudonym ILIKE :searchLike THEN 'pseudonym' END,
        CASE WHEN r.stage ILIKE :searchLike OR replace(r.stage, '_', ' ') ILIKE :searchLike THEN 'stage' END,
        CASE WHEN r.chair_user_id = ANY(nc.ids) THEN 'chair' END,
        CASE WHEN r.involved_agency_ids && na.ids THEN 'agency' END
      ], NULL) AS fields
      FROM visible r, named_agencies na, named_chairs nc
    ),
    doc_hits AS (
      SELECT t.review_id, d.id AS document_id, d.title, d.type, t.version, ts_rank(t.tsv, websearch_to_tsquery('english', CAST(:searchTerms AS text))) AS rank
      FROM document_search_text t
           JOIN visible r ON r.id = t.review_id
           JOIN documents d ON d.id = t.document_id
      WHERE t.partnership_id = :searchPartnershipId
        AND t.tsv @@ websearch_to_tsquery('english', CAST(:searchTerms AS text))
        AND NOT EXISTS (SELECT 1 FROM document_versions newer WHERE newer.document_id = t.document_id AND newer.version > t.version)
        AND ${documents.sql}
    ),
    doc_by_review AS MATERIALIZED (
      SELECT review_id, max(rank) AS best,
             jsonb_agg(jsonb_build_object('id', document_id, 'title', title, 'type', type, 'version', version) ORDER BY rank DESC, document_id) AS docs
      FROM doc_hits
      GROUP BY review_id
    ),
    hits AS (
      SELECT f.id, f.reference, f.stage, f.victim_pseudonym, f.perpetrator_pseudonym,
             f.fields || CASE WHEN dr.review_id IS NULL THEN ARRAY[]::text[] ELSE ARRAY['document'] END AS fields,
             COALESCE(dr.docs, CAST('[]' AS jsonb)) AS documents,
             ( CASE WHEN lower(f.reference) = lower(:searchTerms) THEN 100 ELSE 0 END
             + CASE WHEN 'reference' = ANY(f.fields) THEN 20 ELSE 0 END
             + CASE WHEN 'pseudonym' = ANY(f.fields) THEN 10 ELSE 0 END
             + CASE WHEN 'chair' = ANY(f.fields) OR 'agency' = ANY(f.fields) THEN 5 ELSE 0 END
             + CASE WHEN 'stage' = ANY(f.fields) THEN 2 ELSE 0 END
             + COALESCE(dr.best, 0) ) AS score
      FROM field_hits f
      LEFT JOIN doc_by_review dr ON dr.review_id = f.id
      WHERE cardinality(f.fields) > 0 OR dr.review_id IS NOT NULL
    )
    SELECT h.*, count(*) OVER () AS total
    FROM hits h
    ORDER BY h.score DESC, h.reference, h.id
    LIMIT :searchLimit OFFSET :searchOffset`;
  return { sql, params };
}
