import type { Deadline } from '@dhr/clocks';
import type { WorkflowView } from '@dhr/workflow';
import { ownAgencyOnly } from '@dhr/access';
import type { ReviewEntity } from './review.entities';

/** The Review shape of the HTTP contract. */
export function reviewView(review: ReviewEntity, workflow: WorkflowView, deadlines: Deadline[]) {
  const { context } = workflow;
  return {
    id: review.id,
    reference: review.reference,
    partnershipId: review.partnershipId,
    stage: workflow.stage,
    onHold: workflow.onHold,
    hold: context.hold,
    allowedEvents: workflow.allowedEvents,
    workflow: { name: review.workflowName, version: review.workflowVersion },
    notifiedAt: review.notifiedAt.toISOString(),
    notifiedBy: review.notifiedBy,
    deathDate: review.deathDate,
    victimPseudonym: review.victimPseudonym,
    perpetratorPseudonym: review.perpetratorPseudonym,
    policeForceArea: review.policeForceArea,
    chairUserId: context.chairUserId,
    scoping: context.scoping,
    panel: context.panel.map((p) => ({ agencyId: p.agencyId, imr: p.imr })),
    termsOfReference: context.termsOfReference,
    family: context.family,
    drafts: context.drafts.length,
    homeOfficeInformedAt: context.homeOfficeInformedAt,
    resubmissions: context.resubmissions,
    actions: context.actions,
    deadlines,
    createdAt: review.createdAt.toISOString(),
    updatedAt: review.updatedAt.toISOString(),
    version: review.version,
  };
}

export type ReviewView = ReturnType<typeof reviewView>;

/**
 * An agency contact's view: the review summary and their own agency's part only
 * (panel entry, scoping request, actions, deadlines, the events they may send).
 * Family involvement, drafts and the reasons for a hold are not theirs to see.
 */
export function agencyReviewView(full: ReviewView, agencyId: string, allowedForAgency: string[]) {
  const { family: _family, drafts: _drafts, ...own } = ownAgencyOnly(full, agencyId);
  return {
    ...own,
    scoping: full.scoping.filter((s) => s.agencyId === agencyId),
    hold: null,
    allowedEvents: full.allowedEvents.filter((e) => allowedForAgency.includes(e)),
  };
}

export type AgencyReviewView = ReturnType<typeof agencyReviewView>;
/** What a caller gets: the whole review, or an agency contact's part of it. */
export type VisibleReview = ReviewView | AgencyReviewView;
