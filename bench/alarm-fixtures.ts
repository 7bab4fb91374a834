import type { DataSource } from 'typeorm';
import { seedPartnership, Seed } from '../test/support/actors';
import { daysAgo, reviewBody } from '../test/support/review-driver';
import type { TestApp } from '../test/support/test-app';

/** The q-th quantile (0..1) of numbers already sorted ascending (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`);

/** A partnership and one review (through the API) to hang bench clocks on. */
export async function benchReview(t: TestApp, code: string): Promise<{ seed: Seed; reviewId: string }> {
  const seed = await seedPartnership(t, code);
  const res = await t
    .http()
    .post('/api/reviews')
    .set(seed.coordinator.auth)
    .send(reviewBody(seed.partnership.id, { notifiedAt: daysAgo(1) }));
  if (res.status !== 201) throw new Error(`review not created: ${res.status}`);
  return { seed, reviewId: res.body.id };
}

/**
 * `n` open completion clocks on one review, generated in SQL (generate_series) in one statement:
 * started 30 days ago, due at `dueSql` (an expression over the series index `g`, 1..n).
 */
export async function insertClocks(
  db: DataSource,
  reviewId: string,
  partnershipId: string,
  n: number,
  dueSql: string,
  tag: string,
): Promise<void> {
  await db.query(
    `INSERT INTO clocks (review_id, partnership_id, kind, subject_key, rulebook_id, started_at, due_at, status, created_at, updated_at)
     SELECT $1, $2, 'completion', $3 || ':' || g, 'bench', now() - interval '30 days', ${dueSql}, 'open', now(), now()
     FROM generate_series(1, $4::int) g`,
    [reviewId, partnershipId, tag, n],
  );
}
