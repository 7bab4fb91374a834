import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ClocksService } from '@dhr/clocks';
import { mayReadReviewAudit, ReviewAccess, reviewAccess, visibleReviewsCondition } from '@dhr/access';
import { AuditEntryView, AuditQuery, AuditWriter, diffFields } from '@dhr/audit';
import { ApiError, Clock, inTransaction } from '@dhr/core';
import { OutboxRelay } from '@dhr/jobs';
import type { Actor } from '@dhr/identity';
import { WorkflowRegistry, WorkflowView } from '@dhr/workflow';
import type { DhrContext, DhrEffect, DhrEvent } from '@dhr/workflows/dhr/v1/dhr.types';
import { CreateReviewDto } from './create-review.dto';
import { assertMaySend, eventsAgencyMaySend, maySend } from './event-permission';
import { assertReferencesExist } from './event-references';
import { assertPastFact, londonDate, parseEventBody, resolveEvent } from './events/parse-event';
import { historyView } from './history.view';
import { ListReviewsQuery } from './list-reviews.query';
import { allocateReference } from './review-reference';
import { ReviewEntity, ReviewEventEntity } from './review.entities';
import { agencyReviewView, reviewView, VisibleReview } from './review.view';
import { involvedAgencyIds } from './review-scope';
import { auditReview } from './review-audit';
import { ReviewExtensions } from './review-extensions';
import { findVisibleReview } from './find-visible-review';

/** An event applied inside a caller's transaction: the caller relays the outbox after commit when clocks changed. */
export interface AppliedEvent {
  view: VisibleReview;
  changedClocks: boolean;
}

