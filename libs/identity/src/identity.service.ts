import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditWriter, diffFields, SYSTEM_CHAIN } from '@dhr/audit';
import { DomainError, Clock, inTransaction } from '@dhr/core';
import type { Actor } from './actor';
import { CreateAgencyDto, CreatePartnershipDto, CreateUserDto } from './identity.dto';
import { AgencyEntity, PartnershipEntity, UserEntity } from './identity.entities';
import { hashPassword } from './password';
import { endSessions } from './sessions/ended-sessions';
import { RecoveryCodeEntity, TwoFactorEntity } from './two-factor/two-factor.entities';

const UNIQUE_VIOLATION = '23505';

/** Partnerships, agencies and users: the tenants and the people in them. */
@Injectable()
export class IdentityService {
  constructor(
    @InjectRepository(PartnershipEntity) private readonly partnerships: Repository<PartnershipEntity>,
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async createPartnership(actor: Actor, dto: CreatePartnershipDto): Promise<PartnershipEntity> {
    if (await this.partnerships.exists({ where: { code: dto.code } })) {
      throw DomainError.field('code', 'a partnership with this code already exists');
    }
    return inTransaction(this.db, async (m) => {
      const created = await m.getRepository(PartnershipEntity).save(m.getRepository(PartnershipEntity).create(dto));
      await this.record(m, actor, SYSTEM_CHAIN, 'partnership.create', 'partnership', created.id, dto);
      return created;
    });
  }

  async createAgency(actor: Actor, dto: CreateAgencyDto): Promise<AgencyEntity> {
    // A coordinator manages agencies of their own partnership only.
    if (actor.role !== 'admin' && actor.partnershipId !== dto.partnershipId)
      throw DomainError.field('partnershipId', 'not your partnership');
    await this.requirePartnership(dto.partnershipId);
    return inTransaction(this.db, async (m) => {
      const created = await m.getRepository(AgencyEntity).save(m.getRepository(AgencyEntity).create(dto));
      await this.record(m, actor, dto.partnershipId, 'agency.create', 'agency', created.id, dto);
      return created;
    });
  }

  async createUser(actor: Actor, dto: CreateUserDto): Promise<UserEntity> {
    await this.requirePartnership(dto.partnershipId);
    if (dto.role === 'agency_contact' && !dto.agencyId) throw DomainError.field('agencyId', 'agencyId is required for agency_contact');
    if (dto.role !== 'agency_contact' && dto.agencyId) throw DomainError.field('agencyId', 'only agency_contact users belong to an agency');
    if (dto.agencyId) {
      const agency = await this.agencies.findOneBy({ id: dto.agencyId });
      if (!agency || agency.partnershipId !== dto.partnershipId) throw DomainError.field('agencyId', 'no such agency in this partnership');
    }
    const passwordHash = await hashPassword(dto.password);
    try {
      return await inTransaction(this.db, async (m) => {
        const users = m.getRepository(UserEntity);
        const created = await users.save(
          users.create({
            email: dto.email,
            name: dto.name,
            role: dto.role,
            partnershipId: dto.partnershipId,
            agencyId: dto.agencyId ?? null,
            passwordHash,
          }),
        );
        const { password: _password, ...recorded } = dto; // never the password, not even hashed
        await this.record(m, actor, dto.partnershipId, 'user.create', 'user', created.id, recorded);
        return created;
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw DomainError.field('email', 'a user with this email already exists');
      throw error;
    }
  }

  /**
   * Deactivates an account: it can no longer sign in, and its bearer tokens and web sessions stop
   * at their next request (both guards read the user on every request). Administrators may
   * deactivate anyone but themselves; coordinators the agency contacts of their partnership.
   */
  async deactivateUser(actor: Actor, userId: string): Promise<UserEntity> {
    const user = await this.manageableUser(actor, userId);
    if (user.id === actor.userId) throw DomainError.forbidden('you cannot deactivate your own account');
    if (user.deactivatedAt) return user;
    return inTransaction(this.db, async (m) => {
      user.deactivatedAt = this.clock.now();
      await m.getRepository(UserEntity).update({ id: user.id }, { deactivatedAt: user.deactivatedAt });
      await endSessions(m, user.id);
      await this.record(m, actor, user.partnershipId ?? SYSTEM_CHAIN, 'user.deactivate', 'user', user.id, { active: false });
      return user;
    });
  }

  /**
   * Forgets a user's two-factor set-up and recovery codes and ends their sessions and tokens: they
   * set it up again at their next sign-in. Same rules as deactivation (administrators: anyone; coordinators: their agency contacts).
   */
  async resetTwoFactor(actor: Actor, userId: string): Promise<UserEntity> {
    const user = await this.manageableUser(actor, userId);
    return inTransaction(this.db, async (m) => {
      await m.getRepository(RecoveryCodeEntity).delete({ userId: user.id });
      await m.getRepository(TwoFactorEntity).delete({ userId: user.id });
      // Whoever signed in with the old second factor is signed out everywhere.
      await endSessions(m, user.id);
      await this.record(m, actor, user.partnershipId ?? SYSTEM_CHAIN, 'user.two_factor_reset', 'user', user.id, { twoFactor: 'reset' });
      return user;
    });
  }

  /**
   * A user the actor may manage: administrators any; coordinators the agency contacts of their own
   * partnership. Anyone else's account answers as one that is not there.
   */
  async manageableUser(actor: Actor, userId: string): Promise<UserEntity> {
    if (actor.role !== 'admin' && actor.role !== 'coordinator') throw DomainError.forbidden();
    const user = /^[0-9a-f-]{36}$/i.test(userId) ? await this.users.findOneBy({ id: userId }) : null;
    if (!user) throw DomainError.notFound('user');
    if (actor.role === 'coordinator' && !(user.role === 'agency_contact' && user.partnershipId === actor.partnershipId))
      throw DomainError.notFound('user');
    return user;
  }

  findUserByEmail(email: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  findUser(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findAgency(id: string): Promise<AgencyEntity | null> {
    return this.agencies.findOneBy({ id });
  }

  async hasAnyUser(): Promise<boolean> {
    return (await this.users.count()) > 0;
  }

  async createBootstrapAdmin(email: string, password: string): Promise<void> {
    await this.users.save(
      this.users.create({
        email,
        name: 'Administrator',
        role: 'admin',
        partnershipId: null,
        agencyId: null,
        passwordHash: await hashPassword(password),
      }),
    );
  }

  /** Audits a login attempt on the user's partnership chain (system chain when the account is unknown). */
  recordLogin(user: UserEntity | null, ok: boolean, request: { requestId: string; sourceIp: string | null }): Promise<void> {
    return inTransaction(this.db, (m) =>
      this.audit.record(m, {
        chain: user?.partnershipId ?? SYSTEM_CHAIN,
        actorId: user?.id ?? null,
        actorRole: user?.role ?? null,
        action: ok ? 'auth.login' : 'auth.login_failed',
        entity: 'user',
        entityId: user?.id,
        requestId: request.requestId,
        sourceIp: request.sourceIp,
        at: this.clock.now(),
      }),
    );
  }

  private record(
    m: EntityManager,
    actor: Actor,
    chain: string,
    action: string,
    entity: string,
    entityId: string,
    after: object,
  ): Promise<void> {
    return this.audit.record(m, {
      chain,
      actorId: actor.userId,
      actorRole: actor.role,
      action,
      entity,
      entityId,
      changes: diffFields({}, after),
      requestId: actor.requestId,
      sourceIp: actor.sourceIp,
      at: this.clock.now(),
    });
  }

  private async requirePartnership(id: string): Promise<void> {
    if (!(await this.partnerships.exists({ where: { id } }))) throw DomainError.field('partnershipId', 'no such partnership');
  }
}
