import { randomUUID } from 'node:crypto';
import type { MatrixRequest, MatrixResponse } from './runner';
import type { ActorName, World } from './world';

/**
 * The review situations of the access matrix and helpers for its rows (test/access-matrix.e2e-spec.ts and
 * the per-domain rows under ./rows). R1 (A, chaired by chairA, police on the panel), R2 (A, no chair, no panel),
 * RS (A, no chair, health asked for scoping but on no panel), RB (B's twin of R1), missing, bad-id.
 */
export const ON_REVIEWS = ['R1', 'R2', 'RS', 'RB', 'missing', 'bad-id'] as const;
export const MISSING = randomUUID();

export function reviewIdOf(situation: string, w: World): string {
  if (situation === 'R1' || situation === 'R2' || situation === 'RS' || situation === 'RB') return w.reviews[situation];
  return situation === 'missing' ? MISSING : 'not-a-uuid';
}
export const partnershipOfReview = (situation: string, w: World) => (situation === 'RB' ? w.b : w.a);

/** The agency an agency-contact actor belongs to. */
export function agencyOf(actor: ActorName, w: World): string | null {
  const ids: Partial<Record<ActorName, string>> = {
    policeA: w.a.police.id,
    healthA: w.a.health.id,
    policeB: w.b.police.id,
    healthB: w.b.health.id,
  };
  return ids[actor] ?? null;
}

export const get =
  (suffix = '') =>
  (_actor: ActorName, situation: string, w: World): MatrixRequest => ({
    method: 'get',
    path: `/api/reviews/${reviewIdOf(situation, w)}${suffix}`,
  });

/** For a 200 array answer to an agency contact: every row must be about their own agency. */
export function agencyOnlyRows(
  actor: ActorName,
  res: MatrixResponse,
  w: World,
  agencyIdOf: (row: Record<string, unknown>) => unknown,
): string[] {
  if (res.status !== 200) return [];
  if (!Array.isArray(res.body)) return ['not an array'];
  const own = agencyOf(actor, w);
  if (!own) return [];
  return (res.body as Record<string, unknown>[])
    .filter((row) => agencyIdOf(row) !== own)
    .map((row) => `row about another agency or none: ${JSON.stringify(row)}`);
}
