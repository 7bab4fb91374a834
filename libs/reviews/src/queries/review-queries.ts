import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { mayReadReviewAudit, reviewAccess, visibleReviewsCondition } from '@dhr/access';
import { AuditEntryView, AuditQuery, AuditWriter } from '@dhr/audit';
import { ClocksService } from '@dhr/clocks';
import { Clock, DomainError, inTransaction } from '@dhr/core';
import { Actor, IdentityDirectory } from '@dhr/identity';
import { ReviewFile, ReviewRecord } from '../file/review-file';
import { auditReview } from '../file/review-audit';
import { ListReviewsQuery } from '../list-reviews.query';
import { ReviewEntity, ReviewEventEntity } from '../review.entities';
import { historyView } from '../views/history.view';
import { ReviewViews } from '../views/review-views';
import type { VisibleReview } from '../views/review.view';

/** Reads of reviews: one, a page, the history, the deadlines, the audit trail. Every read of review content is audited. */
@Injectable()
export class ReviewQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly file: ReviewFile,
    private readonly views: ReviewViews,
    private readonly clocks: ClocksService,
    private readonly clock: Clock,
    private readonly directory: IdentityDirectory,
    private readonly audit: AuditWriter,
    private readonly auditQuery: AuditQuery,
  ) {}

  get(actor: Actor, id: string): Promise<VisibleReview> {
    return this.file.readThenView(actor, id, {}, (tx) => tx.audit('review.read'));
  }

  /** One page of the reviews the caller may see: a count, a page query and the view batch, whatever the page size. */
  async list(actor: Actor, query: ListReviewsQuery): Promise<{ items: VisibleReview[]; total: number }> {
    const now = this.clock.now();
    const visible = visibleReviewsCondition(actor);
    const qb = this.db.getRepository(ReviewEntity).createQueryBuilder('r').where(visible.sql, visible.params);
    if (query.stage) qb.andWhere('r.stage = :stage', { stage: query.stage });
    if (query.stages?.length) qb.andWhere('r.stage IN (:...stages)', { stages: query.stages });
    if (query.overdue !== undefined) {
      const overdue = this.clocks.overdueReviewIdsSql();
      qb.andWhere(`r.id ${query.overdue ? '' : 'NOT '}IN (${overdue.sql})`, overdue.params(now));
    }
    if (query.onHold !== undefined) qb.andWhere('r.on_hold = :onHold', { onHold: query.onHold });
    if (query.chairUserId) qb.andWhere('r.chair_user_id = :chairUserId', { chairUserId: query.chairUserId });
    if (query.agencyId) qb.andWhere(':agencyId = ANY(r.involved_agency_ids)', { agencyId: query.agencyId });
    const search = query.search?.trim();
    if (search) {
      // A literal substring: the caller's % and _ are not wildcards.
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(r.reference ILIKE :search OR r.victim_pseudonym ILIKE :search OR r.perpetrator_pseudonym ILIKE :search)', {
        search: like,
      });
    }
    if (query.sort === 'nextDue') {
      // An agency contact's next due is their own agency's; reviews with nothing due come last.
      const nextDue = this.clocks.nextDueSql(actor.role === 'agency_contact' ? 'visibleAgencyId' : undefined);
      qb.addSelect(nextDue, 'next_due').orderBy('next_due', 'ASC', 'NULLS LAST').addOrderBy('r.created_at', 'DESC');
    } else if (query.sort === 'reference') {
      qb.orderBy('r.reference', 'ASC');
    } else if (query.sort === 'notified') {
      qb.orderBy('r.notified_at', 'DESC');
    } else {
      qb.orderBy('r.created_at', 'DESC');
    }
    const page = qb
      .addOrderBy('r.id')
      .skip((query.page - 1) * query.limit)
      .take(query.limit);
    // The page and the count are independent reads: on two pooled connections at once they cost one round trip, not two.
    const [rows, total] = await Promise.all([page.getMany(), page.clone().getCount()]);
    if (actor.partnershipId && rows.length > 0) {
      await inTransaction(this.db, (manager) =>
        auditReview(this.audit, manager, actor, now, {
          action: 'review.list',
          partnershipId: actor.partnershipId!,
          reviewId: null,
          changes: { returned: { before: null, after: rows.map((r) => r.id) } },
        }),
      );
    }
    // The page's views after the audit commits, on the pool: their reads run side by side.
    const items = await this.views.many(
      this.db.manager,
      actor,
      rows.map((review) => ({ review, access: reviewAccess(actor, review) })),
    );
    return { items, total };
  }

  history(actor: Actor, id: string) {
    return this.file.read(actor, id, {}, async (tx) => {
      await tx.audit('review.history.read');
      const events = await tx.manager.getRepository(ReviewEventEntity).find({ where: { reviewId: id }, order: { seq: 'ASC' } });
      const visible = tx.access === 'agency' ? events.filter((e) => e.payload.agencyId === actor.agencyId) : events;
      const names = await this.directory.names(
        {
          userIds: visible.flatMap((e) => [e.actorId, e.onBehalfOf]),
          agencyIds: visible.map((e) => e.payload.agencyId as string | undefined),
        },
        tx.manager,
      );
      return visible.map((e) => historyView(e, names));
    });
  }

  deadlines(actor: Actor, id: string) {
    return this.file.read(actor, id, {}, async (tx) => {
      await tx.audit('review.deadlines.read');
      const deadlines = await this.clocks.deadlines(id, tx.now, tx.manager);
      const shown = tx.access === 'agency' ? deadlines.filter((d) => d.agencyId === actor.agencyId) : deadlines;
      const names = await this.directory.names({ agencyIds: shown.map((d) => d.agencyId) }, tx.manager);
      return shown.map((d) => ({ ...d, agencyName: names.agencyName(d.agencyId) }));
    });
  }

  /** A partnership's reviews in these stages, by reference, for partnership-wide reports: the caller decides who may ask, and audits. */
  inStages(partnershipId: string, stages: readonly string[], manager?: EntityManager): Promise<ReviewRecord[]> {
    return (manager ?? this.db.manager)
      .getRepository(ReviewEntity)
      .createQueryBuilder('r')
      .where('r.partnership_id = :partnershipId AND r.stage IN (:...stages)', { partnershipId, stages })
      .orderBy('r.reference')
      .getMany();
  }

  /** The review's audit trail, for its coordinators and administrators; reading it is audited too. */
  auditTrail(actor: Actor, id: string): Promise<AuditEntryView[]> {
    return inTransaction(this.db, async (manager) => {
      // Administrators may read the trail of a review they cannot otherwise see: not through the file's access rule.
      const review = await manager.getRepository(ReviewEntity).findOneBy({ id });
      if (!review || !mayReadReviewAudit(actor, review)) throw DomainError.notFound('review');
      await auditReview(this.audit, manager, actor, this.clock.now(), {
        action: 'review.audit.read',
        partnershipId: review.partnershipId,
        reviewId: review.id,
      });
      const entries = await this.auditQuery.forReview(id);
      // Administrators check the record, not the case: which fields changed, never their values.
      return actor.role === 'admin' ? entries.map(withoutValues) : entries;
    });
  }
}

function withoutValues(entry: AuditEntryView): AuditEntryView {
  if (!entry.changes || typeof entry.changes !== 'object' || Array.isArray(entry.changes)) return entry;
  return {
    ...entry,
    changes: Object.fromEntries(Object.keys(entry.changes).map((field) => [field, { before: '[withheld]', after: '[withheld]' }])),
  };
}
