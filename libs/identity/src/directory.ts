import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { DomainError } from '@dhr/core';
import type { Actor } from './actor';
import { AgencyEntity, AgencyKind, PartnershipEntity, Role, UserEntity } from './identity.entities';
import { agencyView, partnershipView, userView } from './identity.views';
import type { PartnershipEmailSettings } from './edits/partnership-email-settings';
import { MembershipEntity } from './memberships/membership.entity';

/** A person or an agency, named: what pages and histories show beside an id. */
export interface Named {
  id: string;
  name: string;
}

export interface NameLookup {
  user(id: string | null | undefined): Named | null;
  agency(id: string | null | undefined): Named | null;
  agencyName(id: string | null | undefined): string | null;
  /** The agency's kind (a specialist domestic abuse service, the police, …), or null when unknown. */
  agencyKind(id: string | null | undefined): AgencyKind | null;
}

/** Where a user stands: what rules about who takes part in a review need (no names or contact details). */
export interface DirectoryUser {
  id: string;
  role: Role;
  partnershipId: string | null;
  agencyId: string | null;
}

/** A partnership as its emails name it: settings null where the default applies. */
export interface PartnershipEmailIdentity extends PartnershipEmailSettings {
  name: string;
  /** Its active coordinators, by name: whom to contact when the partnership sets no contact. */
  coordinators: { name: string; email: string }[];
}

export interface UserListFilter {
  partnershipId?: string;
  role?: Role;
  agencyId?: string;
}

/**
 * Reads of partnerships, agencies and users for other libs: the one owner of those
 * tables answers every question about them (names, who holds a role, whether an agency
 * belongs to a partnership), so nobody else writes SQL against them.
 */
@Injectable()
export class IdentityDirectory {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Names of the given users and agencies in two queries at most, whatever their number. */
  async names(
    ids: { userIds?: Iterable<string | null | undefined>; agencyIds?: Iterable<string | null | undefined> },
    manager?: EntityManager,
  ): Promise<NameLookup> {
    const m = manager ?? this.db.manager;
    const userIds = distinct(ids.userIds);
    const agencyIds = distinct(ids.agencyIds);
    const [users, agencies] = await Promise.all([
      userIds.length ? m.getRepository(UserEntity).find({ select: { id: true, name: true }, where: { id: In(userIds) } }) : [],
      agencyIds.length
        ? m.getRepository(AgencyEntity).find({ select: { id: true, name: true, kind: true }, where: { id: In(agencyIds) } })
        : [],
    ]);
    const userById = new Map(users.map((u) => [u.id, { id: u.id, name: u.name }]));
    const agencyById = new Map(agencies.map((a) => [a.id, { id: a.id, name: a.name }]));
    const kindById = new Map(agencies.map((a) => [a.id, a.kind]));
    return {
      user: (id) => (id ? (userById.get(id) ?? null) : null),
      agency: (id) => (id ? (agencyById.get(id) ?? null) : null),
      agencyName: (id) => (id ? (agencyById.get(id)?.name ?? null) : null),
      agencyKind: (id) => (id ? (kindById.get(id) ?? null) : null),
    };
  }

  /** Where and how to write to a user: their address and name (read only when sending). */
  async contact(userId: string, manager?: EntityManager): Promise<{ email: string; name: string } | null> {
    const row = await (manager ?? this.db.manager)
      .getRepository(UserEntity)
      .findOne({ select: { email: true, name: true }, where: { id: userId } });
    return row ? { email: row.email, name: row.name } : null;
  }

  async agencyInPartnership(agencyId: string, partnershipId: string, manager?: EntityManager): Promise<boolean> {
    return (manager ?? this.db.manager).getRepository(AgencyEntity).existsBy({ id: agencyId, partnershipId });
  }

  /** Does the user hold this role in this partnership (in any of their memberships)? */
  async userHasRole(userId: string, partnershipId: string, role: Role, manager?: EntityManager): Promise<boolean> {
    return (manager ?? this.db.manager).getRepository(MembershipEntity).existsBy({ userId, partnershipId, role });
  }

  /** Ids of a partnership's members holding any of the roles, in a stable order. */
  async userIdsWithRole(partnershipId: string, roles: Role[], manager?: EntityManager): Promise<string[]> {
    const rows = await (manager ?? this.db.manager)
      .getRepository(MembershipEntity)
      .find({ select: { userId: true }, where: { partnershipId, role: In(roles) }, order: { userId: 'ASC' } });
    return rows.map((r) => r.userId);
  }

