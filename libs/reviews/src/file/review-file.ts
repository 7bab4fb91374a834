import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ReviewAccess } from '@dhr/access';
import { AuditWriter, FieldChanges } from '@dhr/audit';
import { Clock, inTransaction } from '@dhr/core';
import type { Actor } from '@dhr/identity';
import { Metrics } from '@dhr/ops';
import { OutboxPayloads, OutboxRelay, OutboxTopic, OutboxWriter, outboxWritten } from '@dhr/jobs';
import { WorkflowRegistry, WorkflowView } from '@dhr/workflow';
import type { DhrEvent } from '@dhr/workflows/dhr/contract';
import { ReferenceFacts, referenceFactsQuery } from '../event-references';
import type { ParsedEvent } from '../events/parse-event';
import { EventApplier } from '../spine/event-applier';
import type { ReviewEntity } from '../review.entities';
import { assertStageGate, StageGate } from '../stage-gates';
import { ReviewToView, ReviewViews } from '../views/review-views';
import type { VisibleReview } from '../views/review.view';
import { findVisibleReview } from './find-visible-review';
import { auditReview } from './review-audit';

/** The review, its access and workflow state as a piece of work left them, for a view read after COMMIT. */
async function settledAfter(tx: ReviewTx, work: (tx: ReviewTx) => Promise<void>): Promise<ReviewToView> {
  await work(tx);
  return { review: tx.review as ReviewEntity, access: tx.access, workflow: tx.workflow() };
}

/** A review as the file's domains see it: read-only, never saved by them. */
export type ReviewRecord = Readonly<ReviewEntity>;

export interface ReviewFileOptions {
  /** What a 404 names: on a sub-resource's route a hidden review and a missing item answer alike. */
  notFound?: string;
  /** Who may do this to a review they can see: throws (403) to refuse; checked before the stage gate. */
  authorise?: (actor: Actor, access: Exclude<ReviewAccess, 'none'>) => void;
  /** Refuse with `invalid_stage` unless the review's stage passes this gate. */
  gate?: StageGate;
  /** The event the change applies (parsed): its reference checks ride on the locking read. */
  event?: ParsedEvent;
}

export interface ReadOptions extends ReviewFileOptions {
  /** Serialise with writers on the review (reads that must see a settled file). */
  lock?: boolean;
}

/** Details of an audit entry beyond who, when and which review (the transaction knows those). */
export interface AuditDetails {
  entity?: string;
  entityId?: string;
  changes?: FieldChanges;
}

/** One piece of work on a review's file, inside its transaction. */
export interface ReviewTx {
  readonly manager: EntityManager;
  readonly actor: Actor;
  /** The time of the change: one instant for everything the work records. */
  readonly now: Date;
  /** The review as found (after `apply`, as saved). */
  readonly review: ReviewRecord;
  readonly reference: string;
  readonly access: Exclude<ReviewAccess, 'none'>;
  /** The review's workflow state: stage, hold, context, the machine's allowed events. */
  workflow(): WorkflowView;
  /** Records what the caller did to or read of the review, on its partnership's audit chain. */
  audit(action: string, details?: AuditDetails): Promise<void>;
  /** Work to do after commit; the file relays it as soon as the transaction commits. */
  outbox<T extends OutboxTopic>(topic: T, payload: OutboxPayloads[T]): Promise<void>;
  /** Applies an event through the spine, in this transaction; 409/403/400 as the events route. Returns its type. */
  apply(body: unknown): Promise<string>;
  /** As apply, for an event recorded on the side of another change: its type, or null (nothing written) when this caller may not send it now. */
  applyIfAllowed(body: unknown): Promise<string | null>;
  /** The Review shape for this caller, as it stands in this transaction (prefer `changeThenView`: it reads after COMMIT). */
  view(): Promise<VisibleReview>;
}

/**
 * The review-file unit of work: the one way to change or read a review's file. It finds
 * the review as the access policy allows (404 otherwise), locks it for a change, checks
 * the stage gate, gives the work a transaction carrying the time, audit, outbox and the
 * spine, and relays the outbox after commit whenever the work wrote to it.
 */
