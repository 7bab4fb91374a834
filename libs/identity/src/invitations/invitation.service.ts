import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditWriter, diffFields, RequestContext, SYSTEM_CHAIN } from '@dhr/audit';
import { AppConfig, Clock, DomainError, inTransaction } from '@dhr/core';
import type { Actor } from '../actor';
import { AgencyEntity, PartnershipEntity, Role, ROLES, UserEntity } from '../identity.entities';
import { hashPassword } from '../password';
import { passwordProblem } from '../password-policy';
import { endSessions } from '../sessions/ended-sessions';
import { InvitationEntity, LinkKind } from './invitation.entity';

const UNIQUE_VIOLATION = '23505';

/** What an email needs to carry a link: the token appears here and in the email only. */
export interface IssuedLink {
  token: string;
  url: string;
  email: string;
  name: string;
  expiresAt: Date;
  /** The partnership an invitation is to, whose sender it goes out as; null for an administrator's or a password reset. */
  partnershipId: string | null;
}

export interface InviteRequest {
  email: string;
  name: string;
  role: Role;
  partnershipId?: string | null;
  agencyId?: string | null;
}

/** An open link as the pages show it: never the token or its hash. */
export interface OpenLink {
  id: string;
  kind: LinkKind;
  email: string;
  name: string | null;
  userId: string | null;
}

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Invitations (an administrator invites anyone; a coordinator the agency contacts of their own
 * partnership) and forgotten-password links. A link is a random 256-bit token kept only as its
 * SHA-256 hash, works for INVITATION_TTL_HOURS, and once: using it and creating the account (or
 * changing the password) happen in one transaction that claims the row only if still unused.
 */
@Injectable()
export class InvitationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async invite(actor: Actor, input: InviteRequest): Promise<IssuedLink> {
    if (actor.role !== 'admin' && actor.role !== 'coordinator') throw DomainError.forbidden();
    const email = input.email.trim();
    const name = input.name.trim();
    const fields: { field: string; reason: string }[] = [];
    if (!name) fields.push({ field: 'name', reason: 'Enter their full name' });
    else if (name.length > 200) fields.push({ field: 'name', reason: 'Name must be 200 characters or fewer' });
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
      fields.push({ field: 'email', reason: 'Enter an email address in the correct format, like name@example.gov.uk' });
    if (!ROLES.includes(input.role)) fields.push({ field: 'role', reason: 'Select a role' });
    if (fields.length) throw DomainError.validation(fields);

