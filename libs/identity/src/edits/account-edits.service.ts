import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditWriter, diffFields, SYSTEM_CHAIN } from '@dhr/audit';
import { Clock, DomainError, inTransaction } from '@dhr/core';
import type { Actor } from '../actor';
import { AGENCY_KINDS, AgencyEntity, AgencyKind, PartnershipEntity, Role, ROLES, UserEntity } from '../identity.entities';
import { IdentityService } from '../identity.service';
import { applyEmailSettingsEdit, EMAIL_SETTING_FIELDS, EmailSettingsEdit } from './partnership-email-settings';

export interface UserEdit {
  name: string;
  /** Administrators only; another role within the same partnership. */
  role?: Role;
  /** For agency contacts: an agency of their partnership. */
  agencyId?: string | null;
}

/** A change to a partnership: a field left out stays as it is (the email settings: null or blank clears one). */
export interface PartnershipEdit extends EmailSettingsEdit {
  name?: string;
  /** Only while no review reference has been made with the old one. */
  code?: string;
}

export interface AgencyEdit {
  name: string;
  kind: AgencyKind;
}

type Problem = { field: string; reason: string };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Roles an administrator may move a person between: all but administrator (which has no partnership). */
const PARTNERSHIP_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'admin');

/**
 * Editing partnerships, agencies and users, audited as adding them is (same chains, the fields'
 * before and after). What may change, and why not more:
 * - a user's name; their role (administrators, not their own, never to or from administrator) and
 *   agency, within their partnership. Not their email address: it is where sign-in and
 *   forgotten-password links go, so changing it for someone would hand their account recovery to
 *   another mailbox without proof it is theirs; the safe route is to deactivate and invite the new
 *   address. Not their partnership: that is a membership, managed as one.
 * - a partnership's name; its code only while no review reference has been made with it (the code
 *   is printed in references already sent out and filed); its email settings (the sender its emails
 *   go out as, and the person recipients contact and reply to).
 * - an agency's name and kind (administrators any; coordinators their partnership's).
 */
