import type { EntityManager } from 'typeorm';
import { DomainError } from '@dhr/core';
import type { WorkflowVersion } from '@dhr/workflow';
import type { DhrEvent } from '@dhr/workflows/dhr/contract';
import type { ReferenceFacts } from '../event-references';
import { EVENT_CATALOGUE } from './event-catalogue';
import { londonDateTimeWords } from './london-words';

/**
 * Refuses an event dated before the fact it follows on the review's record (the
 * workflow version's order rule), with a 400 naming the event's time field and the
 * earlier fact's date. One query, for the prerequisite types only.
 */
export async function assertFactsInOrder(
  manager: EntityManager,
  workflow: WorkflowVersion,
  reviewId: string,
  event: DhrEvent,
  prior?: ReferenceFacts['prior'],
): Promise<void> {
  const prerequisite = workflow.prerequisiteOf?.(event);
  if (!prerequisite || !workflow.factOutOfOrder) return;
  // The locking read brought the facts of these types already: no query.
  const facts = sameTypes(prior?.types, prerequisite.types)
    ? prior!.facts
    : (
        (await manager.query('SELECT type, occurred_at, payload FROM review_events WHERE review_id = $1 AND type = ANY($2)', [
          reviewId,
          prerequisite.types,
        ])) as { type: string; occurred_at: Date; payload: Record<string, unknown> }[]
      ).map((row) => ({ type: row.type, occurredAt: row.occurred_at, payload: row.payload }));
  const earlier = workflow.factOutOfOrder(event, facts);
  if (!earlier) return;
  const field = EVENT_CATALOGUE[event.type].time ?? 'occurredAt';
  throw DomainError.field(field, `must not be before ${factWords(earlier.type)} on ${londonDateTimeWords(earlier.occurredAt)}`);
}

function sameTypes(brought: readonly string[] | undefined, needed: readonly string[]): boolean {
  return brought !== undefined && brought.length === needed.length && needed.every((type) => brought.includes(type));
}

/** The fact in words for the message ("the request for an IMR"). */
function factWords(type: string): string {
  return FACT_WORDS[type] ?? `the ${type.toLowerCase().replace(/_/g, ' ')}`;
}

const FACT_WORDS: Record<string, string> = {
  NOTIFIED: 'the notification',
  REQUEST_SCOPING: 'the request for scoping information',
  DECIDE_TO_COMMISSION: 'the decision to hold a review',
  DECIDE_NOT_TO_COMMISSION: 'the decision not to hold a review',
  HOME_OFFICE_INFORMED: 'the notice to the Home Office',
  HOME_OFFICE_RESPONSE: 'the Home Office’s response',
  SECRETARY_OF_STATE_DIRECTION: 'the direction of the Secretary of State',
  RECONSIDER_DECISION: 'the reconsidered decision',
  APPOINT_CHAIR: 'the chair’s appointment',
  ADD_PANEL_AGENCY: 'the agency joining the panel',
  AGREE_TERMS_OF_REFERENCE: 'the terms of reference',
  REQUEST_IMR: 'the request for the IMR',
  RECEIVE_IMR: 'the IMR received',
  WAIVE_IMR: 'the IMR waived',
  BEGIN_DRAFTING: 'drafting began',
  SUBMIT_DRAFT: 'the draft',
  SHARE_DRAFT_WITH_FAMILY: 'the draft shared with the family',
  FAMILY_RESPONSE_RECEIVED: 'the family’s response',
  FAMILY_NOT_INVOLVED: 'the family recorded as not involved',
  SUBMIT_FOR_SIGNOFF: 'the report sent for sign-off',
  CSP_SIGN_OFF: 'the sign-off',
  CSP_REQUEST_CHANGES: 'the changes asked for',
  SUBMIT_TO_HOME_OFFICE: 'the submission to the Home Office',
  QA_OUTCOME: 'the Home Office’s quality assurance outcome',
  COPY_SENT_TO_COMMISSIONER: 'the copy sent to the Domestic Abuse Commissioner',
  PUBLISH: 'publication',
  ADD_ACTION: 'the action agreed',
  COMPLETE_ACTION: 'the last action completed',
  PUT_ON_HOLD: 'the hold',
  RESUME: 'the last resume',
};
