import type { Matrix, MatrixEntry, MatrixResponse } from '../runner';
import type { ActorName, World } from '../world';

/**
 * Access-matrix rows for search. Everyone who works on reviews may search and finds only the
 * reviews they may see (every world review has the pseudonym "Adult A"); administrators read no
 * review content (403). Columns: a search that matches, an empty one (400 naming q).
 */
const FOUND: Record<ActorName, ('R1' | 'R2' | 'RS' | 'RB')[]> = {
  anonymous: [],
  admin: [],
  coordinatorA: ['R1', 'R2', 'RS'],
  cspChairA: ['R1', 'R2', 'RS'],
  chairA: ['R1'],
  otherChairA: [],
  policeA: ['R1'],
  healthA: ['RS'],
  coordinatorB: ['RB'],
  cspChairB: ['RB'],
  chairB: ['RB'],
  policeB: ['RB'],
  healthB: [],
};

// prettier-ignore
//              match empty
const SEARCHERS: MatrixEntry['expect'] = {
  anonymous:    [401, 401],
  admin:        [403, 403],
  coordinatorA: [200, 400],
  cspChairA:    [200, 400],
  chairA:       [200, 400],
  otherChairA:  [200, 400],
  policeA:      [200, 400],
  healthA:      [200, 400],
  coordinatorB: [200, 400],
  cspChairB:    [200, 400],
  chairB:       [200, 400],
  policeB:      [200, 400],
  healthB:      [200, 400],
};

const SITUATIONS = ['q=Adult A', 'q empty'] as const;
const terms = (situation: string) => (situation === 'q empty' ? '' : 'Adult A');

function foundOnlyVisible(actor: ActorName, _situation: string, res: MatrixResponse, w: World): string[] {
  if (res.status !== 200) return [];
  const ids = new Set((res.body as { items: { id: string }[] }).items.map((r) => r.id));
  const found = (['R1', 'R2', 'RS', 'RB'] as const).filter((name) => ids.has(w.reviews[name]));
  return JSON.stringify(found) === JSON.stringify(FOUND[actor])
    ? []
    : [`found ${JSON.stringify(found)}, expected ${JSON.stringify(FOUND[actor])}`];
}

export const searchRows: Matrix = {
  'GET /api/search': [
    {
      label: 'search (found checked against FOUND)',
      situations: SITUATIONS,
      expect: SEARCHERS,
      request: (_actor, situation) => ({ method: 'get', path: `/api/search?limit=100&q=${encodeURIComponent(terms(situation))}` }),
      check: foundOnlyVisible,
    },
  ],
  'POST /api/search': [
    {
      label: 'search with the terms in the body',
      situations: SITUATIONS,
      expect: SEARCHERS,
      request: (_actor, situation) => ({ method: 'post', path: '/api/search', body: { q: terms(situation), limit: 100 } }),
      check: foundOnlyVisible,
    },
  ],
};
