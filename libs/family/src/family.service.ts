import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { diffFields } from '@dhr/audit';
import { DomainError } from '@dhr/core';
import type { Actor } from '@dhr/identity';
import { ReviewFile, ReviewFileOptions } from '@dhr/reviews';
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

/** Only those who see all of the review read the family's part of it (an agency contact's part-view is a 403). */
const READ: NonNullable<ReviewFileOptions['authorise']> = (_actor, access) => {
  if (access !== 'full') throw DomainError.forbidden('family involvement is kept by the coordinator and the independent chair');
};

/** Writes: as reads, and only the coordinator or the independent chair; never once the review is closed. */
const WRITE = (notFound: NotFound): ReviewFileOptions => ({
  notFound,
  gate: 'open',
  authorise: (actor, access) => {
    READ(actor, access);
    if (actor.role !== 'coordinator' && actor.role !== 'independent_chair')
      throw DomainError.forbidden('family involvement is recorded by the coordinator or the independent chair');
  },
});

/**
 * Family involvement: who the family members are (pseudonyms only), how they prefer to be
 * reached, and an append-only log of every contact. For the coordinators, the CSP chair (read)
 * and the review's independent chair; never agency contacts or administrators.
 */
@Injectable()
export class FamilyService {
  constructor(private readonly file: ReviewFile) {}

  create(actor: Actor, reviewId: string, dto: CreateFamilyMemberDto): Promise<FamilyMemberView> {
    return this.file.change(actor, reviewId, WRITE('review'), async (tx) => {
      const repo = tx.manager.getRepository(FamilyMemberEntity);
      const member = repo.create({
        id: randomUUID(),
        reviewId: tx.review.id,
        pseudonym: dto.pseudonym,
        relationship: dto.relationship,
        contactPreference: dto.contactPreference,
        advocateOrganisation: dto.advocateOrganisation ?? null,
        advocateRole: dto.advocateRole ?? null,
        involvement: dto.involvement ?? 'not_yet_contacted',
        createdBy: actor.userId,
        createdAt: tx.now,
        updatedAt: tx.now,
      });
      await repo.insert(member);
      await tx.audit('family_member.create', {
        entity: 'family_member',
        entityId: member.id,
        changes: diffFields({}, auditedMember(member)),
      });
      return familyMemberView(member, NO_CONTACTS);
    });
  }

  update(actor: Actor, reviewId: string, memberId: string, dto: UpdateFamilyMemberDto): Promise<FamilyMemberView> {
    return this.file.change(actor, reviewId, WRITE('family member'), async (tx) => {
      const before = await findMember(tx.manager, tx.review.id, memberId);
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
        after.updatedAt = tx.now;
        const { id: _id, reviewId: _review, createdBy: _by, createdAt: _at, ...set } = after;
        await tx.manager.getRepository(FamilyMemberEntity).update({ id: before.id }, set);
        await tx.audit('family_member.update', { entity: 'family_member', entityId: before.id, changes });
      }
      return familyMemberView(after, (await contactStats(tx.manager, [after.id])).get(after.id) ?? NO_CONTACTS);
    });
  }

  list(actor: Actor, reviewId: string): Promise<FamilyMemberView[]> {
    return this.file.read(actor, reviewId, { authorise: READ }, async (tx) => {
      const members = await tx.manager
        .getRepository(FamilyMemberEntity)
        .find({ where: { reviewId: tx.review.id }, order: { createdAt: 'ASC', id: 'ASC' } });
      const stats = await contactStats(
        tx.manager,
        members.map((m) => m.id),
      );
      await tx.audit('family_member.list', { changes: { returned: { before: null, after: members.map((m) => m.id) } } });
      return members.map((m) => familyMemberView(m, stats.get(m.id) ?? NO_CONTACTS));
    });
  }

  logContact(actor: Actor, reviewId: string, memberId: string, dto: LogFamilyContactDto): Promise<FamilyContactView> {
    return this.file.change(actor, reviewId, WRITE('family member'), async (tx) => {
      const member = await findMember(tx.manager, tx.review.id, memberId);
      const occurredAt = new Date(dto.occurredAt);
      if (occurredAt.getTime() > tx.now.getTime()) throw DomainError.field('occurredAt', 'must not be in the future');
      const repo = tx.manager.getRepository(FamilyContactEntity);
      const contact = repo.create({
        id: randomUUID(),
        reviewId: tx.review.id,
        familyMemberId: member.id,
        occurredAt,
        method: dto.method,
        direction: dto.direction,
        summary: dto.summary,
        recordedBy: actor.userId,
        recordedAt: tx.now,
      });
      await repo.insert(contact);
      await tx.audit('family_contact.create', {
        entity: 'family_contact',
        entityId: contact.id,
        changes: {
          familyMemberId: { before: null, after: member.id },
          occurredAt: { before: null, after: occurredAt.toISOString() },
          method: { before: null, after: contact.method },
          direction: { before: null, after: contact.direction },
          summary: { before: null, after: fingerprint(contact.summary) },
        },
      });
      return familyContactView(contact);
    });
  }

  contacts(actor: Actor, reviewId: string, memberId: string): Promise<FamilyContactView[]> {
    return this.file.read(actor, reviewId, { notFound: 'family member', authorise: READ }, async (tx) => {
      const member = await findMember(tx.manager, tx.review.id, memberId);
      const rows = await tx.manager
        .getRepository(FamilyContactEntity)
        .find({ where: { familyMemberId: member.id }, order: { occurredAt: 'ASC', recordedAt: 'ASC', id: 'ASC' } });
      await tx.audit('family_contact.list', {
        entity: 'family_member',
        entityId: member.id,
        changes: { returned: { before: null, after: rows.map((r) => r.id) } },
      });
      return rows.map(familyContactView);
    });
  }
}

/** On a member's own routes a hidden review answers the same 404 as a missing member. */
type NotFound = 'review' | 'family member';

async function findMember(manager: EntityManager, reviewId: string, memberId: string): Promise<FamilyMemberEntity> {
  const member = await manager.getRepository(FamilyMemberEntity).findOneBy({ id: memberId, reviewId });
  if (!member) throw DomainError.notFound('family member');
  return member;
}

interface ContactStats {
  count: number;
  lastContactAt: Date | null;
}
const NO_CONTACTS: ContactStats = { count: 0, lastContactAt: null };

async function contactStats(manager: EntityManager, memberIds: string[]): Promise<Map<string, ContactStats>> {
  if (memberIds.length === 0) return new Map();
  const rows = (await manager.query(
    `SELECT family_member_id AS id, count(*)::int AS count, max(occurred_at) AS last
     FROM family_contacts WHERE family_member_id = ANY($1::uuid[]) GROUP BY family_member_id`,
    [memberIds],
  )) as { id: string; count: number; last: Date }[];
  return new Map(rows.map((r) => [r.id, { count: r.count, lastContactAt: new Date(r.last) }]));
}
