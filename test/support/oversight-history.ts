import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * A generated history with known answers for the dashboard and forecast suites, written straight
 * into the tables. Why not through the API: the history spans a year in the past with exact stage
 * lengths (to the hour), and answers to requests at chosen lateness; the API rightly keeps events
 * in order and in the past of "now", and meets a request's clock when it is received, so building
 * this through it would take hundreds of calls and could not place every instant exactly. The
 * rows are what the spine writes (stage-changing events with from/to stage, clocks with due and
 * met times), so the read model reads them as it reads real ones.
 */

const DAY = 86_400_000;
export const at = (iso: string) => new Date(iso);
export const plusDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY);

export interface HistoryEvent {
  type: string;
  at: Date;
  from: string | null;
  to: string;
}

export interface ClockRow {
  kind: string;
  agencyId: string | null;
  dueAt: Date;
  status: 'open' | 'met' | 'on_hold' | 'cancelled';
  metAt?: Date;
  actionId?: string;
}

export interface HistoryReview {
  reference: string;
  victimPseudonym: string;
  stage: string;
  onHold?: boolean;
  involvedAgencyIds?: string[];
  events: HistoryEvent[];
  clocks?: ClockRow[];
}

/** Stage changes along the main path from `start`, spending the given days in each stage. */
export function pathEvents(start: Date, days: [stage: string, days: number][], finalStage: string): HistoryEvent[] {
  const events: HistoryEvent[] = [{ type: 'NOTIFIED', at: start, from: null, to: days[0][0] }];
  let t = start;
  days.forEach(([stage, length], i) => {
    t = plusDays(t, length);
    events.push({ type: `MOVE_${i}`, at: t, from: stage, to: days[i + 1]?.[0] ?? finalStage });
  });
  return events;
}

/** Inserts the reviews, their history and clocks; returns their ids by reference. */
export async function insertHistory(
  db: DataSource,
  partnershipId: string,
  createdBy: string,
  reviews: HistoryReview[],
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const review of reviews) {
    const id = randomUUID();
    ids[review.reference] = id;
    const events = [...review.events].sort((a, b) => a.at.getTime() - b.at.getTime());
    await db.query(
      `INSERT INTO reviews (id, reference, partnership_id, workflow_name, workflow_version, snapshot, stage, on_hold,
                            notified_at, notified_by, death_date, victim_pseudonym, created_by, involved_agency_ids)
       VALUES ($1, $2, $3, 'dhr', 3, '{}'::jsonb, $4, $5, $6, 'Police', $7::date, $8, $9, $10::uuid[])`,
      [
        id,
        review.reference,
        partnershipId,
        review.stage,
        review.onHold ?? false,
        events[0].at,
        events[0].at.toISOString().slice(0, 10),
        review.victimPseudonym,
        createdBy,
        review.involvedAgencyIds ?? [],
      ],
    );
    let seq = 0;
    for (const e of events) {
      seq += 1;
      await db.query(
        `INSERT INTO review_events (review_id, seq, type, payload, actor_id, occurred_at, from_stage, to_stage, workflow_version)
         VALUES ($1, $2, $3, '{}'::jsonb, $4, $5, $6, $7, 3)`,
        [id, seq, e.type, createdBy, e.at, e.from, e.to],
      );
    }
    for (const [i, c] of (review.clocks ?? []).entries()) {
      await db.query(
        `INSERT INTO clocks (review_id, partnership_id, kind, agency_id, action_id, subject_key, rulebook_id, started_at, due_at, status, met_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'dhr-2016', $7, $8, $9, $10)`,
        [
          id,
          partnershipId,
          c.kind,
          c.agencyId,
          c.actionId ?? null,
          `${c.kind}:${i}`,
          plusDays(c.dueAt, -42),
          c.dueAt,
          c.status,
          c.metAt ?? null,
        ],
      );
    }
  }
  return ids;
}
