// Test helpers for the DHR v3 workflow: sample events and ready-made reviews in each
// stage, all built by playing events through the public helpers (never by hand).
import { apply, start, type PersistedDhrSnapshot } from '../dhr.workflow';
import type { DhrEffect, DhrEvent, DhrEventType, Stage } from '../dhr.types';

export type EventOf<T extends DhrEventType> = Extract<DhrEvent, { type: T }>;

export const NOTIFIED_AT = '2025-01-06T14:00:00.000Z';
export const POLICE = 'agency-police';
export const HEALTH = 'agency-health';
export const CHAIR = 'user-chair';
export const CSP_CHAIR = 'user-csp-chair';

/** A distinct, increasing time per step: day `n` after the notification, same time of day. */
export const day = (n: number): string => new Date(Date.parse(NOTIFIED_AT) + n * 86_400_000).toISOString();

const SAMPLES: { [T in DhrEventType]: (at: string) => EventOf<T> } = {
  REQUEST_SCOPING: (at) => ({ type: 'REQUEST_SCOPING', agencyId: POLICE, occurredAt: at }),
  RECEIVE_SCOPING: (at) => ({ type: 'RECEIVE_SCOPING', agencyId: POLICE, receivedAt: at, occurredAt: at }),
  DECIDE_TO_COMMISSION: (at) => ({
    type: 'DECIDE_TO_COMMISSION',
    decidedAt: at,
    rationale: 'criteria met',
    deathType: 'homicide',
    decidedBy: { userId: CSP_CHAIR },
    occurredAt: at,
  }),
  DECIDE_NOT_TO_COMMISSION: (at) => ({
    type: 'DECIDE_NOT_TO_COMMISSION',
    decidedAt: at,
    rationale: 'criteria not met',
    deathType: 'homicide',
    decidedBy: { userId: CSP_CHAIR },
    occurredAt: at,
  }),
  HOME_OFFICE_INFORMED: (at) => ({ type: 'HOME_OFFICE_INFORMED', sentAt: at, occurredAt: at }),
  SECRETARY_OF_STATE_DIRECTION: (at) => ({ type: 'SECRETARY_OF_STATE_DIRECTION', receivedAt: at, occurredAt: at }),
  APPOINT_CHAIR: (at) => ({ type: 'APPOINT_CHAIR', userId: CHAIR, occurredAt: at }),
  ADD_PANEL_AGENCY: (at) => ({ type: 'ADD_PANEL_AGENCY', agencyId: POLICE, occurredAt: at }),
  AGREE_TERMS_OF_REFERENCE: (at) => ({
    type: 'AGREE_TERMS_OF_REFERENCE',
    agreedAt: at,
    periodFrom: '2020-01-01',
    periodTo: '2024-12-31',
    occurredAt: at,
  }),
  REQUEST_IMR: (at) => ({ type: 'REQUEST_IMR', agencyId: POLICE, occurredAt: at }),
  RECEIVE_IMR: (at) => ({ type: 'RECEIVE_IMR', agencyId: POLICE, receivedAt: at, occurredAt: at }),
  WAIVE_IMR: (at) => ({ type: 'WAIVE_IMR', agencyId: POLICE, reason: 'no contact with the family', occurredAt: at }),
  BEGIN_DRAFTING: (at) => ({ type: 'BEGIN_DRAFTING', occurredAt: at }),
  SUBMIT_DRAFT: (at) => ({ type: 'SUBMIT_DRAFT', documentId: 'doc-draft-1', note: 'first draft', occurredAt: at }),
  SHARE_DRAFT_WITH_FAMILY: (at) => ({ type: 'SHARE_DRAFT_WITH_FAMILY', sharedAt: at, occurredAt: at }),
  FAMILY_RESPONSE_RECEIVED: (at) => ({ type: 'FAMILY_RESPONSE_RECEIVED', receivedAt: at, occurredAt: at }),
  FAMILY_NOT_INVOLVED: (at) => ({ type: 'FAMILY_NOT_INVOLVED', reason: 'declined contact', occurredAt: at }),
  SUBMIT_FOR_SIGNOFF: (at) => ({ type: 'SUBMIT_FOR_SIGNOFF', occurredAt: at }),
  CSP_SIGN_OFF: (at) => ({ type: 'CSP_SIGN_OFF', signedAt: at, occurredAt: at }),
  CSP_REQUEST_CHANGES: (at) => ({ type: 'CSP_REQUEST_CHANGES', reason: 'clarify chronology', occurredAt: at }),
  SUBMIT_TO_HOME_OFFICE: (at) => ({ type: 'SUBMIT_TO_HOME_OFFICE', submittedAt: at, occurredAt: at }),
  QA_OUTCOME: (at) => ({ type: 'QA_OUTCOME', receivedAt: at, outcome: 'approved', occurredAt: at }),
  COPY_SENT_TO_COMMISSIONER: (at) => ({ type: 'COPY_SENT_TO_COMMISSIONER', sentAt: at, occurredAt: at }),
  PUBLISH: (at) => ({ type: 'PUBLISH', publishedAt: at, url: 'https://csp.example/dhr/1', occurredAt: at }),
  ADD_ACTION: (at) => ({
    type: 'ADD_ACTION',
    actionId: 'action-1',
    agencyId: POLICE,
    description: 'train call handlers',
    dueAt: '2025-12-01T00:00:00.000Z',
    occurredAt: at,
  }),
  COMPLETE_ACTION: (at) => ({ type: 'COMPLETE_ACTION', actionId: 'action-1', completedAt: at, occurredAt: at }),
  CLOSE: (at) => ({ type: 'CLOSE', occurredAt: at }),
  PUT_ON_HOLD: (at) => ({ type: 'PUT_ON_HOLD', kind: 'criminal_trial', scope: 'review', reason: 'trial listed', occurredAt: at }),
  RESUME: (at) => ({ type: 'RESUME', occurredAt: at }),
  EXTEND_DEADLINE: (at) => ({
    type: 'EXTEND_DEADLINE',
    deadlineId: 'clock-1',
    dueAt: '2026-12-09T17:00:00.000Z',
    reason: 'agreed',
    occurredAt: at,
  }),
  HOME_OFFICE_RESPONSE: (at) => ({ type: 'HOME_OFFICE_RESPONSE', receivedAt: at, outcome: 'accepted', occurredAt: at }),
  RECONSIDER_DECISION: (at) => ({
    type: 'RECONSIDER_DECISION',
    decidedAt: at,
    rationale: 'reconsidered after the Home Office challenge',
    decidedBy: { userId: CSP_CHAIR },
    occurredAt: at,
  }),
  WITHDRAW_REQUEST: (at) => ({ type: 'WITHDRAW_REQUEST', agencyId: POLICE, kind: 'imr', reason: 'no longer needed', occurredAt: at }),
  RECORD_GUIDANCE_STEP: (at) => ({ type: 'RECORD_GUIDANCE_STEP', step: 'family_leaflet_given', doneAt: at, done: true, occurredAt: at }),
};

