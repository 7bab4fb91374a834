// Representative events used to ask the machine itself which event types it would
// accept now (`snapshot.can(event)`), instead of keeping a per-stage table that
// could drift from the guards. For payload-dependent guards the candidates cover
// every relevant value found in the context (each panel agency, each agency asked
// for scoping, each action, both QA outcomes, an unused id), so an event type is
// listed when *some* payload would be accepted.
import type { DhrContext, DhrEvent, DhrEventType } from './dhr.types';

type EventOf<T extends DhrEventType> = Extract<DhrEvent, { type: T }>;
type ProbeBuilder<T extends DhrEventType> = (context: DhrContext, at: string) => EventOf<T>[];

/** A value not in `taken`, built deterministically (the machine and this helper stay pure). */
function unusedId(prefix: string, taken: readonly string[]): string {
  let id = prefix;
  while (taken.includes(id)) id += '*';
  return id;
}

const PROBE_DECISION = { rationale: '', deathType: 'homicide', decidedBy: { role: 'probe' } } as const;

const agencyIds = (context: DhrContext) => context.panel.map((member) => member.agencyId);
const scopingAgencyIds = (context: DhrContext) => context.scoping.map((request) => request.agencyId);

// Typed per event type: adding an event to the contract fails compilation until it has a probe.
const PROBES: { [T in DhrEventType]: ProbeBuilder<T> } = {
  // Any agency of the partnership may be asked, so one not asked yet stands for them all.
  REQUEST_SCOPING: (context, at) => [
    { type: 'REQUEST_SCOPING', agencyId: unusedId('probe-agency', scopingAgencyIds(context)), occurredAt: at },
  ],
  RECEIVE_SCOPING: (context, at) =>
    scopingAgencyIds(context).map((agencyId) => ({ type: 'RECEIVE_SCOPING', agencyId, receivedAt: at, occurredAt: at })),
  DECIDE_TO_COMMISSION: (_, at) => [{ type: 'DECIDE_TO_COMMISSION', ...PROBE_DECISION, decidedAt: at, occurredAt: at }],
  DECIDE_NOT_TO_COMMISSION: (_, at) => [{ type: 'DECIDE_NOT_TO_COMMISSION', ...PROBE_DECISION, decidedAt: at, occurredAt: at }],
  HOME_OFFICE_INFORMED: (_, at) => [{ type: 'HOME_OFFICE_INFORMED', sentAt: at, occurredAt: at }],
  SECRETARY_OF_STATE_DIRECTION: (_, at) => [{ type: 'SECRETARY_OF_STATE_DIRECTION', receivedAt: at, occurredAt: at }],
  APPOINT_CHAIR: (context, at) => [{ type: 'APPOINT_CHAIR', userId: unusedId('probe-chair', [context.chairUserId ?? '']), occurredAt: at }],
  ADD_PANEL_AGENCY: (context, at) => [{ type: 'ADD_PANEL_AGENCY', agencyId: unusedId('probe-agency', agencyIds(context)), occurredAt: at }],
  AGREE_TERMS_OF_REFERENCE: (_, at) => [{ type: 'AGREE_TERMS_OF_REFERENCE', agreedAt: at, periodFrom: at, periodTo: at, occurredAt: at }],
  REQUEST_IMR: (context, at) => agencyIds(context).map((agencyId) => ({ type: 'REQUEST_IMR', agencyId, occurredAt: at })),
  RECEIVE_IMR: (context, at) => agencyIds(context).map((agencyId) => ({ type: 'RECEIVE_IMR', agencyId, receivedAt: at, occurredAt: at })),
  WAIVE_IMR: (context, at) => agencyIds(context).map((agencyId) => ({ type: 'WAIVE_IMR', agencyId, reason: '', occurredAt: at })),
  BEGIN_DRAFTING: (_, at) => [{ type: 'BEGIN_DRAFTING', occurredAt: at }],
  SUBMIT_DRAFT: (_, at) => [{ type: 'SUBMIT_DRAFT', occurredAt: at }],
  SHARE_DRAFT_WITH_FAMILY: (_, at) => [{ type: 'SHARE_DRAFT_WITH_FAMILY', sharedAt: at, occurredAt: at }],
  FAMILY_RESPONSE_RECEIVED: (_, at) => [{ type: 'FAMILY_RESPONSE_RECEIVED', receivedAt: at, occurredAt: at }],
  FAMILY_NOT_INVOLVED: (_, at) => [{ type: 'FAMILY_NOT_INVOLVED', reason: '', occurredAt: at }],
  SUBMIT_FOR_SIGNOFF: (_, at) => [{ type: 'SUBMIT_FOR_SIGNOFF', occurredAt: at }],
  CSP_SIGN_OFF: (_, at) => [{ type: 'CSP_SIGN_OFF', signedAt: at, occurredAt: at }],
  CSP_REQUEST_CHANGES: (_, at) => [{ type: 'CSP_REQUEST_CHANGES', reason: '', occurredAt: at }],
  SUBMIT_TO_HOME_OFFICE: (_, at) => [{ type: 'SUBMIT_TO_HOME_OFFICE', submittedAt: at, occurredAt: at }],
  QA_OUTCOME: (_, at) =>
    (['approved', 'resubmit'] as const).map((outcome) => ({
      type: 'QA_OUTCOME',
      receivedAt: at,
      outcome,
      occurredAt: at,
    })),
  COPY_SENT_TO_COMMISSIONER: (_, at) => [{ type: 'COPY_SENT_TO_COMMISSIONER', sentAt: at, occurredAt: at }],
  PUBLISH: (_, at) => [{ type: 'PUBLISH', publishedAt: at, url: 'https://probe.invalid/', occurredAt: at }],
  ADD_ACTION: (context, at) => [
    {
      type: 'ADD_ACTION',
      actionId: unusedId(
        'probe-action',
        context.actions.map((action) => action.id),
      ),
      agencyId: 'probe-agency',
      description: '',
      dueAt: at,
      occurredAt: at,
    },
  ],
  COMPLETE_ACTION: (context, at) =>
    context.actions.map((action) => ({
      type: 'COMPLETE_ACTION',
      actionId: action.id,
      completedAt: at,
      occurredAt: at,
    })),
  CLOSE: (_, at) => [{ type: 'CLOSE', occurredAt: at }],
  PUT_ON_HOLD: (_, at) =>
    (['review', 'publication'] as const).map((scope) => ({ type: 'PUT_ON_HOLD', kind: 'other', scope, reason: '', occurredAt: at })),
  RESUME: (_, at) => [{ type: 'RESUME', occurredAt: at }],
  // Which clocks are live is not the machine's to know: any id stands for them all.
  EXTEND_DEADLINE: (_, at) => [{ type: 'EXTEND_DEADLINE', deadlineId: 'probe-deadline', dueAt: at, reason: '', occurredAt: at }],
  WITHDRAW_REQUEST: (context, at) => [
    ...scopingAgencyIds(context).map((agencyId) => ({
      type: 'WITHDRAW_REQUEST' as const,
      agencyId,
      kind: 'scoping' as const,
      reason: '',
      occurredAt: at,
    })),
    ...agencyIds(context).map((agencyId) => ({
      type: 'WITHDRAW_REQUEST' as const,
      agencyId,
      kind: 'imr' as const,
      reason: '',
      occurredAt: at,
    })),
  ],
  HOME_OFFICE_RESPONSE: (_, at) =>
    (['accepted', 'challenged'] as const).map((outcome) => ({ type: 'HOME_OFFICE_RESPONSE', receivedAt: at, outcome, occurredAt: at })),
  RECONSIDER_DECISION: (_, at) => [
    { type: 'RECONSIDER_DECISION', decidedAt: at, rationale: '', decidedBy: PROBE_DECISION.decidedBy, occurredAt: at },
  ],
  // Every step that needs no fact first stands for them all; an IMR's sign-off is asked per panel agency.
  RECORD_GUIDANCE_STEP: (context, at) => [
    { type: 'RECORD_GUIDANCE_STEP', step: 'family_leaflet_given', doneAt: at, done: true, occurredAt: at },
    ...agencyIds(context).map((agencyId) => ({
      type: 'RECORD_GUIDANCE_STEP' as const,
      step: 'imr_signed_off' as const,
      agencyId,
      doneAt: at,
      done: true,
      occurredAt: at,
    })),
  ],
};

/** Candidate events of one type for the given context; none means no payload could be valid. */
export function probeEvents(type: DhrEventType, context: DhrContext): DhrEvent[] {
  // Guards never read times, so any ISO string will do; this one keeps the probe pure.
  const builder = PROBES[type] as ProbeBuilder<DhrEventType>;
  return builder(context, context.notifiedAt);
}
