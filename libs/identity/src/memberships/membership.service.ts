import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditWriter, diffFields } from '@dhr/audit';
import { Clock, DomainError, inTransaction } from '@dhr/core';
import type { Actor } from '../actor';
import { AgencyEntity, PartnershipEntity, Role, UserEntity } from '../identity.entities';
import { IdentityService } from '../identity.service';
import { AddMembershipDto } from './membership.dto';
import { MembershipEntity } from './membership.entity';

/** The role a person acts in: one membership at a time. */
export interface ActingMembership {
  role: Role;
  partnershipId: string | null;
  agencyId: string | null;
}

/** A membership with names, as pages and `GET /me` show it. */
export interface MembershipView {
  partnershipId: string;
  partnershipName: string;
  role: Role;
  agencyId: string | null;
  agencyName: string | null;
  home: boolean;
}

/**
 * One person, several partnerships. A person acts in one membership at a time (the pages'
 * switcher, the token's partnership): the access policy then applies unchanged, per membership.
 */
@Injectable()
export class MembershipService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly identity: IdentityService,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /**
   * The membership a user acts in for this partnership: their home one when none is asked (or the
   * home one is), else the membership held there; null when they hold none there (any more).
   * The home membership costs no query: it is on the user row every guard reads anyway.
   */
  async acting(user: UserEntity, partnershipId?: string | null, manager?: EntityManager): Promise<ActingMembership | null> {
    if (!partnershipId || partnershipId === user.partnershipId)
      return { role: user.role, partnershipId: user.partnershipId, agencyId: user.agencyId };
    const row = await (manager ?? this.db.manager).getRepository(MembershipEntity).findOneBy({ userId: user.id, partnershipId });
    return row ? { role: row.role, partnershipId: row.partnershipId, agencyId: row.agencyId } : null;
  }

  /** Every membership of a user, home first then by partnership name. */
  async of(userId: string, manager?: EntityManager): Promise<MembershipView[]> {
    const rows: {
      partnership_id: string;
      partnership_name: string;
      role: Role;
      agency_id: string | null;
      agency_name: string | null;
      home: boolean;
    }[] = await (manager ?? this.db.manager).query(
      `SELECT m.partnership_id, p.name AS partnership_name, m.role, m.agency_id, a.name AS agency_name,
                (u.partnership_id = m.partnership_id) AS home
           FROM user_memberships m
           JOIN users u ON u.id = m.user_id
           JOIN partnerships p ON p.id = m.partnership_id
           LEFT JOIN agencies a ON a.id = m.agency_id
          WHERE m.user_id = $1
          ORDER BY (u.partnership_id = m.partnership_id) DESC, p.name, p.id`,
      [userId],
    );
    return rows.map((r) => ({
      partnershipId: r.partnership_id,
      partnershipName: r.partnership_name,
      role: r.role,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      home: r.home,
    }));
  }

  /**
   * Adds a partnership to an existing account. Administrators: anyone but an administrator;
   * coordinators: an agency contact of their own partnership. Audited on that partnership's chain.
   */
  async add(actor: Actor, userId: string, dto: AddMembershipDto): Promise<MembershipView[]> {
    const user = await this.memberToManage(actor, userId, dto.partnershipId, dto.role);
    if (!(await this.db.getRepository(PartnershipEntity).existsBy({ id: dto.partnershipId })))
      throw DomainError.field('partnershipId', 'no such partnership');
    if (dto.role === 'agency_contact' && !dto.agencyId) throw DomainError.field('agencyId', 'agencyId is required for agency_contact');
    if (dto.role !== 'agency_contact' && dto.agencyId)
      throw DomainError.field('agencyId', 'only agency_contact members belong to an agency');
    if (dto.agencyId && !(await this.db.getRepository(AgencyEntity).existsBy({ id: dto.agencyId, partnershipId: dto.partnershipId })))
      throw DomainError.field('agencyId', 'no such agency in this partnership');
    await inTransaction(this.db, async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO user_memberships (user_id, partnership_id, role, agency_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, partnership_id) DO NOTHING RETURNING user_id`,
        [user.id, dto.partnershipId, dto.role, dto.agencyId ?? null],
      );
      if (inserted.length === 0) throw DomainError.field('partnershipId', 'this person is already a member of this partnership');
      await this.record(m, actor, dto.partnershipId, 'user.membership_add', user.id, {
        partnershipId: dto.partnershipId,
        role: dto.role,
        agencyId: dto.agencyId ?? null,
      });
    });
    return this.of(user.id);
  }

  /**
   * Invited by email, already has an account: the person is added to the partnership instead (an
   * independent chair or agency contact serving one more partnership). For an agency contact the
   * partnership is their agency's. Null when the email is no active account's, the role is one a
   * further membership may not hold, or they are a member there already (the caller then reports
   * the taken email as before).
   */
  async addForEmail(
    actor: Actor,
    email: string,
    request: { role: Role; partnershipId?: string | null; agencyId?: string | null },
  ): Promise<{ user: UserEntity; membership: MembershipView } | null> {
    if (request.role !== 'independent_chair' && request.role !== 'agency_contact') return null;
    const user = await this.identity.findUserByEmail(email.trim());
    if (!user || user.deactivatedAt || user.role === 'admin') return null;
    const agency =
      request.role === 'agency_contact' && request.agencyId && /^[0-9a-f-]{36}$/i.test(request.agencyId)
        ? await this.db.getRepository(AgencyEntity).findOneBy({ id: request.agencyId })
        : null;
    if (request.role === 'agency_contact' && !agency) throw DomainError.field('agencyId', 'Select their agency');
    const partnershipId = agency?.partnershipId ?? request.partnershipId ?? '';
    // Already a member there: nothing to add (the caller reports the taken email as before).
    if (await this.db.getRepository(MembershipEntity).existsBy({ userId: user.id, partnershipId })) return null;
    const dto = Object.assign(new AddMembershipDto(), { partnershipId, role: request.role, agencyId: agency?.id });
    const memberships = await this.add(actor, user.id, dto);
    return { user, membership: memberships.find((m) => m.partnershipId === partnershipId)! };
  }

  /** A user's memberships, to administrators, and to coordinators of a partnership the user is a member of. */
  async list(actor: Actor, userId: string): Promise<MembershipView[]> {
    if (actor.role !== 'admin' && actor.role !== 'coordinator') throw DomainError.forbidden();
    const user = /^[0-9a-f-]{36}$/i.test(userId) ? await this.identity.findUser(userId) : null;
    if (!user) throw DomainError.notFound('user');
    const memberships = await this.of(user.id);
    if (actor.role === 'coordinator' && !memberships.some((m) => m.partnershipId === actor.partnershipId))
      throw DomainError.notFound('user');
    return memberships;
  }

  /** Ends a further membership (never the home one: that is the account's own partnership). Same rules as adding. */
  async remove(actor: Actor, userId: string, partnershipId: string): Promise<MembershipView[]> {
    if (actor.role !== 'admin' && actor.role !== 'coordinator') throw DomainError.forbidden();
    const existing = /^[0-9a-f-]{36}$/i.test(partnershipId)
      ? await this.db.getRepository(MembershipEntity).findOneBy({ userId, partnershipId })
      : null;
    if (!existing) throw DomainError.notFound('membership');
    const user = await this.memberToManage(actor, userId, partnershipId, existing.role);
    if (user.partnershipId === partnershipId)
      throw DomainError.field('partnershipId', 'this is the person’s home partnership: deactivate the account instead');
    await inTransaction(this.db, async (m) => {
      await m.getRepository(MembershipEntity).delete({ userId: user.id, partnershipId });
      await this.record(m, actor, partnershipId, 'user.membership_remove', user.id, { partnershipId, role: existing.role, member: false });
    });
    return this.of(user.id);
  }

  /** The account, if the actor may change its memberships in that partnership and role. */
  private async memberToManage(actor: Actor, userId: string, partnershipId: string, role: Role): Promise<UserEntity> {
    if (actor.role !== 'admin' && actor.role !== 'coordinator') throw DomainError.forbidden();
    const user = /^[0-9a-f-]{36}$/i.test(userId) ? await this.identity.findUser(userId) : null;
    if (!user || user.role === 'admin') throw DomainError.notFound('user');
    if (user.deactivatedAt) throw DomainError.field('userId', 'this account is deactivated');
    if (actor.role === 'coordinator' && !(role === 'agency_contact' && partnershipId === actor.partnershipId))
      throw DomainError.forbidden('coordinators add agency contacts to their own partnership only');
    return user;
  }

  private record(m: EntityManager, actor: Actor, chain: string, action: string, userId: string, after: object): Promise<void> {
    return this.audit.record(m, {
      chain,
      actorId: actor.userId,
      actorRole: actor.role,
      action,
      entity: 'user',
      entityId: userId,
      changes: diffFields({}, after),
      requestId: actor.requestId,
      sourceIp: actor.sourceIp,
      at: this.clock.now(),
    });
  }
}
