import { daysAgo, daysAhead, reviewBody, send } from './support/review-driver';
import {
  call,
  Matrix,
  MatrixEntry,
  MatrixRequest,
  MatrixResponse,
  mismatches,
  Outcome,
  runMatrix,
  shapeProblems,
} from './support/matrix/runner';
import { nestRoutes, openApiRoutes } from './support/matrix/routes';
import { ActorName, buildWorld, SEED_PASSWORD, World } from './support/matrix/world';
import { startTestApp, TestApp } from './support/test-app';
import { DOMAIN_ROWS } from './support/matrix/rows';
import { agencyOf, agencyOnlyRows, get, MISSING, ON_REVIEWS, partnershipOfReview, reviewIdOf } from './support/matrix/situations';

/**
 * Every endpoint × every role × the situations that matter, against an explicit
 * table of expected status codes (libs/access/src/review-access.policy.ts):
 * coordinators and CSP chairs see every review of their own partnership; an
 * independent chair only the reviews they chair; an agency contact only reviews
 * whose panel or scoping includes their agency, and only their agency's part;
 * admins no review content. A review the caller may not see answers 404.
 *
 * Review columns: R1 (A, chaired by chairA, police on the panel), R2 (A, no chair,
 * no panel), RS (A, no chair, health asked for scoping but on no panel), RB (B's
 * twin of R1), missing (a UUID that is no review), bad-id (not a UUID). R1, R2, RS
 * and RB are all in `setup`, so the probes below differ only by who may see what.
 * Adding an endpoint without adding it here fails the test.
 */

/** A review-content response seen by an agency contact names no other agency; a full one is the whole review. */
function reviewChecks(actor: ActorName, situation: string, res: MatrixResponse, w: World): string[] {
  if (res.status !== 200) return [];
  const body = res.body as { id: string; panel: { agencyId: string }[]; deadlines: { agencyId?: string }[]; family?: unknown };
  const problems: string[] = [];
  if (body.id !== reviewIdOf(situation, w)) problems.push(`wrong review ${body.id}`);
  const own = agencyOf(actor, w);
  if (own) {
    if (body.panel.some((p) => p.agencyId !== own)) problems.push(`panel shows another agency: ${JSON.stringify(body.panel)}`);
    if (body.deadlines.some((d) => d.agencyId !== own)) problems.push('deadlines show another agency');
    if ('family' in body) problems.push('agency view shows family involvement');
  } else if (!('family' in body)) problems.push('full view expected');
  return problems;
}

