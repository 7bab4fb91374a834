import type { Matrix, MatrixRequest, MatrixResponse } from '../runner';
import { get, MISSING, ON_REVIEWS } from '../situations';
import type { ActorName, World } from '../world';

/** The dashboard's situations: A's, B's, one that does not exist, a malformed id. */
const ON_PARTNERSHIPS = ['A', 'B', 'missing', 'bad-id'] as const;
const dashboardOf = (_actor: ActorName, situation: string, w: World): MatrixRequest => {
  const id = situation === 'A' ? w.a.partnership.id : situation === 'B' ? w.b.partnership.id : situation === 'missing' ? MISSING : 'x';
  return { method: 'get', path: `/api/partnerships/${id}/dashboard` };
};

/** A dashboard answer is about the partnership asked for, only. */
const onlyThatPartnership = (_actor: ActorName, situation: string, res: MatrixResponse, w: World): string[] => {
  if (res.status !== 200) return [];
  const wanted = (situation === 'A' ? w.a : w.b).partnership.id;
  const partnerships = (res.body as { partnerships?: { partnershipId: string }[] }).partnerships ?? [];
  return partnerships.length === 1 && partnerships[0].partnershipId === wanted ? [] : [`dashboard of ${JSON.stringify(partnerships)}`];
};

/**
 * Access-matrix rows for oversight: a partnership's dashboard is for its coordinators and CSP
 * chairs (through their memberships; 404 for another partnership's), a review's forecast for
 * whoever may see the review.
 */
// prettier-ignore
export const oversightRows: Matrix = {
  'GET /api/partnerships/{id}/dashboard': [
    {
      label: "a partnership's dashboard",
      situations: ON_PARTNERSHIPS,
      //              A    B    missing bad-id
      expect: {
        anonymous:    [401, 401, 401, 401],
        admin:        [403, 403, 403, 403],
        coordinatorA: [200, 404, 404, 400],
        cspChairA:    [200, 404, 404, 400],
        chairA:       [403, 403, 403, 403],
        otherChairA:  [403, 403, 403, 403],
        policeA:      [403, 403, 403, 403],
        healthA:      [403, 403, 403, 403],
        coordinatorB: [404, 200, 404, 400],
        cspChairB:    [404, 200, 404, 400],
        chairB:       [403, 403, 403, 403],
        policeB:      [403, 403, 403, 403],
        healthB:      [403, 403, 403, 403],
      },
      request: dashboardOf,
      check: onlyThatPartnership,
    },
  ],
  'GET /api/reviews/{id}/forecast': [
    {
      label: "a review's completion forecast",
      situations: ON_REVIEWS,
      //              R1   R2   RS   RB   missing bad-id
      expect: {
        anonymous:    [401, 401, 401, 401, 401, 401],
        admin:        [403, 403, 403, 403, 403, 403],
        coordinatorA: [200, 200, 200, 404, 404, 400],
        cspChairA:    [200, 200, 200, 404, 404, 400],
        chairA:       [200, 404, 404, 404, 404, 400],
        otherChairA:  [404, 404, 404, 404, 404, 400],
        policeA:      [200, 404, 404, 404, 404, 400],
        healthA:      [404, 404, 200, 404, 404, 400],
        coordinatorB: [404, 404, 404, 200, 404, 400],
        cspChairB:    [404, 404, 404, 200, 404, 400],
        chairB:       [404, 404, 404, 200, 404, 400],
        policeB:      [404, 404, 404, 200, 404, 400],
        healthB:      [404, 404, 404, 404, 404, 400],
      },
      request: get('/forecast'),
      check: (_actor, _situation, res) =>
        res.status === 200 && typeof (res.body as { likelyLate?: unknown }).likelyLate !== 'boolean' ? ['not a forecast'] : [],
    },
  ],
};
