import type { Matrix, MatrixEntry, MatrixResponse } from '../runner';
import { agencyOf, get, ON_REVIEWS } from '../situations';
import type { ActorName, World } from '../world';

/**
 * Access-matrix rows for the chronology routes (situations and helpers: ../situations). Anyone who may see
 * the review may read its combined chronology (agency contacts: their own agency's rows); admins never.
 */
// prettier-ignore
//              R1   R2   RS   RB   missing bad-id
const VISIBLE: MatrixEntry['expect'] = {
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
};

/** A 200 merge seen by an agency contact holds only their own agency's rows and documents. */
function ownAgencyOnly(actor: ActorName, _situation: string, res: MatrixResponse, w: World): string[] {
  if (res.status !== 200) return [];
  const body = res.body as { entries?: { agencyId: string }[]; sources?: { agencyId: string }[]; notMerged?: { agencyId: string }[] };
  if (!Array.isArray(body.entries) || !Array.isArray(body.sources) || !Array.isArray(body.notMerged)) return ['not a chronology'];
  const own = agencyOf(actor, w);
  if (!own) return [];
  return [...body.entries, ...body.sources, ...body.notMerged]
    .filter((row) => row.agencyId !== own)
    .map((row) => `row of another agency: ${JSON.stringify(row)}`);
}

// prettier-ignore
export const chronologyRows: Matrix = {
  'GET /api/reviews/{id}/chronology': [
    { label: 'read the combined chronology', situations: ON_REVIEWS, expect: VISIBLE, request: get('/chronology'), check: ownAgencyOnly },
  ],
  'GET /api/reviews/{id}/chronology/content': [
    {
      label: 'download the combined chronology as CSV',
      situations: ON_REVIEWS,
      expect: VISIBLE,
      request: get('/chronology/content'),
      check: (_actor, _situation, res) => (res.status === 200 && !res.text.startsWith('date,agency,event,source') ? ['not the CSV'] : []),
    },
    {
      label: 'download with an unknown format (400 where the review is visible or not)',
      situations: ON_REVIEWS,
      //              R1   R2   RS   RB   missing bad-id
      expect: {
        anonymous:    [401, 401, 401, 401, 401, 401],
        admin:        [403, 403, 403, 403, 403, 403],
        coordinatorA: [400, 400, 400, 400, 400, 400],
        cspChairA:    [400, 400, 400, 400, 400, 400],
        chairA:       [400, 400, 400, 400, 400, 400],
        otherChairA:  [400, 400, 400, 400, 400, 400],
        policeA:      [400, 400, 400, 400, 400, 400],
        healthA:      [400, 400, 400, 400, 400, 400],
        coordinatorB: [400, 400, 400, 400, 400, 400],
        cspChairB:    [400, 400, 400, 400, 400, 400],
        chairB:       [400, 400, 400, 400, 400, 400],
        policeB:      [400, 400, 400, 400, 400, 400],
        healthB:      [400, 400, 400, 400, 400, 400],
      },
      request: get('/chronology/content?format=pdf'),
    },
  ],
};
