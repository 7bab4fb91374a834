import type { Matrix, MatrixRequest } from '../runner';
import { agencyOnlyRows, get, MISSING, ON_REVIEWS, reviewIdOf } from '../situations';
import type { ActorName, World } from '../world';
import { familyRows } from './family.rows';

const recommendation = { scope: 'national', text: 'Guidance on coercive control' };

/** The partnership export's situations: A's, B's, one that does not exist, a malformed id. */
const ON_PARTNERSHIPS = ['A', 'B', 'missing', 'bad-id'] as const;
const partnershipExport =
  (path = (id: string) => `/api/action-plans/export?partnershipId=${id}`) =>
  (_actor: ActorName, situation: string, w: World): MatrixRequest => {
    const id = situation === 'A' ? w.a.partnership.id : situation === 'B' ? w.b.partnership.id : situation === 'missing' ? MISSING : 'x';
    return { method: 'get', path: path(id) };
  };

/** For the action plan JSON: an agency contact's actions are all their own agency's. */
const ownActionsOnly = (actor: ActorName, _situation: string, res: { status: number; body: unknown; text: string }, w: World) => {
  if (res.status !== 200) return [];
  const plan = res.body as { recommendations: { actions: unknown[] }[]; unlinkedActions: unknown[] };
  const actions = [...plan.recommendations.flatMap((r) => r.actions), ...plan.unlinkedActions];
  return agencyOnlyRows(actor, { ...res, body: actions }, w, (row) => row.agencyId);
};

/**
 * Access-matrix rows for the action plan routes (situations and helpers: ../situations); the family rows
 * (./family.rows) ride along here until the index lists them.
 * Every review of the matrix is in setup: writers get 409 invalid_stage where they may see the review, so nothing changes.
 */
// prettier-ignore
export const actionPlanRows: Matrix = {
  ...familyRows,

  'POST /api/reviews/{id}/recommendations': [
    {
      label: 'add a recommendation (409 before drafting where the review is visible)',
      situations: ON_REVIEWS,
      //              R1   R2   RS   RB   missing bad-id
      expect: {
        anonymous:    [401, 401, 401, 401, 401, 401],
        admin:        [403, 403, 403, 403, 403, 403],
        coordinatorA: [409, 409, 409, 404, 404, 400],
        cspChairA:    [403, 403, 403, 403, 403, 403],
        chairA:       [409, 404, 404, 404, 404, 400],
        otherChairA:  [404, 404, 404, 404, 404, 400],
        policeA:      [403, 403, 403, 403, 403, 403],
        healthA:      [403, 403, 403, 403, 403, 403],
        coordinatorB: [404, 404, 404, 409, 404, 400],
        cspChairB:    [403, 403, 403, 403, 403, 403],
        chairB:       [404, 404, 404, 409, 404, 400],
        policeB:      [403, 403, 403, 403, 403, 403],
        healthB:      [403, 403, 403, 403, 403, 403],
      },
      request: (_actor, situation, w) => ({ method: 'post', path: `/api/reviews/${reviewIdOf(situation, w)}/recommendations`, body: recommendation }),
    },
  ],

  // A recommendation id that names none: the same 404 whether or not the review is visible.
  'PATCH /api/reviews/{id}/recommendations/{recommendationId}': [
    {
      label: 'change a recommendation that does not exist',
      situations: ON_REVIEWS,
      //              R1   R2   RS   RB   missing bad-id
      expect: {
        anonymous:    [401, 401, 401, 401, 401, 401],
        admin:        [403, 403, 403, 403, 403, 403],
        coordinatorA: [404, 404, 404, 404, 404, 400],
        cspChairA:    [403, 403, 403, 403, 403, 403],
        chairA:       [404, 404, 404, 404, 404, 400],
        otherChairA:  [404, 404, 404, 404, 404, 400],
        policeA:      [403, 403, 403, 403, 403, 403],
        healthA:      [403, 403, 403, 403, 403, 403],
        coordinatorB: [404, 404, 404, 404, 404, 400],
        cspChairB:    [403, 403, 403, 403, 403, 403],
        chairB:       [404, 404, 404, 404, 404, 400],
        policeB:      [403, 403, 403, 403, 403, 403],
        healthB:      [403, 403, 403, 403, 403, 403],
      },
      request: (_actor, situation, w) => ({
        method: 'patch',
        path: `/api/reviews/${reviewIdOf(situation, w)}/recommendations/${MISSING}`,
        body: { text: 'changed' },
      }),
    },
  ],

  'GET /api/reviews/{id}/action-plan': [
    {
      label: 'read the action plan',
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
      request: get('/action-plan'),
      check: ownActionsOnly,
    },
  ],

  'GET /api/reviews/{id}/action-plan/export': [
    {
      label: 'export the action plan as CSV',
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
      request: get('/action-plan/export'),
      check: (_actor, _situation, res) => (res.status === 200 && !res.text.startsWith('reference,') ? [`not the CSV: ${res.text.slice(0, 80)}`] : []),
    },
  ],

  // Another partnership's export answers as one that does not exist.
  'GET /api/action-plans/export': [
    {
      label: "export a partnership's action plans",
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
      request: partnershipExport(),
    },
  ],

  // The partnership's recommendations (national ones with where they were sent): the same people as its action plans.
  'GET /api/partnerships/{id}/recommendations.csv': [
    {
      label: "export a partnership's recommendations",
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
      request: partnershipExport((id) => `/api/partnerships/${id}/recommendations.csv`),
      check: (_actor, _situation, res) => (res.status === 200 && !res.text.startsWith('reference,') ? [`not the CSV: ${res.text.slice(0, 80)}`] : []),
    },
  ],
};