/** A plausible event of `type` at `at` (payload names agree with the kit's reviews), with overrides. */
export function sample<T extends DhrEventType>(type: T, at: string, overrides: Partial<EventOf<T>> = {}): EventOf<T> {
  return { ...SAMPLES[type](at), ...overrides };
}

export interface Played {
  snapshot: PersistedDhrSnapshot;
  /** Effects of each applied event, in order (start's effects are not included). */
  effects: DhrEffect[][];
}

/** Applies events in order; any refusal fails loudly, naming the stage and what it allowed. */
export function play(events: readonly DhrEvent[], from: PersistedDhrSnapshot = start({ notifiedAt: NOTIFIED_AT }).snapshot): Played {
  let snapshot = from;
  const effects: DhrEffect[][] = [];
  for (const event of events) {
    const outcome = apply(snapshot, event);
    if (!outcome.ok) {
      throw new Error(`${event.type} refused in ${outcome.stage}; allowed: ${outcome.allowedEvents.join(', ')}`);
    }
    snapshot = outcome.snapshot;
    effects.push(outcome.effects);
  }
  return { snapshot, effects };
}

/** Events that take a new review to each stage (the review ends up exactly there). */
export const PATH_TO: Record<Stage, () => DhrEvent[]> = {
  notification: () => [],
  not_commissioned: () => [sample('DECIDE_NOT_TO_COMMISSION', day(10))],
  setup: () => [sample('DECIDE_TO_COMMISSION', day(10))],
  information_gathering: () => [
    ...PATH_TO.setup(),
    sample('APPOINT_CHAIR', day(20)),
    sample('ADD_PANEL_AGENCY', day(21), { agencyId: POLICE }),
    sample('ADD_PANEL_AGENCY', day(21), { agencyId: HEALTH }),
    sample('AGREE_TERMS_OF_REFERENCE', day(25)),
  ],
  drafting: () => [
    ...PATH_TO.information_gathering(),
    sample('REQUEST_IMR', day(30), { agencyId: POLICE }),
    sample('RECEIVE_IMR', day(60), { agencyId: POLICE }),
    sample('BEGIN_DRAFTING', day(61)),
  ],
  family_review: () => [...PATH_TO.drafting(), sample('SUBMIT_DRAFT', day(90)), sample('SHARE_DRAFT_WITH_FAMILY', day(91))],
  csp_signoff: () => [...PATH_TO.family_review(), sample('FAMILY_RESPONSE_RECEIVED', day(110)), sample('SUBMIT_FOR_SIGNOFF', day(120))],
  home_office_qa: () => [...PATH_TO.csp_signoff(), sample('CSP_SIGN_OFF', day(130))],
  publication: () => [
    ...PATH_TO.home_office_qa(),
    sample('SUBMIT_TO_HOME_OFFICE', day(131)),
    sample('QA_OUTCOME', day(200), { outcome: 'approved' }),
  ],
  action_plan: () => [...PATH_TO.publication(), sample('PUBLISH', day(220))],
  // CLOSE waits for the copy to the Domestic Abuse Commissioner (DVCVA 2004 s.9(3B)).
  closed: () => [...PATH_TO.action_plan(), sample('COPY_SENT_TO_COMMISSIONER', day(225)), sample('CLOSE', day(230))],
};

/** A new review played to `stage`. */
export const reviewIn = (stage: Stage): PersistedDhrSnapshot => play(PATH_TO[stage]()).snapshot;