  /** Ids of the contacts of the agencies (whichever of their memberships makes them one), in a stable order. */
  async agencyContactIds(agencyIds: string[], manager?: EntityManager): Promise<string[]> {
    if (agencyIds.length === 0) return [];
    const rows = await (manager ?? this.db.manager)
      .getRepository(MembershipEntity)
      .find({ select: { userId: true }, where: { role: 'agency_contact', agencyId: In(agencyIds) }, order: { userId: 'ASC' } });
    return [...new Set(rows.map((r) => r.userId))];
  }

  /**
   * Role, partnership and agency of those of these users who exist, in id order: their home
   * membership, or (given a partnership) the membership they hold there — those without one
   * there are left out, as people who take no part in it.
   */
  async users(userIds: Iterable<string>, manager?: EntityManager, inPartnershipId?: string): Promise<DirectoryUser[]> {
    const ids = distinct(userIds);
    if (ids.length === 0) return [];
    const m = manager ?? this.db.manager;
    if (inPartnershipId) {
      const rows = await m.getRepository(MembershipEntity).find({
        select: { userId: true, role: true, partnershipId: true, agencyId: true },
        where: { userId: In(ids), partnershipId: inPartnershipId },
        order: { userId: 'ASC' },
      });
      return rows.map((r) => ({ id: r.userId, role: r.role, partnershipId: r.partnershipId, agencyId: r.agencyId }));
    }
    const rows = await m
      .getRepository(UserEntity)
      .find({ select: { id: true, role: true, partnershipId: true, agencyId: true }, where: { id: In(ids) }, order: { id: 'ASC' } });
    return rows.map((u) => ({ id: u.id, role: u.role, partnershipId: u.partnershipId, agencyId: u.agencyId }));
  }

  /** The partnership's short code (as in review references and file names); null when there is no such partnership. */
  async partnershipCode(partnershipId: string, manager?: EntityManager): Promise<string | null> {
    const row = await (manager ?? this.db.manager)
      .getRepository(PartnershipEntity)
      .findOne({ select: { code: true }, where: { id: partnershipId } });
    return row?.code ?? null;
  }

  /** The names of these partnerships, by id (those that exist). */
  async partnershipNames(partnershipIds: Iterable<string>, manager?: EntityManager): Promise<Map<string, string>> {
    const ids = distinct(partnershipIds);
    if (ids.length === 0) return new Map();
    const rows = await (manager ?? this.db.manager)
      .getRepository(PartnershipEntity)
      .find({ select: { id: true, name: true }, where: { id: In(ids) } });
    return new Map(rows.map((p) => [p.id, p.name]));
  }

  /** The agencies of a partnership, by name. */
  async agenciesOf(partnershipId: string, manager?: EntityManager): Promise<Named[]> {
    const rows = await (manager ?? this.db.manager)
      .getRepository(AgencyEntity)
      .find({ select: { id: true, name: true }, where: { partnershipId }, order: { name: 'ASC', id: 'ASC' } });
    return rows.map((a) => ({ id: a.id, name: a.name }));
  }

  /**
   * How a partnership's emails go out: its name, its sender and contact settings (null where the
   * default applies) and its coordinators, who are the contact when no one is set. Null when there
   * is no such partnership.
   */
  async partnershipEmailIdentity(partnershipId: string, manager?: EntityManager): Promise<PartnershipEmailIdentity | null> {
    const m = manager ?? this.db.manager;
    const partnership = await m.getRepository(PartnershipEntity).findOneBy({ id: partnershipId });
    if (!partnership) return null;
    const coordinatorIds = await this.userIdsWithRole(partnershipId, ['coordinator'], m);
    const coordinators = coordinatorIds.length
      ? await m.getRepository(UserEntity).find({
          select: { name: true, email: true },
          where: { id: In(coordinatorIds), deactivatedAt: IsNull() },
          order: { name: 'ASC', id: 'ASC' },
        })
      : [];
    return {
      name: partnership.name,
      senderName: partnership.senderName,
      senderEmail: partnership.senderEmail,
      contactName: partnership.contactName,
      contactEmail: partnership.contactEmail,
      coordinators: coordinators.map((u) => ({ name: u.name, email: u.email })),
    };
  }

