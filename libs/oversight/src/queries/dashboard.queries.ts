import { COMMISSIONED_AT, HELD_SINCE, STAGE_VISITS_CTE } from './stage-visits.sql';
import { DAYS, NamedReview, Period, Queryable, round1 } from './queryable';

// The oversight read model: aggregate, read-only SQL over reviews, their history, clocks and
// recommendations, for a list of partnerships. Every query starts from the partnership (an index
// on reviews or clocks) and reaches per-review rows through their primary keys, so it stays cheap
// at national scale (bench/national-queries.ts calls these directly with a DataSource).

export interface StageCount {
  stage: string;
  reviews: number;
  onHold: number;
}

/** Reviews by stage now, and how many of them are on hold. */
export async function reviewsByStage(db: Queryable, partnershipIds: string[]): Promise<StageCount[]> {
  const rows: { stage: string; reviews: number; on_hold: number }[] = await db.query(
    `SELECT stage, count(*)::int AS reviews, count(*) FILTER (WHERE on_hold)::int AS on_hold
       FROM reviews WHERE partnership_id = ANY($1::uuid[]) GROUP BY stage`,
    [partnershipIds],
  );
  return rows.map((r) => ({ stage: r.stage, reviews: r.reviews, onHold: r.on_hold }));
}

export interface HeldReview extends NamedReview {
  since: Date | null;
  daysOnHold: number | null;
}

/** Reviews on hold now, longest held first, with how long. */
export async function reviewsOnHold(db: Queryable, partnershipIds: string[], now: Date): Promise<HeldReview[]> {
  const rows: { id: string; reference: string; victim_pseudonym: string; stage: string; since: Date | null }[] = await db.query(
    `SELECT r.id, r.reference, r.victim_pseudonym, r.stage, ${HELD_SINCE('r')} AS since
       FROM reviews r WHERE r.partnership_id = ANY($1::uuid[]) AND r.on_hold
      ORDER BY since NULLS LAST, r.reference`,
    [partnershipIds],
  );
  return rows.map((r) => ({
    ...named(r),
    since: r.since,
    daysOnHold: r.since ? Math.floor((now.getTime() - r.since.getTime()) / 86_400_000) : null,
  }));
}

export interface LateReview extends NamedReview {
  commissionedAt: Date;
  daysSinceCommissioning: number;
}

/** Reviews not yet signed off whose commissioning is longer ago than the completion clock's length (six months). */
export async function reviewsPastExpectation(
  db: Queryable,
  partnershipIds: string[],
  now: Date,
  completion: { months?: number; weeks?: number; days?: number },
): Promise<LateReview[]> {
  const rows: { id: string; reference: string; victim_pseudonym: string; stage: string; commissioned_at: Date }[] = await db.query(
    `SELECT * FROM (
       SELECT r.id, r.reference, r.victim_pseudonym, r.stage, ${COMMISSIONED_AT('r')} AS commissioned_at
         FROM reviews r
        WHERE r.partnership_id = ANY($1::uuid[])
          AND r.stage IN ('setup', 'information_gathering', 'drafting', 'family_review', 'csp_signoff')) c
      WHERE (c.commissioned_at AT TIME ZONE 'Europe/London' + make_interval(months => $3, days => $4)) AT TIME ZONE 'Europe/London' < $2
      ORDER BY c.commissioned_at, c.reference`,
    [partnershipIds, now, completion.months ?? 0, (completion.weeks ?? 0) * 7 + (completion.days ?? 0)],
  );
  return rows.map((r) => ({
    ...named(r),
    commissionedAt: r.commissioned_at,
    daysSinceCommissioning: Math.floor((now.getTime() - r.commissioned_at.getTime()) / 86_400_000),
  }));
}

export interface StageTime {
  stage: string;
  visits: number;
  medianDays: number | null;
  p90Days: number | null;
}

/** Median and 90th percentile days in each stage, over the stage visits that ended in the period. */
export async function timeInStages(db: Queryable, partnershipIds: string[], period: Period): Promise<StageTime[]> {
  const rows: { stage: string; visits: number; median: number; p90: number }[] = await db.query(
    `WITH scoped AS (SELECT id FROM reviews WHERE partnership_id = ANY($1::uuid[])), ${STAGE_VISITS_CTE}
     SELECT stage, count(*)::int AS visits,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM left_at - entered_at) ${DAYS}) AS median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM left_at - entered_at) ${DAYS}) AS p90
       FROM visits WHERE left_at >= $2 AND left_at < $3 GROUP BY stage`,
    [partnershipIds, period.from, period.to],
  );
  return rows.map((r) => ({ stage: r.stage, visits: r.visits, medianDays: round1(r.median), p90Days: round1(r.p90) }));
}

export interface OverdueNow {
  total: number;
  byKind: { kind: string; count: number }[];
  byAgency: { agencyId: string; agencyName: string; count: number }[];
}