    let partnershipId = input.partnershipId || null;
    let agencyId = input.agencyId || null;
    if (input.role === 'agency_contact') {
      const agency =
        agencyId && /^[0-9a-f-]{36}$/i.test(agencyId) ? await this.db.getRepository(AgencyEntity).findOneBy({ id: agencyId }) : null;
      if (!agency) throw DomainError.field('agencyId', 'Select their agency');
      partnershipId = agency.partnershipId;
      agencyId = agency.id;
    } else {
      agencyId = null;
      if (input.role !== 'admin') {
        const exists =
          partnershipId && /^[0-9a-f-]{36}$/i.test(partnershipId)
            ? await this.db.getRepository(PartnershipEntity).existsBy({ id: partnershipId })
            : false;
        if (!exists) throw DomainError.field('partnershipId', 'Select their partnership');
      } else partnershipId = null;
    }
    // A coordinator invites agency contacts of their own partnership, nobody else.
    if (actor.role === 'coordinator' && (input.role !== 'agency_contact' || partnershipId !== actor.partnershipId))
      throw DomainError.forbidden('coordinators invite agency contacts of their own partnership only');
    if (await this.userWithEmail(email)) throw DomainError.field('email', 'A user with this email address already exists');

    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.expiry();
    await inTransaction(this.db, async (m) => {
      const row = await m.getRepository(InvitationEntity).save(
        m.getRepository(InvitationEntity).create({
          kind: 'invitation',
          tokenHash: hashToken(token),
          email,
          name,
          role: input.role,
          partnershipId,
          agencyId,
          userId: null,
          invitedBy: actor.userId,
          expiresAt,
        }),
      );
      await this.record(m, partnershipId ?? SYSTEM_CHAIN, actor, 'invitation.create', row.id, {
        role: input.role,
        partnershipId,
        agencyId,
        expiresAt: expiresAt.toISOString(),
      });
    });
    return { token, url: this.url('invitations', token), email, name, expiresAt, partnershipId };
  }

  /**
   * A forgotten-password link for an active account with this email, or null when there is none
   * (the page answers the same either way; the caller sends the email only when there is a link).
   */
  async requestPasswordReset(email: string, request: RequestContext): Promise<IssuedLink | null> {
    const user = await this.userWithEmail(email.trim());
    if (!user || user.deactivatedAt) return null;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = this.expiry();
    await inTransaction(this.db, async (m) => {
      const row = await m.getRepository(InvitationEntity).save(
        m.getRepository(InvitationEntity).create({
          kind: 'password_reset',
          tokenHash: hashToken(token),
          email: user.email,
          userId: user.id,
          expiresAt,
        }),
      );
      await this.record(m, user.partnershipId ?? SYSTEM_CHAIN, this.selfActor(user, request), 'user.password_reset_requested', row.id, {
        expiresAt: expiresAt.toISOString(),
      });
    });
    return { token, url: this.url('reset-password', token), email: user.email, name: user.name, expiresAt, partnershipId: null };
  }

  /** The link a token names, if it is of this kind, unused and unexpired; else null. */
  async open(kind: LinkKind, token: string): Promise<OpenLink | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const row = await this.db.getRepository(InvitationEntity).findOneBy({ tokenHash: hashToken(token), kind });
    if (!row || row.usedAt || row.expiresAt.getTime() <= this.clock.now().getTime()) return null;
    if (kind === 'password_reset') {
      const user = row.userId ? await this.db.getRepository(UserEntity).findOneBy({ id: row.userId }) : null;
      if (!user || user.deactivatedAt) return null;
    }
    return { id: row.id, kind: row.kind, email: row.email, name: row.name, userId: row.userId };
  }

  /** Uses an invitation: the account is created with this password. Refused (not_found) if the link no longer works. */
  async accept(token: string, password: string, request: RequestContext): Promise<UserEntity> {
    const link = await this.open('invitation', token);
    if (!link) throw DomainError.notFound('invitation');
    const problem = passwordProblem(password, link.email);
    if (problem) throw DomainError.field('password', problem);
    const passwordHash = await hashPassword(password);
    try {
      return await inTransaction(this.db, async (m) => {
        const row = await this.claim(m, 'invitation', token);
        const users = m.getRepository(UserEntity);
        const user = await users.save(
          users.create({
            email: row.email,
            name: row.name ?? row.email,
            role: row.role!,
            partnershipId: row.partnershipId,
            agencyId: row.agencyId,
            passwordHash,
          }),
        );
        await m.getRepository(InvitationEntity).update({ id: row.id }, { userId: user.id });
        await this.record(m, row.partnershipId ?? SYSTEM_CHAIN, this.selfActor(user, request), 'invitation.accept', row.id, {
          userId: user.id,
          role: row.role,
          partnershipId: row.partnershipId,
          agencyId: row.agencyId,
          invitedBy: row.invitedBy,
        });
        return user;
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION)
        throw DomainError.field('password', 'A user with this email address already exists');
      throw error;
    }
  }

  /** Uses a forgotten-password link: the password is changed. */
  async resetPassword(token: string, password: string, request: RequestContext): Promise<UserEntity> {
    const link = await this.open('password_reset', token);
    if (!link) throw DomainError.notFound('link');
    const problem = passwordProblem(password, link.email);
    if (problem) throw DomainError.field('password', problem);
    const passwordHash = await hashPassword(password);
    return inTransaction(this.db, async (m) => {
      const row = await this.claim(m, 'password_reset', token);
      const user = await m.getRepository(UserEntity).findOneByOrFail({ id: row.userId! });
      await m.getRepository(UserEntity).update({ id: user.id }, { passwordHash });
      // Every session and token from before the change ends: whoever knew the old password is out.
      await endSessions(m, user.id);
      // Any other link of this user stops working too.
      await m
        .createQueryBuilder()
        .update(InvitationEntity)
        .set({ usedAt: this.clock.now() })
        .where('user_id = :id AND kind = :kind AND used_at IS NULL', { id: user.id, kind: 'password_reset' })
        .execute();
      await this.record(m, user.partnershipId ?? SYSTEM_CHAIN, this.selfActor(user, request), 'user.password_reset', user.id, {
        password: 'changed',
      });
      return user;
    });
  }

  /** Marks the link used, only if it is still unused and unexpired (two tabs: one wins). */
  private async claim(m: EntityManager, kind: LinkKind, token: string): Promise<InvitationEntity> {
    const now = this.clock.now();
    const [rows] = (await m.query(
      `UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND kind = $3 AND used_at IS NULL AND expires_at > $1 RETURNING id`,
      [now, hashToken(token), kind],
    )) as [{ id: string }[], number];
    if (!rows?.length) throw DomainError.notFound(kind === 'invitation' ? 'invitation' : 'link');
    return m.getRepository(InvitationEntity).findOneByOrFail({ id: rows[0].id });
  }

  ttlHours(): number {
    return this.config.INVITATION_TTL_HOURS;
  }

  private userWithEmail(email: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  private expiry(): Date {
    return new Date(this.clock.now().getTime() + this.config.INVITATION_TTL_HOURS * 3_600_000);
  }

  private url(path: string, token: string): string {
    return `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/${path}/${token}`;
  }

  private selfActor(user: UserEntity, request: RequestContext): Actor {
    return { userId: user.id, role: user.role, partnershipId: user.partnershipId, agencyId: user.agencyId, ...request };
  }

  private record(m: EntityManager, chain: string, actor: Actor, action: string, entityId: string, changes: Record<string, unknown>) {
    return this.audit.record(m, {
      chain,
      actorId: actor.userId,
      actorRole: actor.role,
      action,
      entity: action.startsWith('invitation') ? 'invitation' : 'user',
      entityId,
      changes: diffFields({}, changes),
      requestId: actor.requestId,
      sourceIp: actor.sourceIp,
      at: this.clock.now(),
    });
  }
}