/** Which of R1, R2, RS, RB each actor's list contains (other reviews the suite creates are ignored). */
const LISTED: Record<ActorName, ('R1' | 'R2' | 'RS' | 'RB')[]> = {
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

/** POST /api/reviews/:id/events with a body that never changes anything (every expected code is a refusal). */
function probe(label: string, body: (situation: string, w: World) => object, expect: MatrixEntry['expect']): MatrixEntry {
  return {
    label,
    situations: ON_REVIEWS,
    expect,
    request: (_actor, situation, w) => ({
      method: 'post',
      path: `/api/reviews/${reviewIdOf(situation, w)}/events`,
      body: body(situation, w),
    }),
    check: (_actor, _situation, res) => {
      const error = (res.body as { error?: string }).error;
      if (res.status === 409 && error !== (label.includes('expectedVersion') ? 'conflict' : 'invalid_transition'))
        return [`unexpected 409 ${res.text}`];
      return [];
    },
  };
}

let serial = 0;
const unique = () => `${Date.now().toString(36).toUpperCase().slice(-5)}${++serial}`;
const partnershipIn = (situation: string, w: World) => (situation.endsWith('B') ? w.b.partnership.id : w.a.partnership.id);
const created = (_actor: ActorName, _situation: string, res: MatrixResponse) =>
  res.status === 201 && typeof (res.body as { id?: unknown }).id !== 'string' ? ['no id in 201 body'] : [];

// prettier-ignore
const MATRIX: Matrix = {
  ...DOMAIN_ROWS,
  'POST /api/auth/token': [
    {
      label: 'login (anonymous: an unknown email)',
      situations: ['own password', 'wrong password'],
      expect: {
        anonymous:    [401, 401],
        admin:        [200, 401],
        coordinatorA: [200, 401],
        cspChairA:    [200, 401],
        chairA:       [200, 401],
        otherChairA:  [200, 401],
        policeA:      [200, 401],
        healthA:      [200, 401],
        coordinatorB: [200, 401],
        cspChairB:    [200, 401],
        chairB:       [200, 401],
        policeB:      [200, 401],
        healthB:      [200, 401],
      },
      request: (actor, situation, w) => ({
        method: 'post',
        path: '/api/auth/token',
        body: { email: w.people[actor].email, password: situation === 'own password' ? w.people[actor].password : 'not-the-password-at-all' },
      }),
      check: (_actor, _situation, res) =>
        res.status === 200 && typeof (res.body as { accessToken?: unknown }).accessToken !== 'string' ? ['no accessToken'] : [],
    },
  ],

  'POST /api/partnerships': [
    {
      label: 'create a partnership',
      situations: ['new code'],
      expect: {
        anonymous:    [401],
        admin:        [201],
        coordinatorA: [403],
        cspChairA:    [403],
        chairA:       [403],
        otherChairA:  [403],
        policeA:      [403],
        healthA:      [403],
        coordinatorB: [403],
        cspChairB:    [403],
        chairB:       [403],
        policeB:      [403],
        healthB:      [403],
      },
      request: () => {
        const code = `M${unique()}`.slice(0, 12);
        return { method: 'post', path: '/api/partnerships', body: { name: `Matrix ${code}`, code } };
      },
      check: created,
    },
  ],

  'POST /api/agencies': [
    {
      label: 'create an agency',
      situations: ['in partnership A', 'in partnership B'],
      expect: {
        anonymous:    [401, 401],
        admin:        [201, 201],
        coordinatorA: [201, 400],
        cspChairA:    [403, 403],
        chairA:       [403, 403],
        otherChairA:  [403, 403],
        policeA:      [403, 403],
        healthA:      [403, 403],
        coordinatorB: [400, 201],
        cspChairB:    [403, 403],
        chairB:       [403, 403],
        policeB:      [403, 403],
        healthB:      [403, 403],
      },
      request: (_actor, situation, w) => ({
        method: 'post',
        path: '/api/agencies',
        body: { partnershipId: partnershipIn(situation, w), name: `Matrix agency ${unique()}`, kind: 'housing' },
      }),
      check: created,
    },
  ],

  'POST /api/users': [
    {
      label: 'create a coordinator',
      situations: ['in partnership A', 'in partnership B'],
      expect: {
        anonymous:    [401, 401],
        admin:        [201, 201],
        coordinatorA: [403, 403],
        cspChairA:    [403, 403],
        chairA:       [403, 403],
        otherChairA:  [403, 403],
        policeA:      [403, 403],
        healthA:      [403, 403],
        coordinatorB: [403, 403],
        cspChairB:    [403, 403],
        chairB:       [403, 403],
        policeB:      [403, 403],
        healthB:      [403, 403],
      },
      request: (_actor, situation, w) => ({
        method: 'post',
        path: '/api/users',
        body: {
          email: `matrix-${unique().toLowerCase()}@dhr.test`,
          name: 'Matrix user',
          password: SEED_PASSWORD,
          role: 'coordinator',
          partnershipId: partnershipIn(situation, w),
        },
      }),
      check: created,
    },
  ],

  'POST /api/reviews': [
    {
      label: 'record a notification',
      situations: ['for partnership A', 'for partnership B'],
      expect: {
        anonymous:    [401, 401],
        admin:        [403, 403],
        coordinatorA: [201, 400],
        cspChairA:    [403, 403],
        chairA:       [403, 403],
        otherChairA:  [403, 403],
        policeA:      [403, 403],
        healthA:      [403, 403],
        coordinatorB: [400, 201],
        cspChairB:    [403, 403],
        chairB:       [403, 403],
        policeB:      [403, 403],
        healthB:      [403, 403],
      },
      request: (_actor, situation, w) => ({ method: 'post', path: '/api/reviews', body: reviewBody(partnershipIn(situation, w)) }),
      check: created,
    },
  ],

  'GET /api/reviews': [
    {
      label: 'list (contents checked against LISTED)',
      situations: ['limit=200'],
      expect: {
        anonymous:    [401],
        admin:        [403],
        coordinatorA: [200],
        cspChairA:    [200],
        chairA:       [200],
        otherChairA:  [200],
        policeA:      [200],
        healthA:      [200],
        coordinatorB: [200],
        cspChairB:    [200],
        chairB:       [200],
        policeB:      [200],
        healthB:      [200],
      },
      request: () => ({ method: 'get', path: '/api/reviews?limit=200' }),
      check: (actor, _situation, res, w) => {
        if (res.status !== 200) return [];
        const ids = new Set((res.body as { items: { id: string }[] }).items.map((r) => r.id));
        const known = (['R1', 'R2', 'RS', 'RB'] as const).filter((name) => ids.has(w.reviews[name]));
        return JSON.stringify(known) === JSON.stringify(LISTED[actor]) ? [] : [`lists ${JSON.stringify(known)}, expected ${JSON.stringify(LISTED[actor])}`];
      },
    },
  ],

  'GET /api/reviews/{id}': [
    {
      label: 'read a review',
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
      request: get(),
      check: reviewChecks,
    },
  ],

  'GET /api/reviews/{id}/history': [
    {
      label: 'read the history',
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
      request: get('/history'),
      check: (actor, _situation, res, w) => agencyOnlyRows(actor, res, w, (row) => (row.payload as { agencyId?: string }).agencyId),
    },
  ],

  'GET /api/reviews/{id}/deadlines': [
    {
      label: 'read the deadlines',
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
      request: get('/deadlines'),
      check: (actor, _situation, res, w) => agencyOnlyRows(actor, res, w, (row) => row.agencyId),
    },
  ],

  'GET /api/reviews/{id}/audit': [
    {
      label: 'read the audit trail',
      situations: ON_REVIEWS,
      //              R1   R2   RS   RB   missing bad-id
      expect: {
        anonymous:    [401, 401, 401, 401, 401, 401],
        admin:        [200, 200, 200, 200, 404, 400],
        coordinatorA: [200, 200, 200, 404, 404, 400],
        cspChairA:    [403, 403, 403, 403, 403, 403],
        chairA:       [403, 403, 403, 403, 403, 403],
        otherChairA:  [403, 403, 403, 403, 403, 403],
        policeA:      [403, 403, 403, 403, 403, 403],
        healthA:      [403, 403, 403, 403, 403, 403],
        coordinatorB: [404, 404, 404, 200, 404, 400],
        cspChairB:    [403, 403, 403, 403, 403, 403],
        chairB:       [403, 403, 403, 403, 403, 403],
        policeB:      [403, 403, 403, 403, 403, 403],
        healthB:      [403, 403, 403, 403, 403, 403],
      },
      request: get('/audit'),
      check: (_actor, situation, res, w) => {
        if (res.status !== 200) return [];
        const entries = res.body as { reviewId: string; action: string }[];
        const id = reviewIdOf(situation, w);
        if (!entries.some((e) => e.action === 'review.create')) return ['no review.create entry'];
        return entries.filter((e) => e.reviewId !== id).map((e) => `entry of another review: ${JSON.stringify(e)}`);
      },
    },
  ],

  'POST /api/reviews/{id}/events': [
    // Refused before anything else for a visible review: the version never matches.
    probe('RESUME with a stale expectedVersion', () => ({ type: 'RESUME', expectedVersion: 999_999 }), {
      //              R1   R2   RS   RB   missing bad-id
      anonymous:    [401, 401, 401, 401, 401, 401],
      admin:        [403, 403, 403, 403, 403, 403],
      coordinatorA: [409, 409, 409, 404, 404, 400],
      cspChairA:    [409, 409, 409, 404, 404, 400],
      chairA:       [409, 404, 404, 404, 404, 400],
      otherChairA:  [404, 404, 404, 404, 404, 400],
      policeA:      [409, 404, 404, 404, 404, 400],
      healthA:      [404, 404, 409, 404, 404, 400],
      coordinatorB: [404, 404, 404, 409, 404, 400],
      cspChairB:    [404, 404, 404, 409, 404, 400],
      chairB:       [404, 404, 404, 409, 404, 400],
      policeB:      [404, 404, 404, 409, 404, 400],
      healthB:      [404, 404, 404, 404, 404, 400],
    }),
    // CLOSE is the coordinator's: others are refused (403), the coordinator is told it does not fit `setup` (409).
    probe('CLOSE (coordinator only; not allowed in setup)', () => ({ type: 'CLOSE' }), {
      //              R1   R2   RS   RB   missing bad-id
      anonymous:    [401, 401, 401, 401, 401, 401],
      admin:        [403, 403, 403, 403, 403, 403],
      coordinatorA: [409, 409, 409, 404, 404, 400],
      cspChairA:    [403, 403, 403, 404, 404, 400],
      chairA:       [403, 404, 404, 404, 404, 400],
      otherChairA:  [404, 404, 404, 404, 404, 400],
      policeA:      [403, 404, 404, 404, 404, 400],
      healthA:      [404, 404, 403, 404, 404, 400],
      coordinatorB: [404, 404, 404, 409, 404, 400],
      cspChairB:    [404, 404, 404, 403, 404, 400],
      chairB:       [404, 404, 404, 403, 404, 400],
      policeB:      [404, 404, 404, 403, 404, 400],
      healthB:      [404, 404, 404, 404, 404, 400],
    }),
    probe('BEGIN_DRAFTING (coordinator, chair; not allowed in setup)', () => ({ type: 'BEGIN_DRAFTING' }), {
      //              R1   R2   RS   RB   missing bad-id
      anonymous:    [401, 401, 401, 401, 401, 401],
      admin:        [403, 403, 403, 403, 403, 403],
      coordinatorA: [409, 409, 409, 404, 404, 400],
      cspChairA:    [403, 403, 403, 404, 404, 400],
      chairA:       [409, 404, 404, 404, 404, 400],
      otherChairA:  [404, 404, 404, 404, 404, 400],
      policeA:      [403, 404, 404, 404, 404, 400],
      healthA:      [404, 404, 403, 404, 404, 400],
      coordinatorB: [404, 404, 404, 409, 404, 400],
      cspChairB:    [404, 404, 404, 403, 404, 400],
      chairB:       [404, 404, 404, 409, 404, 400],
      policeB:      [404, 404, 404, 403, 404, 400],
      healthB:      [404, 404, 404, 404, 404, 400],
    }),
    probe('RECEIVE_IMR for the police (coordinator, the police contact; not allowed in setup)', (s, w) => ({ type: 'RECEIVE_IMR', agencyId: partnershipOfReview(s, w).police.id }), {
      //              R1   R2   RS   RB   missing bad-id
      anonymous:    [401, 401, 401, 401, 401, 401],
      admin:        [403, 403, 403, 403, 403, 403],
      coordinatorA: [409, 409, 409, 404, 404, 400],
      cspChairA:    [403, 403, 403, 404, 404, 400],
      chairA:       [403, 404, 404, 404, 404, 400],
      otherChairA:  [404, 404, 404, 404, 404, 400],
      policeA:      [409, 404, 404, 404, 404, 400],
      healthA:      [404, 404, 403, 404, 404, 400],
      coordinatorB: [404, 404, 404, 409, 404, 400],
      cspChairB:    [404, 404, 404, 403, 404, 400],
      chairB:       [404, 404, 404, 403, 404, 400],
      policeB:      [404, 404, 404, 409, 404, 400],
      healthB:      [404, 404, 404, 404, 404, 400],
    }),
    probe('RECEIVE_IMR for health (not the police contact’s agency)', (s, w) => ({ type: 'RECEIVE_IMR', agencyId: partnershipOfReview(s, w).health.id }), {
      //              R1   R2   RS   RB   missing bad-id
      anonymous:    [401, 401, 401, 401, 401, 401],
      admin:        [403, 403, 403, 403, 403, 403],
      coordinatorA: [409, 409, 409, 404, 404, 400],
      cspChairA:    [403, 403, 403, 404, 404, 400],
      chairA:       [403, 404, 404, 404, 404, 400],
      otherChairA:  [404, 404, 404, 404, 404, 400],
      policeA:      [403, 404, 404, 404, 404, 400],
      healthA:      [404, 404, 409, 404, 404, 400],
      coordinatorB: [404, 404, 404, 409, 404, 400],
      cspChairB:    [404, 404, 404, 403, 404, 400],
      chairB:       [404, 404, 404, 403, 404, 400],
      policeB:      [404, 404, 404, 403, 404, 400],
      healthB:      [404, 404, 404, 404, 404, 400],
    }),
    // The body is validated before the review is looked up, so this says nothing about whether it exists.
    probe('an unknown event type', () => ({ type: 'NO_SUCH_EVENT' }), {
      //              R1   R2   RS   RB   missing bad-id
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
    }),
  ],

  // Uploads without a file: refused (400) once the review is visible, so the probes store nothing.
  'POST /api/reviews/{id}/documents': [
    {
      label: 'upload a document (no file: 400 where the review is visible)',
      situations: ON_REVIEWS,
      //              R1   R2   RS   RB   missing bad-id
      expect: {
        anonymous:    [401, 401, 401, 401, 401, 401],
        admin:        [403, 403, 403, 403, 403, 403],
        coordinatorA: [400, 400, 400, 404, 404, 400],
        cspChairA:    [400, 400, 400, 404, 404, 400],
        chairA:       [400, 404, 404, 404, 404, 400],
        otherChairA:  [404, 404, 404, 404, 404, 400],
        policeA:      [400, 404, 404, 404, 404, 400],
        healthA:      [404, 404, 400, 404, 404, 400],
        coordinatorB: [404, 404, 404, 400, 404, 400],
        cspChairB:    [404, 404, 404, 400, 404, 400],
        chairB:       [404, 404, 404, 400, 404, 400],
        policeB:      [404, 404, 404, 400, 404, 400],
        healthB:      [404, 404, 404, 404, 404, 400],
      },
      request: (_actor, situation, w) => ({ method: 'post', path: `/api/reviews/${reviewIdOf(situation, w)}/documents`, body: { type: 'other' } }),
    },
  ],

  'GET /api/reviews/{id}/documents': [
    {
      label: 'list the documents',
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
      request: get('/documents'),
      check: (actor, _situation, res, w) => agencyOnlyRows(actor, res, w, (row) => row.agencyId),
    },
  ],

  // A document id that names no document: the same 404 whether or not the review is visible.
  'POST /api/reviews/{id}/documents/{documentId}/versions': [
    {
      label: 'add a version (no file: 400 where the review is visible)',
      situations: ON_REVIEWS,
      //              R1   R2   RS   RB   missing bad-id
      expect: {
        anonymous:    [401, 401, 401, 401, 401, 401],
        admin:        [403, 403, 403, 403, 403, 403],
        coordinatorA: [400, 400, 400, 404, 404, 400],
        cspChairA:    [400, 400, 400, 404, 404, 400],
        chairA:       [400, 404, 404, 404, 404, 400],
        otherChairA:  [404, 404, 404, 404, 404, 400],
        policeA:      [400, 404, 404, 404, 404, 400],
        healthA:      [404, 404, 400, 404, 404, 400],
        coordinatorB: [404, 404, 404, 400, 404, 400],
        cspChairB:    [404, 404, 404, 400, 404, 400],
        chairB:       [404, 404, 404, 400, 404, 400],
        policeB:      [404, 404, 404, 400, 404, 400],
        healthB:      [404, 404, 404, 404, 404, 400],
      },
      request: (_actor, situation, w) => ({ method: 'post', path: `/api/reviews/${reviewIdOf(situation, w)}/documents/${MISSING}/versions`, body: {} }),
    },
  ],

  'GET /api/reviews/{id}/documents/{documentId}/content': [
    {
      label: 'read a document that does not exist',
      situations: ON_REVIEWS,
      //              R1   R2   RS   RB   missing bad-id
      expect: {
        anonymous:    [401, 401, 401, 401, 401, 401],
        admin:        [403, 403, 403, 403, 403, 403],
        coordinatorA: [404, 404, 404, 404, 404, 400],
        cspChairA:    [404, 404, 404, 404, 404, 400],
        chairA:       [404, 404, 404, 404, 404, 400],
        otherChairA:  [404, 404, 404, 404, 404, 400],
        policeA:      [404, 404, 404, 404, 404, 400],
        healthA:      [404, 404, 404, 404, 404, 400],
        coordinatorB: [404, 404, 404, 404, 404, 400],
        cspChairB:    [404, 404, 404, 404, 404, 400],
        chairB:       [404, 404, 404, 404, 404, 400],
        policeB:      [404, 404, 404, 404, 404, 400],
        healthB:      [404, 404, 404, 404, 404, 400],
      },
      request: get(`/documents/${MISSING}/content`),
    },
  ],

  // Panel papers: the coordinators and the review's own chair share; a document id that names no document is 404.
  'PUT /api/reviews/{id}/documents/{documentId}/sharing': [
    {
      label: 'share a document that does not exist with the panel',
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
        method: 'put',
        path: `/api/reviews/${reviewIdOf(situation, w)}/documents/${MISSING}/sharing`,
        body: { withPanel: true },
      }),
    },
  ],

  'GET /api/audit/verify': [
    {
      label: 'verify the audit chains',
      situations: ['all chains'],
      expect: {
        anonymous:    [401],
        admin:        [200],
        coordinatorA: [403],
        cspChairA:    [403],
        chairA:       [403],
        otherChairA:  [403],
        policeA:      [403],
        healthA:      [403],
        coordinatorB: [403],
        cspChairB:    [403],
        chairB:       [403],
        policeB:      [403],
        healthB:      [403],
      },
      request: () => ({ method: 'get', path: '/api/audit/verify' }),
      check: (_actor, _situation, res) => (res.status === 200 && (res.body as { ok?: boolean }).ok !== true ? [`not ok: ${res.text}`] : []),
    },
  ],
};

