import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { DomainError } from '@dhr/core';
import type { Actor } from './actor';
import { AgencyEntity, PartnershipEntity, Role, UserEntity } from './identity.entities';
import { agencyView, partnershipView, userView } from './identity.views';

/** A person or an agency, named: what pages and histories show beside an id. */
export interface Named {
  id: string;
  name: string;
}

export interface NameLookup {
  user(id: string | null | undefined): Named | null;
  agency(id: string | null | undefined): Named | null;
  agencyName(id: string | null | undefined): string | null;
}

/** Where a user stands: what rules about who takes part in a review need (no names or contact details). */
export interface DirectoryUser {
  id: string;
  role: Role;
  partnershipId: string | null;
  agencyId: string | null;
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
      agencyIds.length ? m.getRepository(AgencyEntity).find({ select: { id: true, name: true }, where: { id: In(agencyIds) } }) : [],
    ]);
    const userById = new Map(users.map((u) => [u.id, { id: u.id, name: u.name }]));
    const agencyById = new Map(agencies.map((a) => [a.id, { id: a.id, name: a.name }]));
    return {
      user: (id) => (id ? (userById.get(id) ?? null) : null),
      agency: (id) => (id ? (agencyById.get(id) ?? null) : null),
      agencyName: (id) => (id ? (agencyById.get(id)?.name ?? null) : null),
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

  async userHasRole(userId: string, partnershipId: string, role: Role, manager?: EntityManager): Promise<boolean> {
    return (manager ?? this.db.manager).getRepository(UserEntity).existsBy({ id: userId, partnershipId, role });
  }

  /** Ids of a partnership's users holding any of the roles, in a stable order. */
  async userIdsWithRole(partnershipId: string, roles: Role[], manager?: EntityManager): Promise<string[]> {
    const rows = await (manager ?? this.db.manager)
      .getRepository(UserEntity)
      .find({ select: { id: true }, where: { partnershipId, role: In(roles) }, order: { id: 'ASC' } });
    return rows.map((r) => r.id);
  }

  /** Ids of the contacts of the agencies, in a stable order. */
  async agencyContactIds(agencyIds: string[], manager?: EntityManager): Promise<string[]> {
    if (agencyIds.length === 0) return [];
    const rows = await (manager ?? this.db.manager)
      .getRepository(UserEntity)
      .find({ select: { id: true }, where: { role: 'agency_contact', agencyId: In(agencyIds) }, order: { id: 'ASC' } });
    return rows.map((r) => r.id);
  }

  /** Role, partnership and agency of those of these users who exist, in id order. */
  async users(userIds: Iterable<string>, manager?: EntityManager): Promise<DirectoryUser[]> {
    const ids = distinct(userIds);
    if (ids.length === 0) return [];
    const rows = await (manager ?? this.db.manager)
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

  /** The agencies of a partnership, by name. */
  async agenciesOf(partnershipId: string, manager?: EntityManager): Promise<Named[]> {
    const rows = await (manager ?? this.db.manager)
      .getRepository(AgencyEntity)
      .find({ select: { id: true, name: true }, where: { partnershipId }, order: { name: 'ASC', id: 'ASC' } });
    return rows.map((a) => ({ id: a.id, name: a.name }));
  }

  /** Who the caller is, with names: what a user interface shows first. */
  async me(actor: Actor) {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: actor.userId });
    if (!user) throw DomainError.unauthorized();
    const [partnership, agency] = await Promise.all([
      user.partnershipId ? this.db.getRepository(PartnershipEntity).findOneBy({ id: user.partnershipId }) : null,
      user.agencyId ? this.db.getRepository(AgencyEntity).findOneBy({ id: user.agencyId }) : null,
    ]);
    const membership = {
      partnershipId: user.partnershipId,
      partnershipName: partnership?.name ?? null,
      role: user.role,
      agencyId: user.agencyId,
      agencyName: agency?.name ?? null,
    };
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      partnershipId: user.partnershipId,
      partnershipName: membership.partnershipName,
      agencyId: user.agencyId,
      agencyName: membership.agencyName,
      // One account, one membership today; a person serving several partnerships will hold one each.
      memberships: user.partnershipId ? [membership] : [],
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
    const where = {
      ...(partnershipId ? { partnershipId } : {}),
      ...(filter.role ? { role: filter.role } : {}),
      ...(filter.agencyId ? { agencyId: filter.agencyId } : {}),
    };
    const rows = await this.db.getRepository(UserEntity).find({ where, order: { name: 'ASC', id: 'ASC' } });
    const names = await this.names({ agencyIds: rows.map((u) => u.agencyId) });
    return {
      items: rows.map((u) => ({ ...userView(u), agencyName: names.agencyName(u.agencyId), active: !u.deactivatedAt })),
    };
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
