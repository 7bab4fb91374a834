import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import type { ClockSubject, DhrEffect } from '@dhr/workflows/dhr/contract';
import type { Rulebook } from '@dhr/workflows/dhr/rulebook/rulebook.types';
import { ClockEntity } from './clock.entity';

/** A clock as other libs read it: never saved by them. */
export type ClockRecord = Readonly<ClockEntity>;
import { deadlineView, Deadline } from './deadline.view';
import { OutboxWriter } from '@dhr/jobs';
import { RULEBOOK } from './rulebook.token';
import { addDuration, BankHolidays } from './time';

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
        const rule = this.rulebook.clocks[effect.subject.kind];
        const dueAt = effect.dueAt ? new Date(effect.dueAt) : addDuration(startedAt, rule.length, this.holidays);
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
        return this.ids(
          await manager.query(
            `UPDATE clocks SET status = 'on_hold', paused_at = $2, updated_at = $3 WHERE review_id = $1 AND status = 'open' RETURNING id`,
            [review.id, effect.at, now],
          ),
        );
      case 'clock.resumeAll':
        // Every paused clock's due time moves on by the time it was held.
        return this.ids(
          await manager.query(
            `UPDATE clocks SET status = 'open',
               due_at = due_at + GREATEST($2::timestamptz - paused_at, interval '0'),
               held_ms = held_ms + GREATEST(0, (EXTRACT(EPOCH FROM ($2::timestamptz - paused_at)) * 1000)::bigint),
               paused_at = NULL, updated_at = $3
             WHERE review_id = $1 AND status = 'on_hold' RETURNING id`,
            [review.id, effect.at, now],
          ),
        );
      case 'clock.cancelAll':
        return this.ids(
          await manager.query(
            `UPDATE clocks SET status = 'cancelled', paused_at = NULL, updated_at = $2 WHERE review_id = $1 AND status IN ('open','on_hold') RETURNING id`,
            [review.id, now],
          ),
        );
    }
  }

  private async close(
    manager: EntityManager,
    reviewId: string,
    subject: ClockSubject,
    status: 'met' | 'cancelled',
    metAt: Date | null,
    now: Date,
  ): Promise<string[]> {
    const live = await manager
      .getRepository(ClockEntity)
      .find({ where: { reviewId, subjectKey: subjectKey(subject), status: In([...LIVE]) } });
    if (live.length === 0) return [];
    await manager.getRepository(ClockEntity).update({ id: In(live.map((c) => c.id)) }, { status, metAt, pausedAt: null, updatedAt: now });
    return live.map((c) => c.id);
  }

  private ids(result: unknown): string[] {
    // pg returns [rows, count] for UPDATE … RETURNING through TypeORM.
    const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