/** Clocks open past their due time now: by kind, and by agency for the clocks an agency owns. */
export async function overdueNow(db: Queryable, partnershipIds: string[], now: Date): Promise<OverdueNow> {
  const rows: { kind: string; agency_id: string | null; agency_name: string | null; count: number }[] = await db.query(
    `SELECT c.kind, c.agency_id, a.name AS agency_name, count(*)::int AS count
       FROM clocks c LEFT JOIN agencies a ON a.id = c.agency_id
      WHERE c.partnership_id = ANY($1::uuid[]) AND c.status = 'open' AND c.due_at < $2
      GROUP BY c.kind, c.agency_id, a.name`,
    [partnershipIds, now],
  );
  const byKind = new Map<string, number>();
  const byAgency = new Map<string, { agencyId: string; agencyName: string; count: number }>();
  for (const r of rows) {
    byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + r.count);
    if (r.agency_id) {
      const entry = byAgency.get(r.agency_id) ?? { agencyId: r.agency_id, agencyName: r.agency_name ?? '', count: 0 };
      entry.count += r.count;
      byAgency.set(r.agency_id, entry);
    }
  }
  return {
    total: rows.reduce((sum, r) => sum + r.count, 0),
    byKind: [...byKind].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
    byAgency: [...byAgency.values()].sort((a, b) => b.count - a.count || a.agencyName.localeCompare(b.agencyName)),
  };
}

export interface AgencyResponsiveness {
  agencyId: string;
  agencyName: string;
  /** Scoping and IMR requests answered in the period. */
  answered: number;
  onTime: number;
  /** Median days late of the answers that were late; null when none was. */
  medianDaysLate: number | null;
  overdueNow: number;
}

/** Per agency: scoping and IMR requests answered in the period (on time, median lateness) and overdue now. */
export async function agencyResponsiveness(
  db: Queryable,
  partnershipIds: string[],
  period: Period,
  now: Date,
): Promise<AgencyResponsiveness[]> {
  const rows: { agency_id: string; agency_name: string; answered: number; on_time: number; late: number | null; overdue: number }[] =
    await db.query(
      `SELECT c.agency_id, a.name AS agency_name,
              count(*) FILTER (WHERE c.status = 'met')::int AS answered,
              count(*) FILTER (WHERE c.status = 'met' AND c.met_at <= c.due_at)::int AS on_time,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.met_at - c.due_at) ${DAYS})
                FILTER (WHERE c.status = 'met' AND c.met_at > c.due_at) AS late,
              count(*) FILTER (WHERE c.status = 'open')::int AS overdue
         FROM clocks c JOIN agencies a ON a.id = c.agency_id
        WHERE c.partnership_id = ANY($1::uuid[]) AND c.kind IN ('scoping_return', 'imr')
          AND ((c.status = 'met' AND c.met_at >= $2 AND c.met_at < $3) OR (c.status = 'open' AND c.due_at < $4))
        GROUP BY c.agency_id, a.name ORDER BY a.name, c.agency_id`,
      [partnershipIds, period.from, period.to, now],
    );
  return rows.map((r) => ({
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    answered: r.answered,
    onTime: r.on_time,
    medianDaysLate: round1(r.late),
    overdueNow: r.overdue,
  }));
}

export interface QaRounds {
  /** Reviews submitted to the Home Office in the period. */
  reviews: number;
  /** Their submissions so far, all rounds. */
  rounds: number;
  distribution: { rounds: number; reviews: number }[];
}

/** Home Office QA rounds per review, for the reviews submitted in the period. */
export async function homeOfficeQaRounds(db: Queryable, partnershipIds: string[], period: Period): Promise<QaRounds> {
  const rows: { rounds: number; reviews: number }[] = await db.query(
    `SELECT rounds, count(*)::int AS reviews FROM (
       SELECT r.id, count(*)::int AS rounds
         FROM reviews r JOIN review_events e ON e.review_id = r.id AND e.type = 'SUBMIT_TO_HOME_OFFICE'
        WHERE r.partnership_id = ANY($1::uuid[])
        GROUP BY r.id HAVING bool_or(e.occurred_at >= $2 AND e.occurred_at < $3)) per_review
      GROUP BY rounds ORDER BY rounds`,
    [partnershipIds, period.from, period.to],
  );
  return {
    reviews: rows.reduce((sum, r) => sum + r.reviews, 0),
    rounds: rows.reduce((sum, r) => sum + r.rounds * r.reviews, 0),
    distribution: rows,
  };
}

export interface ActionProgress {
  open: number;
  overdue: number;
  complete: number;
}

/** Action-plan actions (their clocks): open, overdue now, complete. */
export async function actionProgress(db: Queryable, partnershipIds: string[], now: Date): Promise<ActionProgress> {
  const [row]: ActionProgress[] = await db.query(
    `SELECT count(*) FILTER (WHERE status IN ('open', 'on_hold'))::int AS open,
            count(*) FILTER (WHERE status = 'open' AND due_at < $2)::int AS overdue,
            count(*) FILTER (WHERE status = 'met')::int AS complete
       FROM clocks WHERE partnership_id = ANY($1::uuid[]) AND kind = 'action'`,
    [partnershipIds, now],
  );
  return row;
}

/** National recommendations by routing status (not sent, awaiting a response, response received). */
export async function nationalRecommendations(db: Queryable, partnershipIds: string[]): Promise<{ status: string; count: number }[]> {
  return db.query(
    `SELECT CASE WHEN rec.responded_on IS NOT NULL THEN 'response_received'
                 WHEN rec.sent_on IS NOT NULL THEN 'awaiting_response' ELSE 'not_sent' END AS status,
            count(*)::int AS count
       FROM reviews r JOIN recommendations rec ON rec.review_id = r.id AND rec.scope = 'national'
      WHERE r.partnership_id = ANY($1::uuid[])
      GROUP BY 1 ORDER BY 1`,
    [partnershipIds],
  );
}

function named(r: { id: string; reference: string; victim_pseudonym: string; stage: string }): NamedReview {
  return { reviewId: r.id, reference: r.reference, victimPseudonym: r.victim_pseudonym, stage: r.stage };
}
