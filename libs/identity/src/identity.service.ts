import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ApiError } from '@dhr/core';
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
  ) {}

  async createPartnership(dto: CreatePartnershipDto): Promise<PartnershipEntity> {
    if (await this.partnerships.exists({ where: { code: dto.code } })) {
      throw ApiError.field('code', 'a partnership with this code already exists');
    }
    return this.partnerships.save(this.partnerships.create(dto));
  }

  async createAgency(actor: Actor, dto: CreateAgencyDto): Promise<AgencyEntity> {
    // A coordinator manages agencies of their own partnership only.
    if (actor.role !== 'admin' && actor.partnershipId !== dto.partnershipId) throw ApiError.field('partnershipId', 'not your partnership');
    await this.requirePartnership(dto.partnershipId);
    return this.agencies.save(this.agencies.create(dto));
  }

  async createUser(dto: CreateUserDto): Promise<UserEntity> {
    await this.requirePartnership(dto.partnershipId);
    if (dto.role === 'agency_contact' && !dto.agencyId) throw ApiError.field('agencyId', 'agencyId is required for agency_contact');
    if (dto.role !== 'agency_contact' && dto.agencyId) throw ApiError.field('agencyId', 'only agency_contact users belong to an agency');
    if (dto.agencyId) {
      const agency = await this.agencies.findOneBy({ id: dto.agencyId });
      if (!agency || agency.partnershipId !== dto.partnershipId) throw ApiError.field('agencyId', 'no such agency in this partnership');
    }
    try {
      return await this.users.save(
        this.users.create({
          email: dto.email,
          name: dto.name,
          role: dto.role,
          partnershipId: dto.partnershipId,
          agencyId: dto.agencyId ?? null,
          passwordHash: await hashPassword(dto.password),
        }),
      );
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw ApiError.field('email', 'a user with this email already exists');
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

  private async requirePartnership(id: string): Promise<void> {
    if (!(await this.partnerships.exists({ where: { id } }))) throw ApiError.field('partnershipId', 'no such partnership');
  }
}
