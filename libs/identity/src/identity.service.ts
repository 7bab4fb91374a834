import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditWriter, diffFields, SYSTEM_CHAIN } from '@dhr/audit';
import { DomainError, Clock, inTransaction } from '@dhr/core';
import type { Actor } from './actor';
import { CreateAgencyDto, CreatePartnershipDto, CreateUserDto } from './identity.dto';
import { AgencyEntity, PartnershipEntity, UserEntity } from './identity.entities';
import { hashPassword } from './password';

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
