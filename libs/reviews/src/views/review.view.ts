import type { Deadline } from '@dhr/clocks';
import type { NameLookup } from '@dhr/identity';
import type { WorkflowView } from '@dhr/workflow';
import { ownAgencyOnly } from '@dhr/access';
import type { ReviewEntity } from '../review.entities';
import { guidanceView } from './guidance.view';

/** The Review shape of the HTTP contract, with names beside ids and the events this caller may send now. */
export function reviewView(
  review: ReviewEntity,
  workflow: WorkflowView,
  deadlines: Deadline[],
  names: NameLookup,
  allowedEvents: string[],
) {
  const { context } = workflow;
  const named = <T extends { agencyId?: string | null }>(item: T) => ({ ...item, agencyName: names.agencyName(item.agencyId) });
  const namedDeadlines = deadlines.map(named);
  return {
    id: review.id,
    reference: review.reference,
    partnershipId: review.partnershipId,
    stage: workflow.stage,
    onHold: workflow.onHold,
    hold: context.hold,
    allowedEvents,
    workflow: { name: review.workflowName, version: review.workflowVersion },
    notifiedAt: review.notifiedAt.toISOString(),
    notifiedBy: review.notifiedBy,
    deathDate: review.deathDate,
    victimPseudonym: review.victimPseudonym,
    perpetratorPseudonym: review.perpetratorPseudonym,
    policeForceArea: review.policeForceArea,
    chairUserId: context.chairUserId,
    chair: names.user(context.chairUserId),
    scoping: context.scoping.map(named),
    panel: context.panel.map((p) => named({ agencyId: p.agencyId, imr: p.imr })),
    termsOfReference: context.termsOfReference,
    family: context.family,
    drafts: context.drafts.length,
    homeOfficeInformedAt: context.homeOfficeInformedAt,
    // v3: the CSP's decision on the record (null until made), and the Home Office's answer to a "no".
    // A review still on an older version has none of these fields: null, as for "not recorded".
    decision: context.decision && {
      outcome: context.decision,
      decidedAt: context.decidedAt ?? null,
      decidedBy: decisionMakerView(context.decidedBy ?? null, names),
      deathType: context.deathType ?? null,
      deathTypeDescription: context.deathTypeDescription ?? null,
    },
    homeOfficeResponse: context.homeOfficeResponse ?? null,
    // v3: which report versions were signed off, sent, approved and published; the report's time online;
    // the guidance's steps as tasks.
    report: context.report ?? null,
    keepOnlineUntil: context.keepOnlineUntil ?? null,
    guidance: guidanceView(workflow, names),
    resubmissions: context.resubmissions,
    actions: context.actions.map(named),
    deadlines: namedDeadlines,
    nextDeadline: nextDeadline(namedDeadlines),
    createdAt: review.createdAt.toISOString(),
    updatedAt: review.updatedAt.toISOString(),
    version: review.version,
  };
}

export type ReviewView = ReturnType<typeof reviewView>;

/** A CSP chair with their name, or the role or body the coordinator named. */
function decisionMakerView(maker: WorkflowView['context']['decidedBy'], names: NameLookup) {
  if (maker === null) return null;
  return 'userId' in maker ? { user: names.user(maker.userId) } : { role: maker.role };
}

/** The open deadline due first, or null. */
function nextDeadline<T extends Deadline>(deadlines: T[]): T | null {
  return deadlines.filter((d) => d.status === 'open').reduce<T | null>((first, d) => (!first || d.dueAt < first.dueAt ? d : first), null);
}

/**
 * An agency contact's view: the review summary and their own agency's part only
 * (panel entry, scoping request, actions, deadlines). Family involvement, drafts and
 * the reasons for a hold are not theirs to see.
 */
export function agencyReviewView(full: ReviewView, agencyId: string) {
  const {
    family: _family,
    drafts: _drafts,
    decision: _decision,
    homeOfficeResponse: _homeOfficeResponse,
    guidance: _guidance,
    ...own
  } = ownAgencyOnly(full, agencyId);
  return {
    ...own,
    scoping: full.scoping.filter((s) => s.agencyId === agencyId),
    hold: null,
    nextDeadline: nextDeadline(own.deadlines),
  };
}

export type AgencyReviewView = ReturnType<typeof agencyReviewView>;
/** What a caller gets: the whole review, or an agency contact's part of it. */
export type VisibleReview = ReviewView | AgencyReviewView;
