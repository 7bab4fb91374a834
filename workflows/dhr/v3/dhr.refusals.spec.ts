// Every refusal: for each stage every event type api.md does not allow there, and
// each guard that must hold. A refusal leaves the snapshot exactly as it was.
import { transition } from 'xstate';
import { dhrMachineV3 } from './dhr.machine';
import { DHR_EVENT_TYPES, type DhrEvent, type DhrEventType, type Stage } from './dhr.types';
import { apply, persistDhrSnapshot, restoreDhrSnapshot, view, type PersistedDhrSnapshot } from './dhr.workflow';
import { HEALTH, PATH_TO, POLICE, day, play, reviewIn, sample } from './testing/dhr.test-kit';

/** Assert that the machine and the helper both refuse `event`, changing nothing. */
function expectRefused(snapshot: PersistedDhrSnapshot, event: DhrEvent): void {
  const restored = restoreDhrSnapshot(snapshot);
  expect(restored.can(event)).toBe(false);
  const [next, actions] = transition(dhrMachineV3, restored, event);
  expect(persistDhrSnapshot(next)).toStrictEqual(snapshot);
  expect(actions).toEqual([]);
  const { stage, allowedEvents } = view(snapshot);
  expect(apply(snapshot, event)).toStrictEqual({ ok: false, stage, allowedEvents });
}

// The "allowed in" column of api.md's Events table, read per stage (guards aside),
// with REQUEST_SCOPING in notification and setup (late scoping), RECEIVE_SCOPING
// everywhere but closed (an outstanding request can always be answered) and
// FAMILY_NOT_INVOLVED also in family_review. v2: EXTEND_DEADLINE and WITHDRAW_REQUEST
// wherever a clock or a request can be live (everywhere but closed), RESUME of a
// publication hold in every commissioned stage, RECEIVE_IMR on hold. v3: RECORD_GUIDANCE_STEP
// from commissioning until the file is closed, held or not.
const ANY_TIME: DhrEventType[] = ['RECEIVE_SCOPING', 'EXTEND_DEADLINE', 'WITHDRAW_REQUEST'];
const AFTER_COMMISSIONING: DhrEventType[] = [
  ...ANY_TIME,
  'HOME_OFFICE_INFORMED',
  'APPOINT_CHAIR',
  'PUT_ON_HOLD',
  'RESUME',
  'RECORD_GUIDANCE_STEP',
];
const API_ALLOWS: Record<Stage | 'on_hold', DhrEventType[]> = {
  notification: [...ANY_TIME, 'REQUEST_SCOPING', 'DECIDE_TO_COMMISSION', 'DECIDE_NOT_TO_COMMISSION'],
  not_commissioned: [
    ...ANY_TIME,
    'HOME_OFFICE_INFORMED',
    'HOME_OFFICE_RESPONSE',
    'SECRETARY_OF_STATE_DIRECTION',
    'RECONSIDER_DECISION',
    'CLOSE',
  ],
  setup: [...AFTER_COMMISSIONING, 'REQUEST_SCOPING', 'ADD_PANEL_AGENCY', 'AGREE_TERMS_OF_REFERENCE'],
  information_gathering: [...AFTER_COMMISSIONING, 'ADD_PANEL_AGENCY', 'REQUEST_IMR', 'RECEIVE_IMR', 'WAIVE_IMR', 'BEGIN_DRAFTING'],
  drafting: [
    ...AFTER_COMMISSIONING,
    'ADD_ACTION',
    'ADD_PANEL_AGENCY',
    'RECEIVE_IMR',
    'SUBMIT_DRAFT',
    'SHARE_DRAFT_WITH_FAMILY',
    'FAMILY_NOT_INVOLVED',
    'SUBMIT_FOR_SIGNOFF',
  ],
  family_review: [...AFTER_COMMISSIONING, 'ADD_ACTION', 'FAMILY_RESPONSE_RECEIVED', 'FAMILY_NOT_INVOLVED'],
  csp_signoff: [...AFTER_COMMISSIONING, 'ADD_ACTION', 'CSP_SIGN_OFF', 'CSP_REQUEST_CHANGES'],
  home_office_qa: [...AFTER_COMMISSIONING, 'ADD_ACTION', 'COMPLETE_ACTION', 'SUBMIT_TO_HOME_OFFICE', 'QA_OUTCOME'],
  publication: [...AFTER_COMMISSIONING, 'ADD_ACTION', 'COMPLETE_ACTION', 'COPY_SENT_TO_COMMISSIONER', 'PUBLISH'],
  action_plan: [...AFTER_COMMISSIONING, 'COPY_SENT_TO_COMMISSIONER', 'ADD_ACTION', 'COMPLETE_ACTION', 'CLOSE'],
  on_hold: [...ANY_TIME, 'RESUME', 'HOME_OFFICE_INFORMED', 'COPY_SENT_TO_COMMISSIONER', 'RECEIVE_IMR', 'RECORD_GUIDANCE_STEP'],
  closed: [],
};

