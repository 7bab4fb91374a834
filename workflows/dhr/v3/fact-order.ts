// Facts in order (v3): an event may not be dated before the fact it follows on the
// record — the request it answers, the decision it overturns, the step that made it
// possible. Events are often recorded days late, so only their own prerequisite is
// compared, never the last thing recorded. Pure: the service finds the latest
// recorded fact of the named types (and subject) and compares the dates.
import type { DhrEvent, DhrEventType } from './dhr.types';

/** The facts an event follows: the latest recorded one of these types (about the same agency or action, where given). */
export interface Prerequisite {
  types: readonly string[];
  subject?: { field: 'agencyId' | 'actionId'; value: string };
}

/** The history entry a review's notification leaves: every first decision follows it. */
export const NOTIFIED = 'NOTIFIED';

const COMMISSIONING = ['DECIDE_TO_COMMISSION', 'SECRETARY_OF_STATE_DIRECTION', 'RECONSIDER_DECISION'] as const;

const AFTER: { [T in DhrEventType]?: readonly string[] } = {
  REQUEST_SCOPING: [NOTIFIED],
  DECIDE_TO_COMMISSION: [NOTIFIED],
  DECIDE_NOT_TO_COMMISSION: [NOTIFIED],
  HOME_OFFICE_INFORMED: ['DECIDE_TO_COMMISSION', 'DECIDE_NOT_TO_COMMISSION'],
  HOME_OFFICE_RESPONSE: ['HOME_OFFICE_INFORMED'],
  SECRETARY_OF_STATE_DIRECTION: ['DECIDE_NOT_TO_COMMISSION'],
  RECONSIDER_DECISION: ['HOME_OFFICE_RESPONSE'],
  APPOINT_CHAIR: COMMISSIONING,
  ADD_PANEL_AGENCY: COMMISSIONING,
  AGREE_TERMS_OF_REFERENCE: [...COMMISSIONING, 'APPOINT_CHAIR'],
  BEGIN_DRAFTING: ['AGREE_TERMS_OF_REFERENCE', 'RECEIVE_IMR', 'WAIVE_IMR'],
  SUBMIT_DRAFT: ['BEGIN_DRAFTING', 'CSP_REQUEST_CHANGES', 'QA_OUTCOME', 'FAMILY_RESPONSE_RECEIVED'],
  SHARE_DRAFT_WITH_FAMILY: ['SUBMIT_DRAFT'],
  FAMILY_RESPONSE_RECEIVED: ['SHARE_DRAFT_WITH_FAMILY'],
  FAMILY_NOT_INVOLVED: ['BEGIN_DRAFTING', 'SHARE_DRAFT_WITH_FAMILY'],
  SUBMIT_FOR_SIGNOFF: ['SUBMIT_DRAFT', 'FAMILY_RESPONSE_RECEIVED', 'FAMILY_NOT_INVOLVED'],
  CSP_SIGN_OFF: ['SUBMIT_FOR_SIGNOFF'],
  CSP_REQUEST_CHANGES: ['SUBMIT_FOR_SIGNOFF'],
  SUBMIT_TO_HOME_OFFICE: ['CSP_SIGN_OFF'],
  QA_OUTCOME: ['SUBMIT_TO_HOME_OFFICE'],
  COPY_SENT_TO_COMMISSIONER: ['CSP_SIGN_OFF'],
  PUBLISH: ['QA_OUTCOME'],
  ADD_ACTION: ['BEGIN_DRAFTING'],
  CLOSE: ['PUBLISH', 'COMPLETE_ACTION', 'COPY_SENT_TO_COMMISSIONER', 'HOME_OFFICE_RESPONSE'],
  PUT_ON_HOLD: [...COMMISSIONING, 'RESUME'],
  RESUME: ['PUT_ON_HOLD'],
};

const agency = (event: { agencyId: string }) => ({ field: 'agencyId' as const, value: event.agencyId });

/** What `event` must not be dated before, or null when it follows nothing in particular. */
export function prerequisiteOf(event: DhrEvent): Prerequisite | null {
  switch (event.type) {
    case 'RECEIVE_SCOPING':
      return { types: ['REQUEST_SCOPING'], subject: agency(event) };
    case 'REQUEST_IMR':
      return { types: ['ADD_PANEL_AGENCY', 'AGREE_TERMS_OF_REFERENCE'], subject: agency(event) };
    case 'RECEIVE_IMR':
      return { types: ['REQUEST_IMR'], subject: agency(event) };
    case 'WAIVE_IMR':
      return { types: ['ADD_PANEL_AGENCY', 'REQUEST_IMR'], subject: agency(event) };
    case 'WITHDRAW_REQUEST':
      return { types: [event.kind === 'scoping' ? 'REQUEST_SCOPING' : 'REQUEST_IMR'], subject: agency(event) };
    case 'COMPLETE_ACTION':
      return { types: ['ADD_ACTION'], subject: { field: 'actionId', value: event.actionId } };
    case 'RECORD_GUIDANCE_STEP':
      // An IMR is signed off no later than it arrives, so only its request comes first; the time online follows publication.
      if (event.step === 'imr_signed_off' && event.agencyId)
        return { types: ['REQUEST_IMR'], subject: agency({ agencyId: event.agencyId }) };
      if (event.step === 'report_kept_online') return { types: ['PUBLISH'] };
      return { types: COMMISSIONING };
    default: {
      const types = AFTER[event.type];
      return types ? { types } : null;
    }
  }
}

/** A recorded fact as the check reads it. */
export interface RecordedFact {
  type: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

/**
 * The latest of `facts` that `event` follows and is dated before, or null when the
 * event is in order. A fact about a subject counts only for the same agency or action,
 * except the facts of the whole review (terms of reference) named beside them.
 */
export function factOutOfOrder(event: DhrEvent, facts: readonly RecordedFact[]): RecordedFact | null {
  const prerequisite = prerequisiteOf(event);
  if (!prerequisite) return null;
  const { subject } = prerequisite;
  const relevant = facts.filter(
    (fact) =>
      prerequisite.types.includes(fact.type) &&
      (!subject || fact.payload[subject.field] === undefined || fact.payload[subject.field] === subject.value),
  );
  const latest = relevant.reduce<RecordedFact | null>(
    (found, fact) => (found === null || fact.occurredAt.getTime() > found.occurredAt.getTime() ? fact : found),
    null,
  );
  return latest && Date.parse(event.occurredAt) < latest.occurredAt.getTime() ? latest : null;
}
