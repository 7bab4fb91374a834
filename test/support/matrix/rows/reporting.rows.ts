import type { Matrix, MatrixEntry, MatrixRequest } from '../runner';
import { MISSING } from '../situations';
import type { ActorName, World } from '../world';

/**
 * Access-matrix rows for the board report (coordinators and CSP chairs of the partnership; another
 * partnership is 404 as the other partnership exports answer) and the national data return
 * (administrators: the whole deployment; coordinators: theirs).
 */

const PERIOD = 'from=2026-01-01&to=2026-03-31';
const ON_PARTNERSHIPS = ['A', 'B', 'missing', 'bad-id'] as const;
const boardReport =
  (format: string) =>
  (_actor: ActorName, situation: string, w: World): MatrixRequest => {
    const id = situation === 'A' ? w.a.partnership.id : situation === 'B' ? w.b.partnership.id : situation === 'missing' ? MISSING : 'x';
    return { method: 'get', path: `/api/partnerships/${id}/board-report?${PERIOD}&audience=restricted&format=${format}` };
  };

// prettier-ignore
const BOARD_REPORT: MatrixEntry['expect'] = {
  //            A    B    missing bad-id
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
};

// prettier-ignore
const DATA_RETURN: MatrixEntry['expect'] = {
  anonymous: [401], admin: [200], coordinatorA: [200], cspChairA: [403], chairA: [403], otherChairA: [403], policeA: [403],
  healthA: [403], coordinatorB: [200], cspChairB: [403], chairB: [403], policeB: [403], healthB: [403],
};

/** A coordinator's data return holds only their own partnership's references. */
const ownReferencesOnly = (actor: ActorName, _situation: string, res: { status: number; text: string }, w: World) => {
  if (res.status !== 200 || actor === 'admin') return [];
  const code = w.people[actor].partnership === 'A' ? w.a.partnership.code : w.b.partnership.code;
  const records = (JSON.parse(res.text) as { records: { reference: string }[] }).records;
  return records.filter((r) => !r.reference.startsWith(`DHR-${code}-`)).map((r) => `another partnership's review ${r.reference}`);
};

export const reportingRows: Matrix = {
  'GET /api/partnerships/{id}/board-report': [
    {
      label: "a partnership's board report (Word)",
      situations: ON_PARTNERSHIPS,
      expect: BOARD_REPORT,
      request: boardReport('docx'),
    },
    {
      label: "a partnership's board report (HTML)",
      situations: ON_PARTNERSHIPS,
      expect: BOARD_REPORT,
      request: boardReport('html'),
      check: (_actor, _situation, res) =>
        res.status === 200 && !res.text.includes('OFFICIAL-SENSITIVE') ? ['no classification line'] : [],
    },
  ],
  'GET /api/data-return': [
    {
      label: 'the national data return',
      situations: ['own'],
      expect: DATA_RETURN,
      request: () => ({ method: 'get', path: `/api/data-return?${PERIOD}&format=json` }),
      check: ownReferencesOnly,
    },
  ],
  'GET /api/data-return/schema': [
    {
      label: "the data return's JSON Schema",
      situations: ['schema'],
      expect: DATA_RETURN,
      request: () => ({ method: 'get', path: '/api/data-return/schema' }),
    },
  ],
};