const reviewInState = (state: Stage | 'on_hold'): PersistedDhrSnapshot =>
  state === 'on_hold' ? play([sample('PUT_ON_HOLD', day(500))], reviewIn('action_plan')).snapshot : reviewIn(state);

/**
 * The same stage with the sample scoping request (police) still outstanding since the
 * notification, so a refused RECEIVE_SCOPING is refused for its stage, not for want
 * of a request.
 */
const withScopingOutstanding = (state: Stage | 'on_hold'): PersistedDhrSnapshot => {
  const asked = play([sample('REQUEST_SCOPING', day(1))]).snapshot;
  const path = state === 'on_hold' ? [...PATH_TO.action_plan(), sample('PUT_ON_HOLD', day(500))] : PATH_TO[state]();
  return play(path, asked).snapshot;
};

const refusedCases = (Object.keys(API_ALLOWS) as (Stage | 'on_hold')[]).flatMap((state) =>
  DHR_EVENT_TYPES.filter((type) => !API_ALLOWS[state].includes(type)).map((type) => [state, type] as const),
);

describe('events not allowed in a stage are refused', () => {
  const snapshots = new Map<string, PersistedDhrSnapshot>();
  const snapshotOf = (state: Stage | 'on_hold') => {
    if (!snapshots.has(state)) snapshots.set(state, reviewInState(state));
    return snapshots.get(state)!;
  };

  it.each(refusedCases)('%s refuses %s', (state, type) => {
    expectRefused(snapshotOf(state), sample(type, day(900)));
  });

  const scopingRefusals = refusedCases.filter(([, type]) => type === 'RECEIVE_SCOPING').map(([state]) => state);
  it('only closed refuses RECEIVE_SCOPING as such: an outstanding request is answerable in every other state', () => {
    expect(scopingRefusals).toEqual(['closed']);
  });

  it.each(scopingRefusals)('%s refuses RECEIVE_SCOPING even for an outstanding request', (state) => {
    const snapshot = withScopingOutstanding(state);
    expect(view(snapshot).context.scoping).toEqual([expect.objectContaining({ agencyId: POLICE, status: 'requested' })]);
    expectRefused(snapshot, sample('RECEIVE_SCOPING', day(900)));
  });

  it.each(Object.keys(API_ALLOWS) as (Stage | 'on_hold')[])('%s never lists an event api.md forbids', (state) => {
    const { allowedEvents } = view(snapshotOf(state));
    expect(allowedEvents.filter((type) => !API_ALLOWS[state].includes(type))).toEqual([]);
  });
});

