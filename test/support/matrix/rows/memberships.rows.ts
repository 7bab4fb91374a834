import type { Matrix, MatrixEntry } from '../runner';
import { MISSING } from '../situations';
import type { ActorName, World } from '../world';

/**
 * Access-matrix rows for memberships (one person, several partnerships). Administrators manage
 * anyone's; coordinators add agency contacts to their own partnership's agencies and read the
 * memberships of their partnership's members; nobody else touches them.
 */

const personId = (actor: ActorName, w: World) => w.people[actor].id!;

// prettier-ignore
const LIST: MatrixEntry['expect'] = {
  //            member of A  member of B  missing
  anonymous:    [401, 401, 401],
  admin:        [200, 200, 404],
  coordinatorA: [200, 404, 404],
  cspChairA:    [403, 403, 403],
  chairA:       [403, 403, 403],
  otherChairA:  [403, 403, 403],
  policeA:      [403, 403, 403],
  healthA:      [403, 403, 403],
  coordinatorB: [404, 200, 404],
  cspChairB:    [403, 403, 403],
  chairB:       [403, 403, 403],
  policeB:      [403, 403, 403],
  healthB:      [403, 403, 403],
};

// prettier-ignore
const ADD: MatrixEntry['expect'] = {
  //            chair into B  contact into B
  anonymous:    [401, 401],
  admin:        [201, 201],
  coordinatorA: [403, 403],
  cspChairA:    [403, 403],
  chairA:       [403, 403],
  otherChairA:  [403, 403],
  policeA:      [403, 403],
  healthA:      [403, 403],
  coordinatorB: [403, 201],
  cspChairB:    [403, 403],
  chairB:       [403, 403],
  policeB:      [403, 403],
  healthB:      [403, 403],
};

// prettier-ignore
const REMOVE: MatrixEntry['expect'] = {
  //            home  missing
  anonymous:    [401, 401],
  admin:        [400, 404],
  coordinatorA: [403, 404],
  cspChairA:    [403, 403],
  chairA:       [403, 403],
  otherChairA:  [403, 403],
  policeA:      [403, 403],
  healthA:      [403, 403],
  coordinatorB: [403, 404],
  cspChairB:    [403, 403],
  chairB:       [403, 403],
  policeB:      [403, 403],
  healthB:      [403, 403],
};

export const membershipsRows: Matrix = {
  'GET /api/users/{id}/memberships': [
    {
      label: 'a person’s memberships',
      situations: ['member of A', 'member of B', 'missing'],
      expect: LIST,
      request: (_actor, situation, w) => ({
        method: 'get',
        path: `/api/users/${situation === 'missing' ? MISSING : personId(situation === 'member of A' ? 'chairA' : 'chairB', w)}/memberships`,
      }),
    },
  ],
  'POST /api/users/{id}/memberships': [
    {
      label: 'add a partnership to a person',
      situations: ['chair into B', 'contact into B'],
      expect: ADD,
      // Each expected success names a different person, so the cells do not depend on their order.
      request: (actor, situation, w) =>
        situation === 'chair into B'
          ? {
              method: 'post',
              path: `/api/users/${personId('otherChairA', w)}/memberships`,
              body: { partnershipId: w.b.partnership.id, role: 'independent_chair' },
            }
          : {
              method: 'post',
              path: `/api/users/${personId(actor === 'admin' ? 'policeA' : 'healthA', w)}/memberships`,
              body: { partnershipId: w.b.partnership.id, role: 'agency_contact', agencyId: w.b.health.id },
            },
    },
  ],
  'DELETE /api/users/{id}/memberships/{partnershipId}': [
    {
      label: 'end a membership',
      situations: ['home', 'missing'],
      expect: REMOVE,
      request: (_actor, situation, w) => ({
        method: 'delete',
        path: `/api/users/${personId('chairB', w)}/memberships/${situation === 'home' ? w.b.partnership.id : MISSING}`,
      }),
    },
  ],
};
