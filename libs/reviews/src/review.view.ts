import type { Deadline } from '@dhr/clocks';
import type { WorkflowView } from '@dhr/workflow';
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