describe('access matrix: every endpoint × every role × every situation', () => {
  let t: TestApp;
  let w: World;
  let outcomes: Outcome[] = [];

  beforeAll(async () => {
    // The matrix logs in every actor twice (seeding, then POST /api/auth/token): not a test of the login rate limit.
    t = await startTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } });
    w = await buildWorld(t, { a: 'MATA', b: 'MATB' });
  });
  afterAll(() => t?.close());

  it('has a row for every route the app serves, and no row for a route it does not', async () => {
    const table = Object.keys(MATRIX).sort();
    expect((await openApiRoutes(t)).sort()).toEqual(table);
    expect(nestRoutes(t).sort()).toEqual(table);
    expect(shapeProblems(MATRIX)).toEqual([]);
  });

  it('answers every actor in every situation with the status in the table', async () => {
    const versions = async () =>
      Promise.all(
        (['R1', 'R2', 'RS', 'RB'] as const).map(async (r) => {
          const owner = r === 'RB' ? 'coordinatorB' : 'coordinatorA';
          return (await call(w, owner, { method: 'get', path: `/api/reviews/${w.reviews[r]}` })).body as { version: number; stage: string };
        }),
      );
    const before = await versions();
    const started = Date.now();
    outcomes = await runMatrix(w, MATRIX, 8);
    const problems = mismatches(MATRIX, outcomes, w);
    if (problems.length > 0) console.error(`${problems.length} access-matrix mismatches:\n${problems.join('\n')}`);
    expect(problems).toEqual([]);
    console.log(`access matrix: ${outcomes.length} requests in ${Date.now() - started} ms`);

    // The probes refused everything: no review moved.
    expect((await versions()).map((v) => [v.stage, v.version])).toEqual(before.map((v) => [v.stage, v.version]));
  });

  it('gives a hidden review exactly the 404 a review that does not exist gets', async () => {
    if (outcomes.length === 0) outcomes = await runMatrix(w, MATRIX, 8); // when run on its own
    const missingBody = new Map(
      outcomes.filter((o) => o.situation === 'missing').map((o) => [`${o.key}|${o.label}|${o.actor}`, JSON.stringify(o.res.body)]),
    );
    const hints = outcomes
      .filter((o) => o.res.status === 404 && o.situation !== 'missing')
      .filter((o) => JSON.stringify(o.res.body) !== missingBody.get(`${o.key}|${o.label}|${o.actor}`))
      .map(
        (o) =>
          `${o.key} [${o.label}] as ${o.actor} on ${o.situation}: ${o.res.text} vs ${missingBody.get(`${o.key}|${o.label}|${o.actor}`)}`,
      );
    expect(hints).toEqual([]);
  });

  it('never lets the police contact learn that R2 exists', async () => {
    const police = w.people.policeA;
    for (const suffix of ['', '/history', '/deadlines']) {
      const res = await call(w, 'policeA', { method: 'get', path: `/api/reviews/${w.reviews.R2}${suffix}` });
      expect(res.status).toBe(404);
    }
    for (const query of ['', '?stage=setup', '?overdue=false', '?overdue=true', '?limit=1&page=2']) {
      const res = await call(w, 'policeA', { method: 'get', path: `/api/reviews${query}` });
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(w.reviews.R2);
    }
    const all = await call(w, 'policeA', { method: 'get', path: '/api/reviews?limit=200' });
    expect(all.body).toMatchObject({ total: 1 }); // R1 only: the total does not count hidden reviews either
    expect(police.session).not.toBeNull();
  });

  it("shows an agency contact their own agency's part of a review and nothing about another agency", async () => {
    const { a } = w;
    const create = await t.http().post('/api/reviews').set(a.coordinator.auth).send(reviewBody(a.partnership.id));
    expect(create.status).toBe(201);
    const id: string = create.body.id;
    const seen: Record<'police' | 'health', { what: string; status: number; text: string }[]> = { police: [], health: [] };
    const as = async (who: 'police' | 'health', what: string, req: MatrixRequest, status: number) => {
      const res = await call(w, who === 'police' ? 'policeA' : 'healthA', req);
      seen[who].push({ what, status: res.status, text: res.text });
      expect({ what, status: res.status }).toEqual({ what, status });
      return res.body as Record<string, unknown>;
    };
    const event = (body: object) => ({ method: 'post' as const, path: `/api/reviews/${id}/events`, body });

    await send(t, a.cspChair, id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
    await send(t, a.coordinator, id, { type: 'REQUEST_SCOPING', agencyId: a.police.id });
    await send(t, a.coordinator, id, { type: 'REQUEST_SCOPING', agencyId: a.health.id }); // left outstanding: an open health clock
    await as('police', 'RECEIVE_SCOPING own', event({ type: 'RECEIVE_SCOPING', agencyId: a.police.id }), 200);
    await send(t, a.coordinator, id, { type: 'HOME_OFFICE_INFORMED', sentAt: daysAgo(44) });
    await send(t, a.coordinator, id, { type: 'APPOINT_CHAIR', userId: a.chair.id, occurredAt: daysAgo(41) });
    await send(t, a.chair, id, { type: 'ADD_PANEL_AGENCY', agencyId: a.police.id });
    await send(t, a.chair, id, { type: 'ADD_PANEL_AGENCY', agencyId: a.health.id });
    await send(t, a.chair, id, {
      type: 'AGREE_TERMS_OF_REFERENCE',
      agreedAt: daysAgo(40),
      periodFrom: '2021-01-01',
      periodTo: '2026-01-01',
    });
    await send(t, a.coordinator, id, { type: 'REQUEST_IMR', agencyId: a.police.id, dueAt: daysAhead(30) });
    await send(t, a.chair, id, { type: 'REQUEST_IMR', agencyId: a.health.id });

    // Mid-way, while both IMRs are outstanding: each contact sees only their own.
    for (const who of ['police', 'health'] as const) {
      const mine = who === 'police' ? a.police.id : a.health.id;
      const review = await as(who, 'GET review (gathering)', { method: 'get', path: `/api/reviews/${id}` }, 200);
      expect(review.panel).toEqual([{ agencyId: mine, agencyName: expect.any(String), imr: 'requested' }]);
      // The police returned their scoping, health did not.
      expect(
        (review.deadlines as { agencyId: string; kind: string; status: string }[]).map((d) => [d.agencyId, d.kind, d.status]).sort(),
      ).toEqual([
        [mine, 'imr', 'open'],
        [mine, 'scoping_return', who === 'police' ? 'met' : 'open'],
      ]);
    }
    await as('police', 'RECEIVE_IMR own', event({ type: 'RECEIVE_IMR', agencyId: a.police.id }), 200);
    await as('police', 'RECEIVE_IMR for health', event({ type: 'RECEIVE_IMR', agencyId: a.health.id }), 403);
    await as('health', 'RECEIVE_IMR own', event({ type: 'RECEIVE_IMR', agencyId: a.health.id }), 200);
    await send(t, a.chair, id, { type: 'BEGIN_DRAFTING' });
    await send(t, a.chair, id, { type: 'SUBMIT_DRAFT', note: 'first draft' });
    await send(t, a.chair, id, { type: 'FAMILY_NOT_INVOLVED', reason: 'the family declined' });
    await send(t, a.chair, id, { type: 'SUBMIT_FOR_SIGNOFF' });
    await send(t, a.cspChair, id, { type: 'CSP_SIGN_OFF' });
    await send(t, a.coordinator, id, { type: 'SUBMIT_TO_HOME_OFFICE' });
    await send(t, a.coordinator, id, { type: 'QA_OUTCOME', outcome: 'approved' });
    await send(t, a.coordinator, id, { type: 'COPY_SENT_TO_COMMISSIONER' });
    await send(t, a.coordinator, id, { type: 'PUBLISH', url: 'https://example.org/dhr/report.pdf' });
    const policeAction = 'Refresh DA training for response officers (police-only-marker)';
    const healthAction = 'Routine enquiry about abuse at A&E (health-only-marker)';
    let r = await send(t, a.coordinator, id, {
      type: 'ADD_ACTION',
      agencyId: a.police.id,
      description: policeAction,
      dueAt: daysAhead(90),
    });
    r = await send(t, a.coordinator, id, { type: 'ADD_ACTION', agencyId: a.health.id, description: healthAction, dueAt: daysAhead(60) });
    const actionOf = (agencyId: string) => (r.actions as { id: string; agencyId: string }[]).find((x) => x.agencyId === agencyId)!.id;
    const ids = {
      police: { agency: a.police.id, action: actionOf(a.police.id), marker: 'police-only-marker', contact: a.policeContact.id },
      health: { agency: a.health.id, action: actionOf(a.health.id), marker: 'health-only-marker', contact: a.healthContact.id },
    };

    for (const who of ['police', 'health'] as const) {
      const mine = ids[who];
      const theirs = ids[who === 'police' ? 'health' : 'police'];
      const review = await as(who, 'GET review', { method: 'get', path: `/api/reviews/${id}` }, 200);
      expect(review).toMatchObject({
        stage: 'action_plan',
        panel: [{ agencyId: mine.agency, agencyName: expect.any(String), imr: 'received' }],
        hold: null,
      });
      expect(review).not.toHaveProperty('family');
      expect(review).not.toHaveProperty('drafts');
      expect((review.scoping as { agencyId: string }[]).map((s) => s.agencyId)).toEqual([mine.agency]);
      expect((review.actions as { id: string; agencyId: string }[]).map((x) => [x.id, x.agencyId])).toEqual([[mine.action, mine.agency]]);
      const deadlines = review.deadlines as { agencyId?: string; kind: string }[];
      expect(deadlines.every((d) => d.agencyId === mine.agency)).toBe(true);
      expect(deadlines.map((d) => d.kind)).toEqual(expect.arrayContaining(['scoping_return', 'imr', 'action']));
      expect(review.allowedEvents).toEqual(expect.arrayContaining(['COMPLETE_ACTION']));
      expect((review.allowedEvents as string[]).every((e) => ['RECEIVE_SCOPING', 'RECEIVE_IMR', 'COMPLETE_ACTION'].includes(e))).toBe(true);

      const history = (await as(who, 'GET history', { method: 'get', path: `/api/reviews/${id}/history` }, 200)) as unknown as {
        type: string;
        payload: { agencyId?: string };
      }[];
      expect(history.length).toBeGreaterThan(0);
      expect(history.filter((h) => h.payload.agencyId !== mine.agency)).toEqual([]);
      expect(history.map((h) => h.type)).toEqual(
        expect.arrayContaining(['REQUEST_SCOPING', 'ADD_PANEL_AGENCY', 'REQUEST_IMR', 'RECEIVE_IMR', 'ADD_ACTION']),
      );

      const clocks = (await as(who, 'GET deadlines', { method: 'get', path: `/api/reviews/${id}/deadlines` }, 200)) as unknown as {
        agencyId?: string;
      }[];
      expect(clocks.length).toBeGreaterThan(0);
      expect(clocks.filter((d) => d.agencyId !== mine.agency)).toEqual([]);

      const list = await as(who, 'GET list', { method: 'get', path: '/api/reviews?stage=action_plan' }, 200);
      expect((list.items as { id: string }[]).map((x) => x.id)).toEqual([id]);
      await as(who, 'GET list (all)', { method: 'get', path: '/api/reviews?limit=200' }, 200);
      await as(who, 'GET audit', { method: 'get', path: `/api/reviews/${id}/audit` }, 403);
      await as(who, 'COMPLETE_ACTION other agency', event({ type: 'COMPLETE_ACTION', actionId: theirs.action }), 403);
      await as(who, 'RECEIVE_IMR again (out of stage)', event({ type: 'RECEIVE_IMR', agencyId: mine.agency }), 409);
      await as(who, 'COMPLETE_ACTION own', event({ type: 'COMPLETE_ACTION', actionId: mine.action }), 200);
      await as(who, 'GET history after', { method: 'get', path: `/api/reviews/${id}/history` }, 200);
      await as(who, 'GET review after', { method: 'get', path: `/api/reviews/${id}` }, 200);
    }

    // Not one response either contact got names the other agency, its action, its words or its contact.
    for (const who of ['police', 'health'] as const) {
      const theirs = ids[who === 'police' ? 'health' : 'police'];
      const leaks = seen[who].filter((s) => [theirs.agency, theirs.action, theirs.marker, theirs.contact].some((x) => s.text.includes(x)));
      expect(leaks.map((l) => `${l.what} (${l.status}): ${l.text.slice(0, 500)}`)).toEqual([]);
      expect(seen[who].length).toBeGreaterThan(10);
    }
    // ...while the coordinator does see both, so the check above is not vacuous.
    const full = await t.http().get(`/api/reviews/${id}`).set(a.coordinator.auth);
    expect(full.text).toContain(a.health.id);
    expect(full.text).toContain(a.police.id);
  });
});
