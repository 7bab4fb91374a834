import type { Matrix, MatrixEntry } from '../runner';
import { MISSING, ON_REVIEWS, reviewIdOf } from '../situations';

/**
 * Coordinators of the review's partnership only: every other role is refused by role (403) before
 * anything is looked up; a coordinator gets 404 for a review of another partnership.
 */
function coordinatorOnly(ok: number): MatrixEntry['expect'] {
  const refused = [403, 403, 403, 403, 403, 403];
  return {
    // per situation: R1, R2, RS, RB, missing, bad-id
    anonymous: [401, 401, 401, 401, 401, 401],
    admin: refused,
    coordinatorA: [ok, ok, ok, 404, 404, 400],
    cspChairA: refused,
    chairA: refused,
    otherChairA: refused,
    policeA: refused,
    healthA: refused,
    coordinatorB: [404, 404, 404, ok, 404, 400],
    cspChairB: refused,
    chairB: refused,
    policeB: refused,
    healthB: refused,
  };
}

const path = (suffix: string) => (situation: string, w: Parameters<typeof reviewIdOf>[1]) =>
  `/api/reviews/${reviewIdOf(situation, w)}${suffix}`;

/** Access-matrix rows for the anonymisation routes (situations and helpers: ../situations). */
export const anonymisationRows: Matrix = {
  'GET /api/reviews/{id}/identifying-terms': [
    {
      label: 'read the identifying terms',
      situations: ON_REVIEWS,
      expect: coordinatorOnly(200),
      request: (_actor, situation, w) => ({ method: 'get', path: path('/identifying-terms')(situation, w) }),
      check: (_actor, _situation, res) =>
        res.status === 200 && !Array.isArray((res.body as { terms?: unknown }).terms) ? [`no terms list: ${res.text}`] : [],
    },
  ],

  'PUT /api/reviews/{id}/identifying-terms': [
    {
      label: 'replace the terms (a duplicate: 400 where the review is the caller’s)',
      situations: ON_REVIEWS,
      expect: coordinatorOnly(400),
      request: (_actor, situation, w) => ({
        method: 'put',
        path: path('/identifying-terms')(situation, w),
        body: { terms: ['Matrix Term', 'matrix  TERM'] },
      }),
    },
  ],

  'POST /api/reviews/{id}/identifying-terms/acceptances': [
    {
      label: 'accept a term that is not recorded (400 where the review is the caller’s)',
      situations: ON_REVIEWS,
      expect: coordinatorOnly(400),
      request: (_actor, situation, w) => ({
        method: 'post',
        path: path('/identifying-terms/acceptances')(situation, w),
        body: { term: 'Matrix Term', documentId: MISSING, reason: 'probe' },
      }),
    },
  ],

  // An acceptance id that names nothing: the same 404 whether or not the review is the caller's.
  'DELETE /api/reviews/{id}/identifying-terms/acceptances/{acceptanceId}': [
    {
      label: 'withdraw an acceptance that does not exist',
      situations: ON_REVIEWS,
      expect: coordinatorOnly(404),
      request: (_actor, situation, w) => ({ method: 'delete', path: path(`/identifying-terms/acceptances/${MISSING}`)(situation, w) }),
    },
  ],

  'POST /api/reviews/{id}/anonymisation-check': [
    {
      label: 'check the documents to be published (changes nothing)',
      situations: ON_REVIEWS,
      expect: coordinatorOnly(200),
      request: (_actor, situation, w) => ({ method: 'post', path: path('/anonymisation-check')(situation, w), body: {} }),
      check: (_actor, _situation, res) =>
        res.status === 200 && typeof (res.body as { clean?: unknown }).clean !== 'boolean' ? [`no verdict: ${res.text}`] : [],
    },
  ],
};
