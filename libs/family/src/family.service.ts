import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditWriter, diffFields, FieldChanges } from '@dhr/audit';
import { ApiError, Clock, inTransaction } from '@dhr/core';
import type { Actor } from '@dhr/identity';
import { auditReview, findVisibleReview, ReviewEntity } from '@dhr/reviews';
import type { CreateFamilyMemberDto, LogFamilyContactDto, UpdateFamilyMemberDto } from './family.dto';
import { FamilyContactEntity, FamilyMemberEntity } from './family.entities';
import { familyContactView, FamilyContactView, familyMemberView, FamilyMemberView } from './family.view';

/** Free text about the family is kept out of the audit trail: a short hash shows that (and when) it changed. */
const fingerprint = (text: string | null) =>
  text === null ? null : `sha256:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;

const auditedMember = (m: Partial<FamilyMemberEntity>) => ({
  pseudonym: m.pseudonym === undefined ? undefined : fingerprint(m.pseudonym),
  relationship: m.relationship,
  contactPreference: m.contactPreference,
  advocateOrganisation: m.advocateOrganisation,
  advocateRole: m.advocateRole,
  involvement: m.involvement,
});

/**
 * Family involvement: who the family members are (pseudonyms only), how they prefer to be
 * reached, and an append-only log of every contact. For the coordinators, the CSP chair (read)
 * and the review's independent chair; never agency contacts or administrators.
 */
@Injectable()
export class FamilyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  create(actor: Actor, reviewId: string, dto: CreateFamilyMemberDto): Promise<FamilyMemberView> {
    return inTransaction(this.db, async (manager) => {
      const review = await this.writableReview(manager, actor, reviewId, 'review');
      const now = this.clock.now();
      const repo = manager.getRepository(FamilyMemberEntity);
      const member = repo.create({
        id: randomUUID(),
        reviewId: review.id,
        pseudonym: dto.pseudonym,
        relationship: dto.relationship,
        contactPreference: dto.contactPreference,
        advocateOrganisation: dto.advocateOrganisation ?? null,
        advocateRole: dto.advocateRole ?? null,
        involvement: dto.involvement ?? 'not_yet_contacted',
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await repo.insert(member);
      await this.record(
        manager,
        actor,
        now,
        review,
        'family_member.create',
        { entity: 'family_member', id: member.id },
        diffFields({}, auditedMember(member)),
      );
      return familyMemberView(member, { count: 0, lastContactAt: null });
    });
  }

  update(actor: Actor, reviewId: string, memberId: string, dto: UpdateFamilyMemberDto): Promise<FamilyMemberView> {
    return inTransaction(this.db, async (manager) => {
      const review = await this.writableReview(manager, actor, reviewId, 'family member');
      const before = await this.findMember(manager, review.id, memberId);
      const after = Object.assign(new FamilyMemberEntity(), before, {
        pseudonym: dto.pseudonym ?? before.pseudonym,
        relationship: dto.relationship ?? before.relationship,
        contactPreference: dto.contactPreference ?? before.contactPreference,
        advocateOrganisation: dto.advocateOrganisation === undefined ? before.advocateOrganisation : dto.advocateOrganisation,
        advocateRole: dto.advocateRole === undefined ? before.advocateRole : dto.advocateRole,
        involvement: dto.involvement ?? before.involvement,
      });
      const changes = diffFields(auditedMember(before), auditedMember(after));
      if (Object.keys(changes).length > 0) {
        after.updatedAt = this.clock.now();
        const { id: _id, reviewId: _review, createdBy: _by, createdAt: _at, ...set } = after;
        await manager.getRepository(FamilyMemberEntity).update({ id: before.id }, set);
        await this.record(
          manager,
          actor,
          after.updatedAt,
          review,
          'family_member.update',
          { entity: 'family_member', id: before.id },
          changes,
        );
      }
      return familyMemberView(after, (await this.contactStats(manager, [after.id])).get(after.id) ?? NO_CONTACTS);
    });
  }

  list(actor: Actor, reviewId: string): Promise<FamilyMemberView[]> {
    return inTransaction(this.db, async (manager) => {
      const review = await this.readableReview(manager, actor, reviewId, 'review');
      const members = await manager
        .getRepository(FamilyMemberEntity)
        .find({ where: { reviewId: review.id }, order: { createdAt: 'ASC', id: 'ASC' } });
      const stats = await this.contactStats(
        manager,
        members.map((m) => m.id),
      );
      await this.record(
        manager,
        actor,
        this.clock.now(),
        review,
        'family_member.list',
        { entity: 'review', id: review.id },
        {
          returned: { before: null, after: members.map((m) => m.id) },
        },
      );
      return members.map((m) => familyMemberView(m, stats.get(m.id) ?? NO_CONTACTS));
    });
  }

  logContact(actor: Actor, reviewId: string, memberId: string, dto: LogFamilyContactDto): Promise<FamilyContactView> {
    return inTransaction(this.db, async (manager) => {
      const review = await this.writableReview(manager, actor, reviewId, 'family member');
      const member = await this.findMember(manager, review.id, memberId);
      const now = this.clock.now();
      const occurredAt = new Date(dto.occurredAt);
      if (occurredAt.getTime() > now.getTime()) throw ApiError.field('occurredAt', 'must not be in the future');
      const repo = manager.getRepository(FamilyContactEntity);
      const contact = repo.create({
        id: randomUUID(),
        reviewId: review.id,
        familyMemberId: member.id,
        occurredAt,
        method: dto.method,
        direction: dto.direction,
        summary: dto.summary,
        recordedBy: actor.userId,
        recordedAt: now,
      });
      await repo.insert(contact);
      await this.record(
        manager,
        actor,
        now,
        review,
        'family_contact.create',
        { entity: 'family_contact', id: contact.id },
        {
          familyMemberId: { before: null, after: member.id },
          occurredAt: { before: null, after: occurredAt.toISOString() },
          method: { before: null, after: contact.method },
          direction: { before: null, after: contact.direction },
          summary: { before: null, after: fingerprint(contact.summary) },
        },
      );
      return familyContactView(contact);
    });
  }

  contacts(actor: Actor, reviewId: string, memberId: string): Promise<FamilyContactView[]> {
    return inTransaction(this.db, async (manager) => {
      const review = await this.readableReview(manager, actor, reviewId, 'family member');
      const member = await this.findMember(manager, review.id, memberId);
      const rows = await manager
        .getRepository(FamilyContactEntity)
        .find({ where: { familyMemberId: member.id }, order: { occurredAt: 'ASC', recordedAt: 'ASC', id: 'ASC' } });
      await this.record(
        manager,
        actor,
        this.clock.now(),
        review,
        'family_contact.list',
        { entity: 'family_member', id: member.id },
        {
          returned: { before: null, after: rows.map((r) => r.id) },
        },
      );
      return rows.map(familyContactView);
    });
  }

  /** The review if the caller sees all of it (404 otherwise, 403 for a part-view); writes lock it and stop at closed. */
  private async readableReview(
    manager: EntityManager,
    actor: Actor,
    reviewId: string,
    notFound: NotFound,
    lock = false,
  ): Promise<ReviewEntity> {
    const { review, access } = await findVisibleReview(manager, actor, reviewId, { lock, notFound });
    if (access !== 'full') throw ApiError.forbidden('family involvement is kept by the coordinator and the independent chair');
    return review;
  }

  private async writableReview(manager: EntityManager, actor: Actor, reviewId: string, notFound: NotFound): Promise<ReviewEntity> {
    const review = await this.readableReview(manager, actor, reviewId, notFound, true);
    if (actor.role !== 'coordinator' && actor.role !== 'independent_chair')
      throw ApiError.forbidden('family involvement is recorded by the coordinator or the independent chair');
    if (review.stage === 'closed')
      throw new ApiError(409, { error: 'invalid_stage', stage: review.stage, message: 'the review is closed' });
    return review;
  }

  private async findMember(manager: EntityManager, reviewId: string, memberId: string): Promise<FamilyMemberEntity> {
    const member = await manager.getRepository(FamilyMemberEntity).findOneBy({ id: memberId, reviewId });
    if (!member) throw ApiError.notFound('family member');
    return member;
  }

  private async contactStats(manager: EntityManager, memberIds: string[]): Promise<Map<string, ContactStats>> {
    if (memberIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT family_member_id AS id, count(*)::int AS count, max(occurred_at) AS last
       FROM family_contacts WHERE family_member_id = ANY($1::uuid[]) GROUP BY family_member_id`,
      [memberIds],
    )) as { id: string; count: number; last: Date }[];
    return new Map(rows.map((r) => [r.id, { count: r.count, lastContactAt: new Date(r.last) }]));
  }

  private record(
    manager: EntityManager,
    actor: Actor,
    at: Date,
    review: ReviewEntity,
    action: string,
    subject: { entity: 'review' | 'family_member' | 'family_contact'; id: string },
    changes?: FieldChanges,
  ): Promise<void> {
    return auditReview(this.audit, manager, actor, at, {
      action,
      partnershipId: review.partnershipId,
      reviewId: review.id,
      entity: subject.entity,
      entityId: subject.id,
      changes,
    });
  }
}

/** On a member's own routes a hidden review answers the same 404 as a missing member. */
type NotFound = 'review' | 'family member';

interface ContactStats {
  count: number;
  lastContactAt: Date | null;
}
const NO_CONTACTS: ContactStats = { count: 0, lastContactAt: null };
