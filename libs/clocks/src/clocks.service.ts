import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import type { ClockSubject, DeadlineKind, DhrEffect } from '@dhr/workflows/dhr/contract';
import { DomainError } from '@dhr/core';
import type { Rulebook } from '@dhr/workflows/dhr/rulebook/rulebook.types';
import { ClockEntity } from './clock.entity';

/** A clock as other libs read it: never saved by them. */
export type ClockRecord = Readonly<ClockEntity>;
import { deadlineView, Deadline } from './deadline.view';
import { OutboxWriter } from '@dhr/jobs';
import { RULEBOOK } from './rulebook.token';
import { addDuration, BankHolidays, isAtLondonTime, isWholeDays, onSameLondonDateAt } from './time';

/** The review a clock effect belongs to. */
export interface ClockOwnerReview {
  id: string;
  partnershipId: string;
}

const LIVE = ['open', 'on_hold'] as const;

/** Identifies the clock a subject means: one per kind, per agency, or per action. */
export function subjectKey(subject: ClockSubject): string {
  return [subject.kind, subject.actionId ?? subject.agencyId].filter(Boolean).join(':');
}

/**
 * Carries out the clock effects the statechart declares, inside the event's
 * transaction, and records an outbox entry for each clock whose alarms change.
 */
@Injectable()
export class ClocksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
    private readonly holidays: BankHolidays,
    private readonly outbox: OutboxWriter,
  ) {}

  async applyEffects(manager: EntityManager, review: ClockOwnerReview, effects: DhrEffect[], now: Date): Promise<void> {
    for (const effect of effects) {
      const changed = await this.applyOne(manager, review, effect, now);
      for (const clockId of changed) await this.outbox.add(manager, 'clock.changed', { clockId });
    }
  }

  async deadlines(reviewId: string, now: Date, manager: EntityManager = this.db.manager): Promise<Deadline[]> {
    const clocks = await manager.getRepository(ClockEntity).find({ where: { reviewId }, order: { createdAt: 'ASC', dueAt: 'ASC' } });
    return clocks.map((c) => deadlineView(c, now));
  }

  /** One clock, locked for the caller's transaction when asked (an alarm deciding whether to fire). */
  clock(id: string, manager: EntityManager = this.db.manager, options: { lock?: boolean } = {}): Promise<ClockRecord | null> {
    const qb = manager.getRepository(ClockEntity).createQueryBuilder('c').where('c.id = :id', { id });
    if (options.lock) qb.setLock('for_no_key_update');
    return qb.getOne();
  }

  /** A page of open clocks' ids after `afterId`, in id order (the sweep walks them all). */
  async openClockIds(afterId: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .getRepository(ClockEntity)
      .find({ select: { id: true }, where: { status: 'open', id: MoreThan(afterId) }, order: { id: 'ASC' }, take: limit });
    return rows.map((r) => r.id);
  }

  /**
   * Open clocks, chosen by id or as a page after `afterId` in id order, each with one more
   * value computed in the same query by `extraSql` (a scalar sub-select over clock alias `c`):
   * so a page of clocks and what else its planning needs cost a single round trip.
   * Locked for the caller's transaction when asked (an alarm deciding whether to fire).
   */
  async openClocksWith<T>(
    which: { ids: readonly string[] } | { afterId: string; limit: number },
    extraSql: string,
    manager: EntityManager = this.db.manager,
    options: { lock?: boolean } = {},
  ): Promise<{ clock: ClockRecord; extra: T }[]> {
    const qb = manager.getRepository(ClockEntity).createQueryBuilder('c').addSelect(`(${extraSql})`, 'extra').where(`c.status = 'open'`);
    if ('ids' in which) {
      if (which.ids.length === 0) return [];
      qb.andWhere('c.id = ANY(:ids::uuid[])', { ids: [...new Set(which.ids)] });
    } else {
      qb.andWhere('c.id > :afterId', { afterId: which.afterId }).orderBy('c.id', 'ASC').limit(which.limit);
    }
    if (options.lock) qb.setLock('for_no_key_update');
    const { entities, raw } = await qb.getRawAndEntities<{ extra: T }>();
    // No joins: one raw row per entity, in the same order.
    return entities.map((clock, i) => ({ clock, extra: raw[i].extra }));
  }

  /** The deadlines of several reviews in one query, by review id (every id present, possibly empty). */
  async deadlinesOf(reviewIds: string[], now: Date, manager: EntityManager = this.db.manager): Promise<Map<string, Deadline[]>> {
    const byReview = new Map<string, Deadline[]>(reviewIds.map((id) => [id, []]));
    if (reviewIds.length === 0) return byReview;
    const clocks = await manager
      .getRepository(ClockEntity)
      .find({ where: { reviewId: In(reviewIds) }, order: { createdAt: 'ASC', dueAt: 'ASC' } });
    for (const c of clocks) byReview.get(c.reviewId)?.push(deadlineView(c, now));
    return byReview;
  }

  /**
   * A review's next open due time as a scalar sub-select over review alias `r`, for sorting
   * lists; `agencyParam` limits it to the clocks of the agency in that named parameter.
   */
  nextDueSql(agencyParam?: string): string {
    const agency = agencyParam ? ` AND c.agency_id = :${agencyParam}` : '';
    return `(SELECT MIN(c.due_at) FROM clocks c WHERE c.review_id = r.id AND c.status = 'open'${agency})`;
  }

  /** Review ids with an open clock past due, as a sub-select for review lists. */
  overdueReviewIdsSql(): { sql: string; params: (now: Date) => Record<string, unknown> } {
    return {
      sql: `SELECT c.review_id FROM clocks c WHERE c.status = 'open' AND c.due_at <= :overdueNow`,
      params: (now) => ({ overdueNow: now }),
    };
  }

  /** Returns the ids of the clocks it changed. */
  private async applyOne(manager: EntityManager, review: ClockOwnerReview, effect: DhrEffect, now: Date): Promise<string[]> {
    const clocks = manager.getRepository(ClockEntity);
    switch (effect.type) {
      case 'clock.start': {
        // A restarted subject (e.g. IMR re-requested) replaces the live clock.
        const replaced = await this.close(manager, review.id, effect.subject, 'cancelled', null, now);
        const startedAt = new Date(effect.startedAt);
        const dueAt = effect.dueAt ? new Date(effect.dueAt) : this.computedDueAt(effect.subject.kind, startedAt);
        const clock = await clocks.save(
          clocks.create({
            reviewId: review.id,
            partnershipId: review.partnershipId,
            kind: effect.subject.kind,
            agencyId: effect.subject.agencyId ?? null,
            actionId: effect.subject.actionId ?? null,
            subjectKey: subjectKey(effect.subject),
            rulebookId: this.rulebook.id,
            startedAt,
            dueAt,
            status: 'open',
            metAt: null,
            pausedAt: null,
            heldMs: '0',
            createdAt: now,
            updatedAt: now,
          }),
        );
        return [...replaced, clock.id];
      }
      case 'clock.meet':
        return this.close(manager, review.id, effect.subject, 'met', new Date(effect.metAt), now);
      case 'clock.cancel':
        return this.close(manager, review.id, effect.subject, 'cancelled', null, now);
      case 'clock.pauseAll':
        // Kinds limit a hold to what it holds: a publication hold stops only the publication clock,
        // and no local hold stops the statutory Home Office notice.
        return this.ids(
          await manager.query(
            `UPDATE clocks SET status = 'on_hold', paused_at = $2, updated_at = $3
             WHERE review_id = $1 AND status = 'open'
               AND ($4::text[] IS NULL OR kind = ANY($4)) AND NOT (kind = ANY($5::text[])) RETURNING id`,
            [review.id, effect.at, now, effect.only ?? null, effect.except ?? []],
          ),
        );
      case 'clock.resumeAll':
        return this.resumeAll(manager, review.id, new Date(effect.at), now);
      case 'clock.extend':
        return this.extend(manager, review.id, effect, now);
      case 'clock.cancelAll':
        return this.ids(
          await manager.query(
            `UPDATE clocks SET status = 'cancelled', paused_at = NULL, updated_at = $2 WHERE review_id = $1 AND status IN ('open','on_hold') RETURNING id`,
            [review.id, now],
          ),
        );
    }
  }

  /**
   * When a clock of `kind` started at `startedAt` falls due under the rulebook: a length
   * of whole days ends on a date, at the rulebook's due time (5pm) on that London date.
   */
  computedDueAt(kind: DeadlineKind, startedAt: Date): Date {
    const rule = this.rulebook.clocks[kind];
    const due = addDuration(startedAt, rule.length, this.holidays);
    return this.rulebook.dueTime !== null && isWholeDays(rule.length) ? onSameLondonDateAt(due, this.rulebook.dueTime) : due;
  }

  /**
   * Every paused clock's due time moves on by the time it was held. A deadline set as a
   * date (at the due time) stays at the due time of the date it lands on, so a short
   * hold does not turn "5pm on 9 December" into 5.03pm, nor make its reminders new.
   */
  private async resumeAll(manager: EntityManager, reviewId: string, at: Date, now: Date): Promise<string[]> {
    const paused = await manager.getRepository(ClockEntity).find({ where: { reviewId, status: 'on_hold' } });
    for (const clock of paused) {
      const heldMs = Math.max(0, at.getTime() - (clock.pausedAt ?? at).getTime());
      const moved = new Date(clock.dueAt.getTime() + heldMs);
      const dueTime = this.rulebook.dueTime;
      const dueAt = dueTime !== null && isAtLondonTime(clock.dueAt, dueTime) ? onSameLondonDateAt(moved, dueTime) : moved;
      await manager.query(
        `UPDATE clocks SET status = 'open', due_at = $2, held_ms = held_ms + $3, paused_at = NULL, updated_at = $4 WHERE id = $1`,
        [clock.id, dueAt, heldMs, now],
      );
    }
    return paused.map((clock) => clock.id);
  }

  /** An agreed new date for one running clock of the review; refused (400 deadlineId) for any other. */
  private async extend(
    manager: EntityManager,
    reviewId: string,
    effect: Extract<DhrEffect, { type: 'clock.extend' }>,
    now: Date,
  ): Promise<string[]> {
    const rows = this.ids(
      await manager.query(
        `UPDATE clocks SET previous_due_at = due_at, due_at = $3, extension_reason = $4, extended_at = $5, updated_at = $6
         WHERE id = $1 AND review_id = $2 AND status = 'open' RETURNING id`,
        [effect.deadlineId, reviewId, effect.dueAt, effect.reason, effect.at, now],
      ),
    );
    if (rows.length === 0)
      throw DomainError.field(
        'deadlineId',
        'no running deadline with this id on this review (a met, withdrawn or held one cannot be moved)',
      );
    return rows;
  }

  private async close(
    manager: EntityManager,
    reviewId: string,
    subject: ClockSubject,
    status: 'met' | 'cancelled',
    metAt: Date | null,
    now: Date,
  ): Promise<string[]> {
    // One statement: the live clocks of the subject closed, their ids returned.
    return this.ids(
      await manager.query(
        `UPDATE clocks SET status = $4, met_at = $5, paused_at = NULL, updated_at = $6
         WHERE review_id = $1 AND subject_key = $2 AND status = ANY($3::text[]) RETURNING id`,
        [reviewId, subjectKey(subject), [...LIVE], status, metAt, now],
      ),
    );
  }

  private ids(result: unknown): string[] {
    // pg returns [rows, count] for UPDATE … RETURNING through TypeORM.
    const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
