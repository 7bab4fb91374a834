import type { ActorName, World } from '../world';
import type { Matrix, MatrixRequest } from '../runner';
import { get, MISSING, ON_REVIEWS, reviewIdOf } from '../situations';

/** Access-matrix rows for the family and meetings routes (situations and helpers: ../situations). */

// Meetings are arranged by the coordinators and the review's own chair: every other role is a 403
// before anything is looked up. Probes change nothing: a start in the past (400 once the review
// is visible) or a meeting id that names no meeting (404 either way).
// prettier-ignore
const ARRANGE = {
  //              R1   R2   RS   RB   missing bad-id
  anonymous:    [401, 401, 401, 401, 401, 401],
  admin:        [403, 403, 403, 403, 403, 403],
  coordinatorA: [400, 400, 400, 404, 404, 400],
  cspChairA:    [403, 403, 403, 403, 403, 403],
  chairA:       [400, 404, 404, 404, 404, 400],
  otherChairA:  [404, 404, 404, 404, 404, 400],
  policeA:      [403, 403, 403, 403, 403, 403],
  healthA:      [403, 403, 403, 403, 403, 403],
  coordinatorB: [404, 404, 404, 400, 404, 400],
  cspChairB:    [403, 403, 403, 403, 403, 403],
  chairB:       [404, 404, 404, 400, 404, 400],
  policeB:      [403, 403, 403, 403, 403, 403],
  healthB:      [403, 403, 403, 403, 403, 403],
} satisfies Record<ActorName, readonly number[]>;

// prettier-ignore
const NO_SUCH_MEETING = {
  //              R1   R2   RS   RB   missing bad-id
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
} satisfies Record<ActorName, readonly number[]>;

const onMeeting =
  (method: MatrixRequest['method'], suffix: string, body: object) =>
  (_actor: ActorName, situation: string, w: World): MatrixRequest => ({
    method,
    path: `/api/reviews/${reviewIdOf(situation, w)}/meetings/${MISSING}${suffix}`,
    body,
  });

// prettier-ignore
export const familyAndMeetingsRows: Matrix = {
  'POST /api/reviews/{id}/meetings': [
    {
      label: 'schedule a meeting (start in the past: 400 where the caller may arrange it)',
      situations: ON_REVIEWS,
      expect: ARRANGE,
      request: (_actor, situation, w) => ({
        method: 'post',
        path: `/api/reviews/${reviewIdOf(situation, w)}/meetings`,
        body: { startsAt: '2020-01-01T10:00:00Z', endsAt: '2020-01-01T11:00:00Z', location: 'Room 1' },
      }),
    },
  ],

  'GET /api/reviews/{id}/meetings': [
    {
      label: 'list the meetings (agency contacts: those they are invited to)',
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
      request: get('/meetings'),
      check: (_actor, _situation, res) => (res.status === 200 && !Array.isArray(res.body) ? ['not an array'] : []),
    },
  ],

  'PATCH /api/reviews/{id}/meetings/{meetingId}': [
    { label: 'change a meeting that does not exist', situations: ON_REVIEWS, expect: NO_SUCH_MEETING, request: onMeeting('patch', '', { location: 'Room 2' }) },
  ],

  'POST /api/reviews/{id}/meetings/{meetingId}/cancel': [
    { label: 'cancel a meeting that does not exist', situations: ON_REVIEWS, expect: NO_SUCH_MEETING, request: onMeeting('post', '/cancel', {}) },
  ],

  'PUT /api/reviews/{id}/meetings/{meetingId}/minutes': [
    {
      label: 'link minutes to a meeting that does not exist',
      situations: ON_REVIEWS,
      expect: NO_SUCH_MEETING,
      request: onMeeting('put', '/minutes', { documentId: MISSING }),
    },
  ],
};
