import type { Matrix, MatrixEntry, MatrixResponse } from '../runner';
import { MISSING } from '../situations';
import type { ActorName, World } from '../world';

/**
 * Access-matrix rows for who-am-I and the directory. Everyone signed in reads their own
 * details and their own partnership's partnership and agencies; administrators read any
 * partnership's; users are listed to administrators and to coordinators (own partnership).
 * Columns: own (no filter), A, B (a filter naming partnership A or B), missing (naming no partnership).
 */
const SITUATIONS = ['own', 'A', 'B', 'missing'] as const;

const query = (situation: string, w: World) =>
  situation === 'own' ? '' : `?partnershipId=${situation === 'missing' ? MISSING : (situation === 'A' ? w.a : w.b).partnership.id}`;

// prettier-ignore
//              own  A    B    missing
const EVERYONE_OWN: MatrixEntry['expect'] = {
  anonymous:    [401, 401, 401, 401],
  admin:        [200, 200, 200, 404],
  coordinatorA: [200, 200, 404, 404],
  cspChairA:    [200, 200, 404, 404],
  chairA:       [200, 200, 404, 404],
  otherChairA:  [200, 200, 404, 404],
  policeA:      [200, 200, 404, 404],
  healthA:      [200, 200, 404, 404],
  coordinatorB: [200, 404, 200, 404],
  cspChairB:    [200, 404, 200, 404],
  chairB:       [200, 404, 200, 404],
  policeB:      [200, 404, 200, 404],
  healthB:      [200, 404, 200, 404],
};

// prettier-ignore
const USERS: MatrixEntry['expect'] = {
  anonymous:    [401, 401, 401, 401],
  admin:        [200, 200, 200, 404],
  coordinatorA: [200, 200, 404, 404],
  cspChairA:    [403, 403, 403, 403],
  chairA:       [403, 403, 403, 403],
  otherChairA:  [403, 403, 403, 403],
  policeA:      [403, 403, 403, 403],
  healthA:      [403, 403, 403, 403],
  coordinatorB: [200, 404, 200, 404],
  cspChairB:    [403, 403, 403, 403],
  chairB:       [403, 403, 403, 403],
  policeB:      [403, 403, 403, 403],
  healthB:      [403, 403, 403, 403],
};

/** The `own` column of a table, for a route that takes no partnership filter. */
function firstColumn(table: MatrixEntry['expect']): MatrixEntry['expect'] {
  const entries = Object.entries(table) as [ActorName, readonly number[]][];
  return Object.fromEntries(entries.map(([actor, codes]) => [actor, [codes[0]]])) as Record<ActorName, number[]>;
}

/** A partnership member's listing holds their own partnership's rows only. */
function ownPartnershipOnly(actor: ActorName, _situation: string, res: MatrixResponse, w: World): string[] {
  if (res.status !== 200 || actor === 'admin') return [];
  const own = w.people[actor].partnership === 'B' ? w.b.partnership.id : w.a.partnership.id;
  const items = (res.body as { items?: { id: string; partnershipId?: string }[] }).items;
  if (!Array.isArray(items)) return ['no items'];
  return items.filter((i) => (i.partnershipId ?? i.id) !== own).map((i) => `another partnership's row ${i.id}`);
}

// prettier-ignore
//              A    B    missing
const ADMINISTRATORS_ONLY: MatrixEntry['expect'] = {
  anonymous:    [401, 401, 401],
  admin:        [200, 200, 404],
  coordinatorA: [403, 403, 403],
  cspChairA:    [403, 403, 403],
  chairA:       [403, 403, 403],
  otherChairA:  [403, 403, 403],
  policeA:      [403, 403, 403],
  healthA:      [403, 403, 403],
  coordinatorB: [403, 403, 403],
  cspChairB:    [403, 403, 403],
  chairB:       [403, 403, 403],
  policeB:      [403, 403, 403],
  healthB:      [403, 403, 403],
};

// prettier-ignore
export const directoryRows: Matrix = {
  'GET /api/me': [
    {
      label: 'who am I',
      situations: ['self'],
      expect: {
        anonymous: [401], admin: [200], coordinatorA: [200], cspChairA: [200], chairA: [200], otherChairA: [200], policeA: [200],
        healthA: [200], coordinatorB: [200], cspChairB: [200], chairB: [200], policeB: [200], healthB: [200],
      },
      request: () => ({ method: 'get', path: '/api/me' }),
      check: (actor, _situation, res, w) =>
        res.status === 200 && (res.body as { email?: string }).email?.toLowerCase() !== w.people[actor].email.toLowerCase()
          ? ['someone else’s details']
          : [],
    },
  ],
  'GET /api/partnerships': [
    {
      label: 'list partnerships',
      situations: ['own'],
      expect: firstColumn(EVERYONE_OWN),
      request: () => ({ method: 'get', path: '/api/partnerships' }),
      check: ownPartnershipOnly,
    },
  ],
  'PATCH /api/partnerships/{id}': [
    {
      label: 'change a partnership’s email sender',
      situations: ['A', 'B', 'missing'],
      expect: ADMINISTRATORS_ONLY,
      request: (_actor, situation, w) => ({
        method: 'patch',
        path: `/api/partnerships/${situation === 'missing' ? MISSING : (situation === 'A' ? w.a : w.b).partnership.id}`,
        body: { senderName: 'Matrix DHR team' },
      }),
      check: (_actor, _situation, res) =>
        res.status === 200 && (res.body as { senderName?: unknown }).senderName !== 'Matrix DHR team' ? ['the sender not saved'] : [],
    },
  ],
  'GET /api/agencies': [
    {
      label: 'list agencies',
      situations: SITUATIONS,
      expect: EVERYONE_OWN,
      request: (_actor, situation, w) => ({ method: 'get', path: `/api/agencies${query(situation, w)}` }),
      check: ownPartnershipOnly,
    },
  ],
  'GET /api/users': [
    {
      label: 'list users',
      situations: SITUATIONS,
      expect: USERS,
      request: (_actor, situation, w) => ({ method: 'get', path: `/api/users${query(situation, w)}` }),
      check: ownPartnershipOnly,
    },
  ],
};