  /**
   * Who the caller is, with names: what a user interface shows first. Role, partnership and
   * agency are those the caller acts in now (the token's or the page's partnership); every
   * membership is listed, home first.
   */
  async me(actor: Actor) {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: actor.userId });
    if (!user) throw DomainError.unauthorized();
    const rows: { partnership_id: string; partnership_name: string; role: Role; agency_id: string | null; agency_name: string | null }[] =
      await this.db.query(
        `SELECT m.partnership_id, p.name AS partnership_name, m.role, m.agency_id, a.name AS agency_name
           FROM user_memberships m
           JOIN partnerships p ON p.id = m.partnership_id
           LEFT JOIN agencies a ON a.id = m.agency_id
          WHERE m.user_id = $1
          ORDER BY (m.partnership_id = $2) DESC, p.name, p.id`,
        [user.id, user.partnershipId],
      );
    const memberships = rows.map((r) => ({
      partnershipId: r.partnership_id,
      partnershipName: r.partnership_name,
      role: r.role,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
    }));
    const acting = memberships.find((m) => m.partnershipId === actor.partnershipId);
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      role: actor.role,
      partnershipId: actor.partnershipId,
      partnershipName: acting?.partnershipName ?? null,
      agencyId: actor.agencyId,
      agencyName: acting?.agencyName ?? null,
      memberships,
    };
  }

  /** Administrators see every partnership; everyone else their own. */
  async listPartnerships(actor: Actor) {
    const where = actor.role === 'admin' ? {} : { id: actor.partnershipId ?? undefined };
    if (actor.role !== 'admin' && !actor.partnershipId) return { items: [] };
    const rows = await this.db.getRepository(PartnershipEntity).find({ where, order: { name: 'ASC', id: 'ASC' } });
    return { items: rows.map(partnershipView) };
  }

  /** Administrators any partnership's agencies; everyone else their own partnership's. */
  async listAgencies(actor: Actor, partnershipId?: string) {
    const scope = await this.partnershipScope(actor, partnershipId);
    const rows = await this.db
      .getRepository(AgencyEntity)
      .find({ where: scope ? { partnershipId: scope } : {}, order: { name: 'ASC', id: 'ASC' } });
    return { items: rows.map(agencyView) };
  }

  /** Administrators, and coordinators for their own partnership: users with their agency's name. */
  async listUsers(actor: Actor, filter: UserListFilter) {
    if (actor.role !== 'admin' && actor.role !== 'coordinator')
      throw DomainError.forbidden('only administrators and coordinators list users');
    const partnershipId = await this.partnershipScope(actor, filter.partnershipId);
    const rows = partnershipId ? await this.membersOf(partnershipId, filter) : await this.allUsers(filter);
    const names = await this.names({ agencyIds: rows.map((u) => u.agencyId) });
    return {
      items: rows.map((u) => ({ ...userView(u), agencyName: names.agencyName(u.agencyId), active: !u.deactivatedAt })),
    };
  }

  /** Everyone, each with their home membership (administrators' unscoped list). */
  private allUsers(filter: UserListFilter): Promise<UserEntity[]> {
    const where = { ...(filter.role ? { role: filter.role } : {}), ...(filter.agencyId ? { agencyId: filter.agencyId } : {}) };
    return this.db.getRepository(UserEntity).find({ where, order: { name: 'ASC', id: 'ASC' } });
  }

  /** A partnership's members, each with the role and agency they hold there (a further membership included). */
  private async membersOf(partnershipId: string, filter: UserListFilter): Promise<UserEntity[]> {
    const query = this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(MembershipEntity, 'm', 'm.user_id = u.id AND m.partnership_id = :partnershipId', { partnershipId })
      .select('u')
      .addSelect(['m.role', 'm.agencyId'])
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC');
    if (filter.role) query.andWhere('m.role = :role', { role: filter.role });
    if (filter.agencyId) query.andWhere('m.agency_id = :agencyId', { agencyId: filter.agencyId });
    const { entities, raw } = await query.getRawAndEntities<{ m_role: Role; m_agency_id: string | null; u_id: string }>();
    const held = new Map(raw.map((r) => [r.u_id, r]));
    return entities.map((u) => Object.assign(u, { role: held.get(u.id)!.m_role, partnershipId, agencyId: held.get(u.id)!.m_agency_id }));
  }

  /** The partnership a listing may cover: any (or the one asked) for administrators, else the caller's own. */
  private async partnershipScope(actor: Actor, asked?: string): Promise<string | undefined> {
    if (actor.role === 'admin') {
      // A partnership that is not there answers as another partnership's does to its non-members.
      if (asked && !(await this.db.getRepository(PartnershipEntity).existsBy({ id: asked }))) throw DomainError.notFound('partnership');
      return asked;
    }
    if (!actor.partnershipId || (asked && asked !== actor.partnershipId)) throw DomainError.notFound('partnership');
    return actor.partnershipId;
  }
}

function distinct(ids: Iterable<string | null | undefined> | undefined): string[] {
  return [...new Set([...(ids ?? [])].filter((id): id is string => typeof id === 'string'))];
}