@Injectable()
export class AccountEditsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly identity: IdentityService,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async editUser(actor: Actor, userId: string, edit: UserEdit): Promise<UserEntity> {
    const current = await this.identity.manageableUser(actor, userId);
    const name = (edit.name ?? '').trim();
    const role = edit.role ?? current.role;
    const problems: Problem[] = [];
    if (!name) problems.push({ field: 'name', reason: 'Enter their full name' });
    else if (name.length > 200) problems.push({ field: 'name', reason: 'Name must be 200 characters or fewer' });
    if (role !== current.role) {
      if (actor.role !== 'admin') throw DomainError.forbidden('only administrators change roles');
      if (current.id === actor.userId) problems.push({ field: 'role', reason: 'You cannot change your own role' });
      else if (current.role === 'admin' || !PARTNERSHIP_ROLES.includes(role)) problems.push({ field: 'role', reason: 'Select a role' });
    }
    let agencyId: string | null = null;
    if (role === 'agency_contact') {
      agencyId = edit.agencyId === undefined ? current.agencyId : edit.agencyId || null;
      const inPartnership =
        agencyId && UUID.test(agencyId) && current.partnershipId
          ? await this.db.getRepository(AgencyEntity).existsBy({ id: agencyId, partnershipId: current.partnershipId })
          : false;
      if (!inPartnership) problems.push({ field: 'agencyId', reason: 'Select their agency' });
    }
    if (problems.length) throw DomainError.validation(problems);
    return inTransaction(this.db, async (m) => {
      const users = m.getRepository(UserEntity);
      const before = await users.findOneOrFail({ where: { id: current.id }, lock: { mode: 'pessimistic_write' } });
      const after = { name, role, agencyId };
      await users.update({ id: before.id }, after);
      await this.record(
        m,
        actor,
        before.partnershipId ?? SYSTEM_CHAIN,
        'user.update',
        'user',
        before.id,
        pick(before, ['name', 'role', 'agencyId']),
        after,
      );
      return Object.assign(before, after);
    });
  }

  /** A partnership for its edit form: administrators only; with whether its code may still change. */
  async partnershipForEdit(actor: Actor, id: string): Promise<{ partnership: PartnershipEntity; codeLocked: boolean }> {
    if (actor.role !== 'admin') throw DomainError.forbidden();
    const partnership = UUID.test(id) ? await this.db.getRepository(PartnershipEntity).findOneBy({ id }) : null;
    if (!partnership) throw DomainError.notFound('partnership');
    return { partnership, codeLocked: await this.codeInUse(this.db.manager, id) };
  }

  async editPartnership(actor: Actor, id: string, edit: PartnershipEdit): Promise<PartnershipEntity> {
    const { partnership } = await this.partnershipForEdit(actor, id);
    const name = (edit.name ?? partnership.name).trim();
    const code = (edit.code ?? partnership.code).trim().toUpperCase();
    const problems: Problem[] = [];
    if (name.length < 2 || name.length > 200)
      problems.push({ field: 'name', reason: 'Enter the partnership’s name (2 to 200 characters)' });
    if (!/^[A-Z0-9]{2,12}$/.test(code))
      problems.push({ field: 'code', reason: 'Enter a code of 2 to 12 capital letters or digits, like CROY' });
    const email = applyEmailSettingsEdit(partnership, edit);
    problems.push(...email.problems);
    if (problems.length) throw DomainError.validation(problems);
    return inTransaction(this.db, async (m) => {
      const repo = m.getRepository(PartnershipEntity);
      const before = await repo.findOneOrFail({ where: { id: partnership.id }, lock: { mode: 'pessimistic_write' } });
      if (code !== before.code) {
        if (await this.codeInUse(m, before.id))
          throw DomainError.field('code', 'The code cannot change: review references have been made with it');
        if (await repo.existsBy({ code })) throw DomainError.field('code', 'A partnership with this code already exists');
      }
      const after = { name, code, ...email.settings };
      await repo.update({ id: before.id }, after);
      const fields = ['name', 'code', ...EMAIL_SETTING_FIELDS] as const;
      await this.record(m, actor, SYSTEM_CHAIN, 'partnership.update', 'partnership', before.id, pick(before, [...fields]), after);
      return Object.assign(before, after);
    });
  }

  /** An agency the actor may edit: administrators any; coordinators their own partnership's (else not found). */
  async manageableAgency(actor: Actor, id: string): Promise<AgencyEntity> {
    if (actor.role !== 'admin' && actor.role !== 'coordinator') throw DomainError.forbidden();
    const agency = UUID.test(id) ? await this.db.getRepository(AgencyEntity).findOneBy({ id }) : null;
    if (!agency || (actor.role === 'coordinator' && agency.partnershipId !== actor.partnershipId)) throw DomainError.notFound('agency');
    return agency;
  }

  async editAgency(actor: Actor, id: string, edit: AgencyEdit): Promise<AgencyEntity> {
    const agency = await this.manageableAgency(actor, id);
    const name = (edit.name ?? '').trim();
    const problems: Problem[] = [];
    if (name.length < 2 || name.length > 200) problems.push({ field: 'name', reason: 'Enter the agency’s name (2 to 200 characters)' });
    if (!(AGENCY_KINDS as readonly string[]).includes(edit.kind)) problems.push({ field: 'kind', reason: 'Select the kind of agency' });
    if (problems.length) throw DomainError.validation(problems);
    return inTransaction(this.db, async (m) => {
      const repo = m.getRepository(AgencyEntity);
      const before = await repo.findOneOrFail({ where: { id: agency.id }, lock: { mode: 'pessimistic_write' } });
      const after = { name, kind: edit.kind };
      await repo.update({ id: before.id }, after);
      await this.record(m, actor, before.partnershipId, 'agency.update', 'agency', before.id, pick(before, ['name', 'kind']), after);
      return Object.assign(before, after);
    });
  }

  /**
   * Whether a review reference has been made with the partnership's code. Read from the reference
   * counters (a row exists once the first reference was allocated): identity cannot depend on the
   * reviews lib, and this one existence check is all it needs to know.
   */
  private async codeInUse(m: EntityManager, partnershipId: string): Promise<boolean> {
    const rows = (await m.query(`SELECT 1 FROM review_reference_counters WHERE partnership_id = $1 LIMIT 1`, [partnershipId])) as unknown[];
    return rows.length > 0;
  }

  private record(
    m: EntityManager,
    actor: Actor,
    chain: string,
    action: string,
    entity: string,
    entityId: string,
    before: object,
    after: object,
  ): Promise<void> {
    const changes = diffFields(before, after);
    // Saving a form unchanged changes nothing, so it leaves no audit entry either.
    if (Object.keys(changes).length === 0) return Promise.resolve();
    return this.audit.record(m, {
      chain,
      actorId: actor.userId,
      actorRole: actor.role,
      action,
      entity,
      entityId,
      changes,
      requestId: actor.requestId,
      sourceIp: actor.sourceIp,
      at: this.clock.now(),
    });
  }
}

function pick<T extends object, K extends keyof T>(row: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, row[k]])) as Pick<T, K>;
}
