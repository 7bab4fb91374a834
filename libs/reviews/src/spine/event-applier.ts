import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditWriter, diffFields } from '@dhr/audit';
import { ClocksService, RULEBOOK } from '@dhr/clocks';
import { DomainError } from '@dhr/core';
import type { Actor } from '@dhr/identity';
import { IdentityDirectory } from '@dhr/identity';
import { WorkflowRegistry, WorkflowView } from '@dhr/workflow';
import type { DhrContext, DhrEffect, DhrEvent } from '@dhr/workflows/dhr/contract';
import type { Rulebook } from '@dhr/workflows/dhr/rulebook';
import { checkDeadlineExtension, ExtensionFacts } from '../events/deadline-extension';
import { withDecisionMaker } from '../events/decision-maker';
import { actingFor } from '../events/on-behalf-of';
import { assertFactsInOrder } from '../events/fact-order-check';
import { assertMaySend, maySend } from '../event-permission';
import { assertReferencesExist, ReferenceFacts } from '../event-references';
import { parseEventBody, resolveEvent } from '../events/parse-event';
import { auditReview } from '../file/review-audit';
import { ReviewExtensions } from '../review-extensions';
import type { ReviewEntity } from '../review.entities';
import { saveSnapshotWithHistory } from './review-writes';

/** An event the machine accepted and the transaction wrote: the row as saved and its workflow view. */
export interface AppliedEvent {
  type: DhrEvent['type'];
  review: ReviewEntity;
  workflow: WorkflowView;
}

/**
 * The spine's one step, inside the caller's transaction on a review it has locked:
 * validate, authorise, transition, write snapshot, history, clock effects, audit,
 * and let the extensions record their part. Nothing here commits or relays.
 */
@Injectable()
export class EventApplier {
  constructor(
    private readonly workflows: WorkflowRegistry,
    private readonly clocks: ClocksService,
    private readonly audit: AuditWriter,
    private readonly extensions: ReviewExtensions,
    private readonly directory: IdentityDirectory,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
  ) {}

  /** With `ifAllowed`: null, and nothing written, when this caller may not send the event now. */
  async apply(
    manager: EntityManager,
    actor: Actor,
    review: ReviewEntity,
    body: unknown,
    now: Date,
    options: { ifAllowed?: boolean; facts?: ReferenceFacts } = {},
  ): Promise<AppliedEvent | null> {
    const parsed = parseEventBody(body);
    if (parsed.expectedVersion !== undefined && parsed.expectedVersion !== review.version) throw DomainError.conflict();

    // Recorded by the coordinator for a chair or CSP chair: their rules apply, the coordinator is the actor on record.
    const acting = await actingFor(this.directory, manager, actor, review.partnershipId, parsed, options.facts);
    const resolved = withDecisionMaker(resolveEvent(parsed, now, review.deathDate, this.rulebook), acting.actor);
    const workflow = this.workflows.get(review.workflowVersion);
    const context = workflow.view(review.snapshot).context;
    if (options.ifAllowed && !maySend(acting.actor, resolved, context)) return null;
    assertMaySend(acting.actor, resolved, context);
    await assertReferencesExist(this.directory, manager, review.partnershipId, resolved, options.facts);
    await assertFactsInOrder(manager, workflow, review.id, resolved, options.facts?.prior);
    const extension =
      resolved.type === 'EXTEND_DEADLINE'
        ? await checkDeadlineExtension(this.clocks, this.rulebook, manager, acting.actor, review.id, resolved)
        : undefined;

    const allowed = workflow.apply(review.snapshot, resolved);
    if (!allowed.ok) {
      if (options.ifAllowed) return null;
      throw new DomainError('invalid_transition', { stage: allowed.stage, allowedEvents: allowed.allowedEvents });
    }
    // Other domains then name what the event is about (which report versions were signed off, sent, published).
    const event = await this.extensions.completeEvent({ manager, review, event: resolved, context });
    const result = event === resolved ? allowed : workflow.apply(review.snapshot, event);
    if (!result.ok) throw new DomainError('invalid_transition', { stage: result.stage, allowedEvents: result.allowedEvents });
    const afterView = workflow.view(result.snapshot);
    const saved = await saveSnapshotWithHistory(manager, review, result.snapshot, afterView, now, actor.userId, {
      type: event.type,
      payload: payloadOf(event, context, extension),
      occurredAt: new Date(event.occurredAt),
      fromStage: result.fromStage,
      toStage: result.toStage,
      onBehalfOf: acting.onBehalfOf,
      evidence: acting.evidence,
    });
    await this.clocks.applyEffects(manager, review, withActionAgency(result.effects, event), now);
    await auditReview(this.audit, manager, actor, now, {
      action: `review.event.${event.type}`,
      partnershipId: review.partnershipId,
      reviewId: review.id,
      changes: {
        ...diffFields(auditedState(review, context, result.fromStage), auditedState(saved, afterView.context, result.toStage)),
        ...(acting.onBehalfOf
          ? { onBehalfOf: { before: null, after: acting.onBehalfOf }, evidence: { before: null, after: acting.evidence } }
          : {}),
      },
    });
    await this.extensions.eventAccepted({
      manager,
      actor,
      review,
      event,
      before: context,
      after: afterView.context,
      fromStage: result.fromStage,
      toStage: result.toStage,
      now,
    });
    return { type: event.type, review: saved, workflow: afterView };
  }
}

/** The event as kept in history: its payload, naming the agency an action belongs to so agency views can find it. */
function payloadOf(event: DhrEvent, context: DhrContext, extension?: ExtensionFacts): Record<string, unknown> {
  const { type: _type, occurredAt: _at, ...payload } = event as DhrEvent & Record<string, unknown>;
  if (event.type === 'COMPLETE_ACTION') payload.agencyId = context.actions.find((a) => a.id === event.actionId)?.agencyId;
  // An extension keeps the date it replaced (and whose deadline it was) beside the new one.
  return extension ? { ...payload, ...extension } : payload;
}

/** An action's clock belongs to its owning agency, whose contacts it reminds. */
function withActionAgency(effects: DhrEffect[], event: DhrEvent): DhrEffect[] {
  if (event.type !== 'ADD_ACTION') return effects;
  return effects.map((e) =>
    e.type === 'clock.start' && e.subject.kind === 'action' ? { ...e, subject: { ...e.subject, agencyId: event.agencyId } } : e,
  );
}

/** The fields whose before/after the audit trail keeps for an event: stage, hold, version and the workflow context. */
function auditedState(review: ReviewEntity, context: DhrContext, stage: string): Record<string, unknown> {
  return { stage, onHold: review.onHold, version: review.version, ...context };
}