/**
 * The spine: every change to a review is one event, applied by the pure
 * statechart and written in one transaction with its history and clock effects.
 */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly workflows: WorkflowRegistry,
    private readonly clocks: ClocksService,
    private readonly clock: Clock,
    private readonly relay: OutboxRelay,
    private readonly audit: AuditWriter,
    private readonly auditQuery: AuditQuery,
    private readonly extensions: ReviewExtensions,
  ) {}

  async create(actor: Actor, dto: CreateReviewDto): Promise<VisibleReview> {
    if (actor.partnershipId !== dto.partnershipId)
      throw ApiError.field('partnershipId', 'you may only record reviews for your own partnership');
    const now = this.clock.now();
    const notifiedAt = new Date(dto.notifiedAt);
    assertPastFact('notifiedAt', notifiedAt, now, dto.deathDate);
    if (dto.deathDate > londonDate(now)) throw ApiError.field('deathDate', 'must not be in the future');

    const workflow = this.workflows.current;
    const created = await inTransaction(this.db, async (manager) => {
      const reference = await allocateReference(manager, dto.partnershipId, Number(londonDate(notifiedAt).slice(0, 4)));
      const started = workflow.start({ notifiedAt: notifiedAt.toISOString() });
      const view = workflow.view(started.snapshot);
      const review = await manager.getRepository(ReviewEntity).save(
        manager.getRepository(ReviewEntity).create({
          reference,
          partnershipId: dto.partnershipId,
          workflowName: workflow.name,
          workflowVersion: workflow.version,
          snapshot: started.snapshot,
          stage: view.stage,
          onHold: view.onHold,
          chairUserId: view.context.chairUserId,
          involvedAgencyIds: involvedAgencyIds(view.context),
          notifiedAt,
          notifiedBy: dto.notifiedBy,
          deathDate: dto.deathDate,
          victimPseudonym: dto.victimPseudonym,
          perpetratorPseudonym: dto.perpetratorPseudonym ?? null,
          policeForceArea: dto.policeForceArea ?? null,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
          version: 1,
        }),
      );
      await this.appendHistory(
        manager,
        review,
        actor.userId,
        { type: 'NOTIFIED', payload: { notifiedBy: dto.notifiedBy }, occurredAt: notifiedAt, fromStage: null, toStage: view.stage },
        now,
      );
      await this.clocks.applyEffects(manager, review, started.effects, now);
      const after = { ...dto, stage: view.stage, reference, workflowVersion: workflow.version };
      await auditReview(this.audit, manager, actor, now, {
        action: 'review.create',
        partnershipId: review.partnershipId,
        reviewId: review.id,
        changes: diffFields({}, after),
      });
      return this.toView(review, actor, 'full', manager);
    });
    this.relay.relaySoon();
    return created;
  }

  /** Every read of review content is audited, in the same transaction as the read. */
  get(actor: Actor, id: string): Promise<VisibleReview> {
    return inTransaction(this.db, async (manager) => {
      const { review, access } = await this.findVisible(manager, actor, id);
      await this.auditRead(manager, actor, 'review.read', review);
      return this.toView(review, actor, access, manager);
    });
  }

  async list(actor: Actor, query: ListReviewsQuery): Promise<{ items: VisibleReview[]; total: number }> {
    const visible = visibleReviewsCondition(actor);
    const qb = this.db.getRepository(ReviewEntity).createQueryBuilder('r').where(visible.sql, visible.params);
    if (query.stage) qb.andWhere('r.stage = :stage', { stage: query.stage });
    if (query.overdue !== undefined) {
      const overdue = this.clocks.overdueReviewIdsSql();
      qb.andWhere(`r.id ${query.overdue ? '' : 'NOT '}IN (${overdue.sql})`, overdue.params(this.clock.now()));
    }
    const [rows, total] = await qb
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id')
      .skip((query.page - 1) * query.limit)
      .take(query.limit)
      .getManyAndCount();
    return inTransaction(this.db, async (manager) => {
      if (actor.partnershipId && rows.length > 0) {
        await auditReview(this.audit, manager, actor, this.clock.now(), {
          action: 'review.list',
          partnershipId: actor.partnershipId,
          reviewId: null,
          changes: { returned: { before: null, after: rows.map((r) => r.id) } },
        });
      }
      const items = [];
      for (const r of rows) items.push(await this.toView(r, actor, reviewAccess(actor, r), manager));
      return { items, total };
    });
  }

  history(actor: Actor, id: string) {
    return inTransaction(this.db, async (manager) => {
      const { review, access } = await this.findVisible(manager, actor, id);
      await this.auditRead(manager, actor, 'review.history.read', review);
      const events = await manager.getRepository(ReviewEventEntity).find({ where: { reviewId: id }, order: { seq: 'ASC' } });
      const visible = access === 'agency' ? events.filter((e) => e.payload.agencyId === actor.agencyId) : events;
      return visible.map(historyView);
    });
  }

  deadlines(actor: Actor, id: string) {
    return inTransaction(this.db, async (manager) => {
      const { review, access } = await this.findVisible(manager, actor, id);
      await this.auditRead(manager, actor, 'review.deadlines.read', review);
      const deadlines = await this.clocks.deadlines(id, this.clock.now(), manager);
      return access === 'agency' ? deadlines.filter((d) => d.agencyId === actor.agencyId) : deadlines;
    });
  }

  /** Validates, authorises and applies one event; 409 when the stage or a concurrent change forbids it. */
  async applyEvent(actor: Actor, id: string, body: unknown): Promise<VisibleReview> {
    const applied = await inTransaction(this.db, (manager) => this.applyWithin(manager, actor, id, body));
    // Alarms for changed clocks; the sweep catches anything this misses.
    if (applied.changedClocks) this.relay.relaySoon();
    return applied.view;
  }

  /**
   * Applies one event inside the caller's transaction (so a document and the event it records
   * commit together). The caller relays the outbox after commit when `changedClocks`.
   */
  async applyWithin(manager: EntityManager, actor: Actor, id: string, body: unknown): Promise<AppliedEvent>;
  /** With `ifAllowed`: null, and nothing written, when this caller may not send the event now. */
  async applyWithin(
    manager: EntityManager,
    actor: Actor,
    id: string,
    body: unknown,
    options: { ifAllowed: true },
  ): Promise<AppliedEvent | null>;
  async applyWithin(
    manager: EntityManager,
    actor: Actor,
    id: string,
    body: unknown,
    options: { ifAllowed?: boolean } = {},
  ): Promise<AppliedEvent | null> {
    const parsed = parseEventBody(body);
    // The row lock serialises events on one review: a racing request waits, then
    // applies against the new version (or gets 409 if it named the old one).
    const { review, access } = await this.findVisible(manager, actor, id, true);
    if (parsed.expectedVersion !== undefined && parsed.expectedVersion !== review.version) throw ApiError.conflict();

    const now = this.clock.now();
    const event = resolveEvent(parsed, now, review.deathDate);
    const workflow = this.workflows.get(review.workflowVersion);
    const context = workflow.view(review.snapshot).context;
    if (options.ifAllowed && !maySend(actor, event, context)) return null;
    assertMaySend(actor, event, context);
    await assertReferencesExist(manager, review.partnershipId, event);

    const result = workflow.apply(review.snapshot, event);
    if (!result.ok) {
      if (options.ifAllowed) return null;
      throw new ApiError(409, { error: 'invalid_transition', stage: result.stage, allowedEvents: result.allowedEvents });
    }
    const { saved, view: afterView } = await this.saveSnapshot(manager, review, result.snapshot, now);
    await this.appendHistory(
      manager,
      review,
      actor.userId,
      {
        type: event.type,
        payload: payloadOf(event, context),
        occurredAt: new Date(event.occurredAt),
        fromStage: result.fromStage,
        toStage: result.toStage,
      },
      now,
    );
    await this.clocks.applyEffects(manager, review, withActionAgency(result.effects, event), now);
    await auditReview(this.audit, manager, actor, now, {
      action: `review.event.${event.type}`,
      partnershipId: review.partnershipId,
      reviewId: review.id,
      changes: diffFields(auditedState(review, context, result.fromStage), auditedState(saved, afterView.context, result.toStage)),
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
    return { view: await this.toView(saved, actor, access, manager, afterView), changedClocks: result.effects.length > 0 };
  }

  /** The review's audit trail, for its coordinators and administrators; reading it is audited too. */
  auditTrail(actor: Actor, id: string): Promise<AuditEntryView[]> {
    return inTransaction(this.db, async (manager) => {
      const review = await manager.getRepository(ReviewEntity).findOneBy({ id });
      if (!review || !mayReadReviewAudit(actor, review)) throw ApiError.notFound('review');
      await this.auditRead(manager, actor, 'review.audit.read', review);
      const entries = await this.auditQuery.forReview(id);
      // Administrators check the record, not the case: which fields changed, never their values.
      return actor.role === 'admin' ? entries.map(withoutValues) : entries;
    });
  }

  private auditRead(manager: EntityManager, actor: Actor, action: string, review: ReviewEntity): Promise<void> {
    return auditReview(this.audit, manager, actor, this.clock.now(), { action, partnershipId: review.partnershipId, reviewId: review.id });
  }

  private findVisible(manager: EntityManager, actor: Actor, id: string, lock = false) {
    return findVisibleReview(manager, actor, id, { lock });
  }

  /** Writes the new snapshot under the version check; returns the row as saved and its view, without reading it back. */
  private async saveSnapshot(
    manager: EntityManager,
    review: ReviewEntity,
    snapshot: unknown,
    now: Date,
  ): Promise<{ saved: ReviewEntity; view: WorkflowView }> {
    const view = this.workflows.get(review.workflowVersion).view(snapshot);
    const changes = {
      snapshot: snapshot as object,
      stage: view.stage,
      onHold: view.onHold,
      chairUserId: view.context.chairUserId,
      involvedAgencyIds: involvedAgencyIds(view.context),
      updatedAt: now,
      version: review.version + 1,
    };
    const updated = await manager
      .createQueryBuilder()
      .update(ReviewEntity)
      .set(changes)
      .where('id = :id AND version = :version', { id: review.id, version: review.version })
      .execute();
    if (updated.affected !== 1) throw ApiError.conflict();
    return { saved: Object.assign(new ReviewEntity(), review, changes), view };
  }

  private async appendHistory(
    manager: EntityManager,
    review: ReviewEntity,
    actorId: string | null,
    entry: Pick<ReviewEventEntity, 'type' | 'payload' | 'occurredAt' | 'fromStage' | 'toStage'>,
    now: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO review_events (review_id, seq, type, payload, actor_id, occurred_at, recorded_at, from_stage, to_stage, workflow_version)
       SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9 FROM review_events WHERE review_id = $1`,
      [
        review.id,
        entry.type,
        JSON.stringify(entry.payload),
        actorId,
        entry.occurredAt,
        now,
        entry.fromStage,
        entry.toStage,
        review.workflowVersion,
      ],
    );
  }

  private async toView(
    review: ReviewEntity,
    actor: Actor,
    access: ReviewAccess,
    manager: EntityManager,
    workflow: WorkflowView = this.workflows.get(review.workflowVersion).view(review.snapshot),
  ): Promise<VisibleReview> {
    if (access === 'none') throw ApiError.notFound('review');
    const full = reviewView(review, workflow, await this.clocks.deadlines(review.id, this.clock.now(), manager));
    const visible = access === 'agency' ? agencyReviewView(full, actor.agencyId!, eventsAgencyMaySend) : full;
    return { ...visible, ...(await this.extensions.viewFields({ manager, actor, review, access })) };
  }
}

/** The event as kept in history: its payload, naming the agency an action belongs to so agency views can find it. */
function payloadOf(event: DhrEvent, context: DhrContext): Record<string, unknown> {
  const { type: _type, occurredAt: _at, ...payload } = event as DhrEvent & Record<string, unknown>;
  if (event.type === 'COMPLETE_ACTION') payload.agencyId = context.actions.find((a) => a.id === event.actionId)?.agencyId;
  return payload;
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

function withoutValues(entry: AuditEntryView): AuditEntryView {
  if (!entry.changes || typeof entry.changes !== 'object' || Array.isArray(entry.changes)) return entry;
  return {
    ...entry,
    changes: Object.fromEntries(Object.keys(entry.changes).map((field) => [field, { before: '[withheld]', after: '[withheld]' }])),
  };
}
