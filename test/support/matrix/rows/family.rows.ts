import type { Matrix, MatrixResponse } from '../runner';
import { get, MISSING, ON_REVIEWS, reviewIdOf } from '../situations';
import type { ActorName } from '../world';

const member = { pseudonym: 'Sister of Adult A', relationship: 'sister', contactPreference: 'via_advocate', advocateOrganisation: 'AAFDA' };
const contact = { occurredAt: '2026-01-05T10:00:00Z', method: 'phone', direction: 'outbound', summary: 'Introduced the review' };
const created = (_actor: ActorName, _situation: string, res: MatrixResponse) =>
  res.status === 201 && typeof (res.body as { id?: unknown }).id !== 'string' ? ['no id in 201 body'] : [];

/**
 * Access-matrix rows for the family routes (situations and helpers: ../situations). Family involvement is for
 * the coordinators, the CSP chair (read) and the review's own chair: agency contacts and administrators get 403.
 * Adding a member creates a row no other entry looks at; on a member's own routes the member id names none,
 * so a hidden review and a missing member answer the same 404.
 */
// prettier-ignore
export const familyRows: Matrix = {
  'POST /api/reviews/{id}/family-members': [
    {
      label: 'add a family member',
      situations: ON_REVIEWS,
      //              R1   R2   RS   RB   missing bad-id
      expect: {
        anonymous:    [401, 401, 401, 401, 401, 401],
        admin:        [403, 403, 403, 403, 403, 403],
        coordinatorA: [201, 201, 201, 404, 404, 400],
        cspChairA:    [403, 403, 403, 403, 403, 403],
        chairA:       [201, 404, 404, 404, 404, 400],
        otherChairA:  [404, 404, 404, 404, 404, 400],
        policeA:      [403, 403, 403, 403, 403, 403],
        healthA:      [403, 403, 403, 403, 403, 403],
        coordinatorB: [404, 404, 404, 201, 404, 400],
        cspChairB:    [403, 403, 403, 403, 403, 403],
        chairB:       [404, 404, 404, 201, 404, 400],
        policeB:      [403, 403, 403, 403, 403, 403],
        healthB:      [403, 403, 403, 403, 403, 403],
      },
      request: (_actor, situation, w) => ({ method: 'post', path: `/api/reviews/${reviewIdOf(situation, w)}/family-members`, body: member }),
      check: created,
    },
  ],

  'GET /api/reviews/{id}/family-members': [
    {
      label: 'list the family members',
      situations: ON_REVIEWS,
      //              R1   R2   RS   RB   missing bad-id
      expect: {
        anonymous:    [401, 401, 401, 401, 401, 401],
        admin:        [403, 403, 403, 403, 403, 403],
        coordinatorA: [200, 200, 200, 404, 404, 400],
        cspChairA:    [200, 200, 200, 404, 404, 400],
        chairA:       [200, 404, 404, 404, 404, 400],
        otherChairA:  [404, 404, 404, 404, 404, 400],
        policeA:      [403, 403, 403, 403, 403, 403],
        healthA:      [403, 403, 403, 403, 403, 403],
        coordinatorB: [404, 404, 404, 200, 404, 400],
        cspChairB:    [404, 404, 404, 200, 404, 400],
        chairB:       [404, 404, 404, 200, 404, 400],
        policeB:      [403, 403, 403, 403, 403, 403],
        healthB:      [403, 403, 403, 403, 403, 403],
      },
      request: get('/family-members'),
      check: (_actor, _situation, res) => (res.status === 200 && !Array.isArray(res.body) ? ['not an array'] : []),
    },
  ],

  'PATCH /api/reviews/{id}/family-members/{memberId}': [
    {
      label: 'change a family member that does not exist',
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
        path: `/api/reviews/${reviewIdOf(situation, w)}/family-members/${MISSING}`,
        body: { involvement: 'involved' },
      }),
    },
  ],

  'POST /api/reviews/{id}/family-members/{memberId}/contacts': [
    {
      label: 'log a contact with a family member that does not exist',
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
        method: 'post',
        path: `/api/reviews/${reviewIdOf(situation, w)}/family-members/${MISSING}/contacts`,
        body: contact,
      }),
    },
  ],

  'GET /api/reviews/{id}/family-members/{memberId}/contacts': [
    {
      label: 'read the contacts of a family member that does not exist',
      situations: ON_REVIEWS,
      //              R1   R2   RS   RB   missing bad-id
      expect: {
        anonymous:    [401, 401, 401, 401, 401, 401],
        admin:        [403, 403, 403, 403, 403, 403],
        coordinatorA: [404, 404, 404, 404, 404, 400],
        cspChairA:    [404, 404, 404, 404, 404, 400],
        chairA:       [404, 404, 404, 404, 404, 400],
        otherChairA:  [404, 404, 404, 404, 404, 400],
        policeA:      [403, 403, 403, 403, 403, 403],
        healthA:      [403, 403, 403, 403, 403, 403],
        coordinatorB: [404, 404, 404, 404, 404, 400],
        cspChairB:    [404, 404, 404, 404, 404, 400],
        chairB:       [404, 404, 404, 404, 404, 400],
        policeB:      [403, 403, 403, 403, 403, 403],
        healthB:      [403, 403, 403, 403, 403, 403],
      },
      request: get(`/family-members/${MISSING}/contacts`),
    },
  ],
};
