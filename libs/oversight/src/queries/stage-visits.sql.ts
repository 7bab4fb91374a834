/**
 * The stage visits of the reviews in CTE `scoped` (needs a column `id`): each stage-changing event
 * of the history starts a visit that the next one ends (`left_at` null while the review is still
 * there). Events that change no stage (a hold, a request, a workflow migration) are not visits.
 * Reads the events by review through their primary key (review_id, seq).
 */
export const STAGE_VISITS_CTE = `
  visits AS (
    SELECT e.review_id, e.to_stage AS stage, e.occurred_at AS entered_at,
           lead(e.occurred_at) OVER (PARTITION BY e.review_id ORDER BY e.seq) AS left_at
      FROM scoped s
      JOIN review_events e ON e.review_id = s.id
     WHERE e.from_stage IS DISTINCT FROM e.to_stage
  )`;

/** The first event that took a review out of notification (or a declined decision) into the review itself. */
export const COMMISSIONED_AT = (alias: string) => `(
    SELECT min(c.occurred_at) FROM review_events c
     WHERE c.review_id = ${alias}.id AND c.from_stage IN ('notification', 'not_commissioned')
       AND c.to_stage NOT IN ('notification', 'not_commissioned', 'closed'))`;

/** When the review's current hold began: its latest PUT_ON_HOLD. */
export const HELD_SINCE = (alias: string) => `(
    SELECT max(h.occurred_at) FROM review_events h WHERE h.review_id = ${alias}.id AND h.type = 'PUT_ON_HOLD')`;
