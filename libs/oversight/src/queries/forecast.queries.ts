import type { StageDays } from '../completion-forecast';
import { FORECAST_PATH } from '../stage-path';
import { COMMISSIONED_AT, HELD_SINCE, STAGE_VISITS_CTE } from './stage-visits.sql';
import { DAYS, Queryable } from './queryable';

/** What the forecast knows of the completed reviews of a partnership (or of the deployment). */
export interface ForecastHistory {
  /** Per partnership: each completed (published) review's days in each stage of the path. */
  samples: Map<string, StageDays[]>;
  /** Per partnership: median days of the holds that ended. */
  typicalHoldDays: Map<string, number>;
  /** Per agency: median days late of its late answers to scoping and IMR requests. */
  typicalLateDays: Map<string, number>;
}

/**
 * The samples for the forecasts of these partnerships (all partnerships: null), in one statement:
 * the days each published review spent in each stage (all visits summed), the typical hold and
 * each agency's typical lateness. Never per review in a loop.
 */
export async function forecastHistory(db: Queryable, partnershipIds: string[] | null): Promise<ForecastHistory> {
  const rows: { kind: 'stage' | 'hold' | 'late'; partnership_id: string; key: string; review_id: string | null; days: number }[] =
    await db.query(
      `WITH scoped AS (
         SELECT r.id, r.partnership_id FROM reviews r
          WHERE ($1::uuid[] IS NULL OR r.partnership_id = ANY($1::uuid[]))
            AND r.stage IN ('action_plan', 'closed')
            AND EXISTS (SELECT 1 FROM review_events p WHERE p.review_id = r.id AND p.to_stage = 'action_plan')),
       ${STAGE_VISITS_CTE},
       holds AS (
         SELECT r.partnership_id, extract(epoch FROM resumed.at - h.occurred_at) ${DAYS} AS days
           FROM reviews r
           JOIN review_events h ON h.review_id = r.id AND h.type = 'PUT_ON_HOLD'
           CROSS JOIN LATERAL (SELECT min(x.occurred_at) AS at FROM review_events x
                                WHERE x.review_id = h.review_id AND x.type = 'RESUME' AND x.seq > h.seq) resumed
          WHERE ($1::uuid[] IS NULL OR r.partnership_id = ANY($1::uuid[])) AND resumed.at IS NOT NULL)
       SELECT 'stage' AS kind, s.partnership_id, v.stage AS key, v.review_id,
              sum(extract(epoch FROM v.left_at - v.entered_at) ${DAYS}) AS days
         FROM visits v JOIN scoped s ON s.id = v.review_id
        WHERE v.left_at IS NOT NULL AND v.stage = ANY($2::text[])
        GROUP BY s.partnership_id, v.stage, v.review_id
       UNION ALL
       SELECT 'hold', partnership_id, '', NULL, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM holds GROUP BY partnership_id
       UNION ALL
       SELECT 'late', c.partnership_id, c.agency_id::text, NULL,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.met_at - c.due_at) ${DAYS})
         FROM clocks c
        WHERE ($1::uuid[] IS NULL OR c.partnership_id = ANY($1::uuid[]))
          AND c.kind IN ('scoping_return', 'imr') AND c.status = 'met' AND c.met_at > c.due_at
        GROUP BY c.partnership_id, c.agency_id`,
      [partnershipIds, FORECAST_PATH],
    );
  const byReview = new Map<string, { partnershipId: string; days: StageDays }>();
  const history: ForecastHistory = { samples: new Map(), typicalHoldDays: new Map(), typicalLateDays: new Map() };
  for (const r of rows) {
    if (r.kind === 'hold') history.typicalHoldDays.set(r.partnership_id, Number(r.days));
    else if (r.kind === 'late') history.typicalLateDays.set(r.key, Number(r.days));
    else {
      const entry = byReview.get(r.review_id as string) ?? { partnershipId: r.partnership_id, days: {} };
      entry.days[r.key as keyof StageDays] = Number(r.days);
      byReview.set(r.review_id as string, entry);
    }
  }
  for (const { partnershipId, days } of byReview.values())
    history.samples.set(partnershipId, [...(history.samples.get(partnershipId) ?? []), days]);
  return history;
}

/** An open review as the forecast needs it. */
export interface OpenReviewFacts {
  reviewId: string;
  partnershipId: string;
  reference: string;
  victimPseudonym: string;
  stage: string;
  stageEnteredAt: Date;
  commissionedAt: Date | null;
  onHoldSince: Date | null;
  overdueRequests: { kind: 'imr' | 'scoping_return'; agencyId: string; agencyName: string; dueAt: Date }[];
}

/**
 * The open reviews of these partnerships (only `reviewIds` when given) on the path to publication,
 * with when they entered their stage, were commissioned and were held, and their overdue requests.
 */
export async function openReviewFacts(
  db: Queryable,
  partnershipIds: string[],
  now: Date,
  reviewIds: string[] | null = null,
): Promise<OpenReviewFacts[]> {
  const reviews: {
    id: string;
    partnership_id: string;
    reference: string;
    victim_pseudonym: string;
    stage: string;
    entered_at: Date;
    commissioned_at: Date | null;
    held_since: Date | null;
  }[] = await db.query(
    `SELECT r.id, r.partnership_id, r.reference, r.victim_pseudonym, r.stage,
            (SELECT e.occurred_at FROM review_events e WHERE e.review_id = r.id AND e.from_stage IS DISTINCT FROM e.to_stage
              ORDER BY e.seq DESC LIMIT 1) AS entered_at,
            ${COMMISSIONED_AT('r')} AS commissioned_at,
            CASE WHEN r.on_hold THEN ${HELD_SINCE('r')} END AS held_since
       FROM reviews r
      WHERE r.partnership_id = ANY($1::uuid[]) AND r.stage = ANY($2::text[]) AND ($3::uuid[] IS NULL OR r.id = ANY($3::uuid[]))
      ORDER BY r.reference`,
    [partnershipIds, FORECAST_PATH, reviewIds],
  );
  const requests: { review_id: string; kind: 'imr' | 'scoping_return'; agency_id: string; agency_name: string; due_at: Date }[] =
    await db.query(
      `SELECT c.review_id, c.kind, c.agency_id, a.name AS agency_name, c.due_at
         FROM clocks c JOIN agencies a ON a.id = c.agency_id
        WHERE c.partnership_id = ANY($1::uuid[]) AND c.kind IN ('scoping_return', 'imr') AND c.status = 'open' AND c.due_at < $2
          AND ($3::uuid[] IS NULL OR c.review_id = ANY($3::uuid[]))`,
      [partnershipIds, now, reviewIds],
    );
  return reviews.map((r) => ({
    reviewId: r.id,
    partnershipId: r.partnership_id,
    reference: r.reference,
    victimPseudonym: r.victim_pseudonym,
    stage: r.stage,
    stageEnteredAt: r.entered_at,
    commissionedAt: r.commissioned_at,
    onHoldSince: r.held_since,
    overdueRequests: requests
      .filter((q) => q.review_id === r.id)
      .map((q) => ({ kind: q.kind, agencyId: q.agency_id, agencyName: q.agency_name, dueAt: q.due_at })),
  }));
}
