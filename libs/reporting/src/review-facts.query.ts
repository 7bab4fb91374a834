import type { EntityManager } from 'typeorm';
import { ActionRow, EventRow, FactRows, RecommendationRow, RequestClockRow, ReviewRow } from './review-facts';

/**
 * The rows behind the reports, read-only: reviews of the given partnerships (every one when
 * `partnershipIds` is null) notified before `before`, their events, the actions of their action
 * plans (the statechart's, with the recommendation each serves), their scoping and IMR request
 * clocks, and their recommendations. Narrow columns: no free text but the hold reason, which only
 * the restricted board report shows.
 */
export async function loadFactRows(manager: EntityManager, partnershipIds: string[] | null, before: Date): Promise<FactRows> {
  const reviews: Record<string, unknown>[] = await manager.query(
    `SELECT r.id, r.reference, r.partnership_id, p.name AS partnership_name, p.code AS partnership_code, r.stage,
            r.notified_at, r.victim_pseudonym, r.perpetrator_pseudonym, r.snapshot->'context'->>'deathType' AS death_type
       FROM reviews r JOIN partnerships p ON p.id = r.partnership_id
      WHERE ($1::uuid[] IS NULL OR r.partnership_id = ANY($1)) AND r.notified_at < $2
      ORDER BY p.code, r.reference`,
    [partnershipIds, before],
  );
  const ids = reviews.map((r) => r.id as string);
  if (ids.length === 0) return { reviews: [], events: [], actions: [], requestClocks: [], recommendations: [] };
  const [events, actions, clocks, recommendations]: Record<string, unknown>[][] = await Promise.all([
    manager.query(
      `SELECT review_id, seq, type, occurred_at, from_stage, to_stage, payload->>'kind' AS hold_kind, payload->>'scope' AS hold_scope,
              CASE WHEN type = 'PUT_ON_HOLD' THEN payload->>'reason' END AS reason, payload->>'outcome' AS outcome
         FROM review_events WHERE review_id = ANY($1) ORDER BY review_id, seq`,
      [ids],
    ),
    manager.query(
      `SELECT r.id AS review_id, a->>'id' AS id, a->>'dueAt' AS due_at, a->>'status' AS status, a->>'completedAt' AS completed_at,
              d.recommendation_id
         FROM reviews r CROSS JOIN LATERAL jsonb_array_elements(COALESCE(r.snapshot->'context'->'actions', '[]'::jsonb)) a
         LEFT JOIN action_details d ON d.action_id = (a->>'id')::uuid
        WHERE r.id = ANY($1)`,
      [ids],
    ),
    manager.query(
      `SELECT c.review_id, c.kind, c.agency_id, a.name AS agency_name, c.started_at, c.due_at, c.met_at, c.status
         FROM clocks c LEFT JOIN agencies a ON a.id = c.agency_id
        WHERE c.review_id = ANY($1) AND c.kind IN ('scoping', 'imr') AND c.status <> 'cancelled'`,
      [ids],
    ),
    manager.query(
      `SELECT review_id, id, number, scope, department, to_char(sent_on, 'YYYY-MM-DD') AS sent_on,
              to_char(responded_on, 'YYYY-MM-DD') AS responded_on
         FROM recommendations WHERE review_id = ANY($1)`,
      [ids],
    ),
  ]);
  return {
    reviews: reviews.map((r): ReviewRow => ({
      id: r.id as string,
      reference: r.reference as string,
      partnershipId: r.partnership_id as string,
      partnershipName: r.partnership_name as string,
      partnershipCode: r.partnership_code as string,
      stage: r.stage as string,
      notifiedAt: r.notified_at as Date,
      victimPseudonym: r.victim_pseudonym as string,
      perpetratorPseudonym: r.perpetrator_pseudonym as string | null,
      deathType: r.death_type as string | null,
    })),
    events: events.map((e): EventRow => ({
      reviewId: e.review_id as string,
      seq: Number(e.seq),
      type: e.type as string,
      occurredAt: e.occurred_at as Date,
      fromStage: e.from_stage as string | null,
      toStage: e.to_stage as string,
      holdKind: e.hold_kind as string | null,
      holdScope: e.hold_scope as string | null,
      reason: e.reason as string | null,
      outcome: e.outcome as string | null,
    })),
    actions: actions.map((a): ActionRow => ({
      reviewId: a.review_id as string,
      id: a.id as string,
      dueAt: new Date(a.due_at as string),
      status: a.status === 'complete' ? 'complete' : 'open',
      completedAt: a.completed_at ? new Date(a.completed_at as string) : null,
      recommendationId: a.recommendation_id as string | null,
    })),
    requestClocks: clocks.map((c): RequestClockRow => ({
      reviewId: c.review_id as string,
      kind: c.kind as 'scoping' | 'imr',
      agencyId: c.agency_id as string | null,
      agencyName: c.agency_name as string | null,
      startedAt: c.started_at as Date,
      dueAt: c.due_at as Date,
      metAt: c.met_at as Date | null,
      status: c.status as string,
    })),
    recommendations: recommendations.map((r): RecommendationRow => ({
      reviewId: r.review_id as string,
      id: r.id as string,
      number: Number(r.number),
      scope: r.scope as 'local' | 'national',
      department: r.department as string | null,
      sentOn: r.sent_on as string | null,
      respondedOn: r.responded_on as string | null,
    })),
  };
}