@Injectable()
export class ReviewFile {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditWriter,
    private readonly outboxWriter: OutboxWriter,
    private readonly relay: OutboxRelay,
    private readonly applier: EventApplier,
    private readonly views: ReviewViews,
    private readonly workflows: WorkflowRegistry,
    private readonly metrics: Metrics,
  ) {}

  /** A change: the review row is locked (FOR NO KEY UPDATE) until commit, so changes to one review are serialised. */
  change<T>(actor: Actor, reviewId: string, options: ReviewFileOptions, work: (tx: ReviewTx) => Promise<T>): Promise<T> {
    return this.run(actor, reviewId, { ...options, lock: true }, work);
  }

  /**
   * A change, then the caller's Review shape as the change left it. The view's reads (deadlines, names, the
   * extensions' parts) run after COMMIT, in parallel on the pool: the row lock is never held for them.
   */
  async changeThenView(
    actor: Actor,
    reviewId: string,
    options: ReviewFileOptions,
    work: (tx: ReviewTx) => Promise<void>,
  ): Promise<VisibleReview> {
    return this.viewAfter(actor, await this.run(actor, reviewId, { ...options, lock: true }, (tx) => settledAfter(tx, work)));
  }

  /** A read whose answer is the Review shape: the work (its audit) commits first, then the view is read without a transaction. */
  async readThenView(actor: Actor, reviewId: string, options: ReadOptions, work: (tx: ReviewTx) => Promise<void>): Promise<VisibleReview> {
    return this.viewAfter(actor, await this.run(actor, reviewId, options, (tx) => settledAfter(tx, work)));
  }

  private viewAfter(actor: Actor, settled: ReviewToView): Promise<VisibleReview> {
    return this.views.one(this.db.manager, actor, settled);
  }

  /** A read: no lock unless asked; the work audits what it reads. */
  read<T>(actor: Actor, reviewId: string, options: ReadOptions, work: (tx: ReviewTx) => Promise<T>): Promise<T> {
    return this.run(actor, reviewId, options, work);
  }

  /** Work that is not about one review but writes the outbox (a new review): relayed after commit likewise. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    let wrote = false;
    const result = await inTransaction(this.db, async (manager) => {
      const value = await work(manager);
      wrote = outboxWritten(manager);
      return value;
    });
    if (wrote) this.relay.relaySoon();
    return result;
  }

  private async run<T>(actor: Actor, reviewId: string, options: ReadOptions, work: (tx: ReviewTx) => Promise<T>): Promise<T> {
    let applied: string[] = [];
    const result = await this.transaction(async (manager) => {
      applied = []; // a retried transaction starts again
      const found = await findVisibleReview(manager, actor, reviewId, {
        lock: options.lock,
        notFound: options.notFound,
        references: options.event && referenceFactsQuery(options.event, this.priorTypes(options.event)),
      });
      options.authorise?.(actor, found.access);
      if (options.gate) assertStageGate(found.review.stage, options.gate);
      return work(this.tx(manager, actor, found, applied));
    });
    for (const type of applied) this.metrics.eventApplied(type); // committed: count them
    return result;
  }

  /** The fact types the event must not be dated before, by the current workflow version (its fields are enough to tell). */
  private priorTypes(event: ParsedEvent): readonly string[] | undefined {
    return this.workflows.current.prerequisiteOf?.({ type: event.type, ...event.fields } as unknown as DhrEvent)?.types;
  }

  private tx(
    manager: EntityManager,
    actor: Actor,
    found: { review: ReviewEntity; access: Exclude<ReviewAccess, 'none'>; facts: ReferenceFacts },
    applied: string[],
  ): ReviewTx {
    const now = this.clock.now();
    const access = found.access;
    let review = found.review;
    let workflow: WorkflowView | undefined;
    const apply = async (body: unknown, ifAllowed: boolean): Promise<string | null> => {
      const result = await this.applier.apply(manager, actor, review, body, now, { ifAllowed, facts: found.facts });
      if (!result) return null;
      applied.push(result.type);
      review = result.review;
      workflow = result.workflow;
      return result.type;
    };
    const view = () => this.views.one(manager, actor, { review, access, workflow });
    return {
      manager,
      actor,
      now,
      get review() {
        return review;
      },
      reference: found.review.reference,
      access,
      workflow: () => (workflow ??= this.workflows.get(review.workflowVersion).view(review.snapshot)),
      audit: (action, details = {}) =>
        auditReview(this.audit, manager, actor, now, { action, partnershipId: review.partnershipId, reviewId: review.id, ...details }),
      outbox: (topic, payload) => this.outboxWriter.add(manager, topic, payload),
      apply: async (body) => (await apply(body, false))!,
      applyIfAllowed: (body) => apply(body, true),
      view,
    };
  }
}