describe('guards refuse when unmet', () => {
  const notification = (...events: DhrEvent[]) => play(events).snapshot;
  const setup = (...events: DhrEvent[]) => play(events, reviewIn('setup')).snapshot;
  const notCommissioned = () => reviewIn('not_commissioned');
  const informed = (snapshot: PersistedDhrSnapshot) => play([sample('HOME_OFFICE_INFORMED', day(15))], snapshot).snapshot;
  const gathering = (...events: DhrEvent[]) => play(events, reviewIn('information_gathering')).snapshot;
  const drafting = (...events: DhrEvent[]) => play(events, reviewIn('drafting')).snapshot;
  const homeOfficeQa = (...events: DhrEvent[]) => play(events, reviewIn('home_office_qa')).snapshot;
  const actionPlan = (...events: DhrEvent[]) => play(events, reviewIn('action_plan')).snapshot;
  const addAction = (actionId: string) => sample('ADD_ACTION', day(230), { actionId });

  const cases: [string, () => PersistedDhrSnapshot, DhrEvent][] = [
    ['REQUEST_SCOPING already outstanding', () => notification(sample('REQUEST_SCOPING', day(1))), sample('REQUEST_SCOPING', day(2))],
    [
      'REQUEST_SCOPING already returned',
      () => notification(sample('REQUEST_SCOPING', day(1)), sample('RECEIVE_SCOPING', day(5))),
      sample('REQUEST_SCOPING', day(6)),
    ],
    [
      'REQUEST_SCOPING in setup, already asked before the decision',
      () => notification(sample('REQUEST_SCOPING', day(1)), sample('DECIDE_TO_COMMISSION', day(10))),
      sample('REQUEST_SCOPING', day(11)),
    ],
    ['REQUEST_SCOPING in setup, already outstanding', () => setup(sample('REQUEST_SCOPING', day(11))), sample('REQUEST_SCOPING', day(12))],
    ['RECEIVE_SCOPING never requested (notification)', () => notification(), sample('RECEIVE_SCOPING', day(5))],
    ['RECEIVE_SCOPING never requested (setup)', () => setup(), sample('RECEIVE_SCOPING', day(15))],
    [
      'RECEIVE_SCOPING from an agency other than the one asked',
      () => notification(sample('REQUEST_SCOPING', day(1), { agencyId: POLICE })),
      sample('RECEIVE_SCOPING', day(5), { agencyId: HEALTH }),
    ],
    [
      'RECEIVE_SCOPING twice',
      () => notification(sample('REQUEST_SCOPING', day(1)), sample('RECEIVE_SCOPING', day(5))),
      sample('RECEIVE_SCOPING', day(6)),
    ],
    [
      'RECEIVE_SCOPING twice, the second in setup',
      () => notification(sample('REQUEST_SCOPING', day(1)), sample('RECEIVE_SCOPING', day(5)), sample('DECIDE_TO_COMMISSION', day(10))),
      sample('RECEIVE_SCOPING', day(11)),
    ],
    ['RECEIVE_SCOPING never requested (not commissioned)', notCommissioned, sample('RECEIVE_SCOPING', day(15))],
    ['RECEIVE_SCOPING never requested (drafting)', () => drafting(), sample('RECEIVE_SCOPING', day(70))],
    [
      'RECEIVE_SCOPING never requested (on hold)',
      () => play([sample('PUT_ON_HOLD', day(12))], reviewIn('setup')).snapshot,
      sample('RECEIVE_SCOPING', day(13)),
    ],
    [
      'RECEIVE_SCOPING twice, the second in not_commissioned',
      () => notification(sample('REQUEST_SCOPING', day(1)), sample('RECEIVE_SCOPING', day(5)), sample('DECIDE_NOT_TO_COMMISSION', day(10))),
      sample('RECEIVE_SCOPING', day(11)),
    ],
    [
      'RECEIVE_SCOPING twice, the first while held, the second after RESUME',
      () =>
        setup(
          sample('REQUEST_SCOPING', day(11)),
          sample('PUT_ON_HOLD', day(12)),
          sample('RECEIVE_SCOPING', day(13)),
          sample('RESUME', day(14)),
        ),
      sample('RECEIVE_SCOPING', day(15)),
    ],
    [
      'RECEIVE_SCOPING in information_gathering from an agency other than the one asked',
      () => play(PATH_TO.information_gathering(), notification(sample('REQUEST_SCOPING', day(1), { agencyId: POLICE }))).snapshot,
      sample('RECEIVE_SCOPING', day(30), { agencyId: HEALTH }),
    ],
    ['REQUEST_SCOPING while held in setup', () => setup(sample('PUT_ON_HOLD', day(12))), sample('REQUEST_SCOPING', day(13))],
    ['HOME_OFFICE_INFORMED twice (not commissioned)', () => informed(notCommissioned()), sample('HOME_OFFICE_INFORMED', day(16))],
    ['HOME_OFFICE_INFORMED twice (drafting)', () => informed(reviewIn('drafting')), sample('HOME_OFFICE_INFORMED', day(99))],
    [
      'HOME_OFFICE_INFORMED twice (on hold)',
      () => play([sample('PUT_ON_HOLD', day(99))], informed(reviewIn('setup'))).snapshot,
      sample('HOME_OFFICE_INFORMED', day(100)),
    ],
    ['CLOSE before the Home Office was told of the "no"', notCommissioned, sample('CLOSE', day(20))],
    [
      'ADD_PANEL_AGENCY already on the panel (setup)',
      () => play([sample('ADD_PANEL_AGENCY', day(20))], reviewIn('setup')).snapshot,
      sample('ADD_PANEL_AGENCY', day(21)),
    ],
    [
      'ADD_PANEL_AGENCY already on the panel (information gathering)',
      () => gathering(),
      sample('ADD_PANEL_AGENCY', day(30), { agencyId: HEALTH }),
    ],
    ['ADD_PANEL_AGENCY already on the panel (drafting)', () => drafting(), sample('ADD_PANEL_AGENCY', day(70), { agencyId: POLICE })],
    ['REQUEST_IMR for an agency not on the panel', () => gathering(), sample('REQUEST_IMR', day(30), { agencyId: 'agency-unknown' })],
    ['REQUEST_IMR already requested', () => gathering(sample('REQUEST_IMR', day(30))), sample('REQUEST_IMR', day(31))],
    [
      'REQUEST_IMR already received',
      () => gathering(sample('REQUEST_IMR', day(30)), sample('RECEIVE_IMR', day(40))),
      sample('REQUEST_IMR', day(41)),
    ],
    ['RECEIVE_IMR not requested', () => gathering(), sample('RECEIVE_IMR', day(30))],
    ['RECEIVE_IMR for an agency not on the panel', () => gathering(), sample('RECEIVE_IMR', day(30), { agencyId: 'agency-unknown' })],
    ['RECEIVE_IMR twice', () => gathering(sample('REQUEST_IMR', day(30)), sample('RECEIVE_IMR', day(40))), sample('RECEIVE_IMR', day(41))],
    [
      'RECEIVE_IMR after it was waived',
      () => gathering(sample('REQUEST_IMR', day(30)), sample('WAIVE_IMR', day(40))),
      sample('RECEIVE_IMR', day(41)),
    ],
    ['RECEIVE_IMR in drafting for an IMR never requested', () => drafting(), sample('RECEIVE_IMR', day(70), { agencyId: HEALTH })],
    [
      'WAIVE_IMR already received',
      () => gathering(sample('REQUEST_IMR', day(30)), sample('RECEIVE_IMR', day(40))),
      sample('WAIVE_IMR', day(41)),
    ],
    ['WAIVE_IMR already waived', () => gathering(sample('WAIVE_IMR', day(30))), sample('WAIVE_IMR', day(31))],
    ['WAIVE_IMR for an agency not on the panel', () => gathering(), sample('WAIVE_IMR', day(30), { agencyId: 'agency-unknown' })],
    ['BEGIN_DRAFTING with an IMR outstanding', () => gathering(sample('REQUEST_IMR', day(30))), sample('BEGIN_DRAFTING', day(31))],
    [
      'BEGIN_DRAFTING with one of two IMRs outstanding',
      () => gathering(sample('REQUEST_IMR', day(30)), sample('REQUEST_IMR', day(30), { agencyId: HEALTH }), sample('RECEIVE_IMR', day(40))),
      sample('BEGIN_DRAFTING', day(41)),
    ],
    ['SHARE_DRAFT_WITH_FAMILY before any draft', () => drafting(), sample('SHARE_DRAFT_WITH_FAMILY', day(70))],
    [
      'SUBMIT_FOR_SIGNOFF before any draft, family not involved',
      () => drafting(sample('FAMILY_NOT_INVOLVED', day(70))),
      sample('SUBMIT_FOR_SIGNOFF', day(71)),
    ],
    [
      'SUBMIT_FOR_SIGNOFF with a draft the family has not seen',
      () => drafting(sample('SUBMIT_DRAFT', day(70))),
      sample('SUBMIT_FOR_SIGNOFF', day(71)),
    ],
    [
      'SUBMIT_TO_HOME_OFFICE twice in a round',
      () => homeOfficeQa(sample('SUBMIT_TO_HOME_OFFICE', day(131))),
      sample('SUBMIT_TO_HOME_OFFICE', day(132)),
    ],
    ['QA_OUTCOME approved before submission', () => homeOfficeQa(), sample('QA_OUTCOME', day(140), { outcome: 'approved' })],
    ['QA_OUTCOME resubmit before submission', () => homeOfficeQa(), sample('QA_OUTCOME', day(140), { outcome: 'resubmit' })],
    [
      'COPY_SENT_TO_COMMISSIONER twice (publication)',
      () => play([sample('COPY_SENT_TO_COMMISSIONER', day(201))], reviewIn('publication')).snapshot,
      sample('COPY_SENT_TO_COMMISSIONER', day(202)),
    ],
    [
      'COPY_SENT_TO_COMMISSIONER twice (action plan)',
      () => actionPlan(sample('COPY_SENT_TO_COMMISSIONER', day(221))),
      sample('COPY_SENT_TO_COMMISSIONER', day(222)),
    ],
    ['ADD_ACTION with an id already used', () => actionPlan(addAction('a-1')), addAction('a-1')],
    ['COMPLETE_ACTION for an unknown action', () => actionPlan(addAction('a-1')), sample('COMPLETE_ACTION', day(240), { actionId: 'a-9' })],
    [
      'COMPLETE_ACTION twice',
      () => actionPlan(addAction('a-1'), sample('COMPLETE_ACTION', day(240), { actionId: 'a-1' })),
      sample('COMPLETE_ACTION', day(241), { actionId: 'a-1' }),
    ],
    [
      'CLOSE with an open action (the commissioner copy sent)',
      () =>
        actionPlan(
          sample('COPY_SENT_TO_COMMISSIONER', day(221)),
          addAction('a-1'),
          addAction('a-2'),
          sample('COMPLETE_ACTION', day(240), { actionId: 'a-1' }),
        ),
      sample('CLOSE', day(250)),
    ],
    ['CLOSE before the commissioner copy was sent (no actions)', () => actionPlan(), sample('CLOSE', day(250))],
    [
      'CLOSE before the commissioner copy was sent (every action complete)',
      () => actionPlan(addAction('a-1'), sample('COMPLETE_ACTION', day(240), { actionId: 'a-1' })),
      sample('CLOSE', day(250)),
    ],
  ];

  it.each(cases)('%s', (_name, snapshotBefore, event) => {
    expectRefused(snapshotBefore(), event);
  });
});
