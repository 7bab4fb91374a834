import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AuditWriter, diffFields, SYSTEM_CHAIN } from '@dhr/audit';
import { AppConfig, Clock, DomainError, inTransaction } from '@dhr/core';
import type { Actor } from '../actor';
import type { Role } from '../identity.entities';
import { UserEntity } from '../identity.entities';
import { InvitationEntity } from './invitation.entity';
import { hashToken, IssuedLink } from './invitation.service';

/** An invitation not yet accepted, as the users list shows it: never the token or its hash. */
export interface PendingInvitation {
  id: string;
  name: string;
  email: string;
  role: Role;
  partnershipId: string | null;
  agencyId: string | null;
  expiresAt: Date;
  expired: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Invitations sent but not accepted: listed beside the users, and sent again. Sending again gives
 * the invitation a new token and a new expiry in place, so the link in the earlier email stops
 * working at once (only the new hash is kept). Same rules as inviting: administrators any
 * invitation; coordinators those of agency contacts of their own partnership (others: not found).
 */
@Injectable()
export class PendingInvitationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async list(actor: Actor): Promise<PendingInvitation[]> {
    if (actor.role !== 'admin' && actor.role !== 'coordinator') throw DomainError.forbidden();
    const scope = actor.role === 'admin' ? {} : { role: 'agency_contact' as const, partnershipId: actor.partnershipId ?? undefined };
    if (actor.role !== 'admin' && !actor.partnershipId) return [];
    const rows = await this.db
      .getRepository(InvitationEntity)
      .find({ where: { kind: 'invitation', usedAt: IsNull(), ...scope }, order: { name: 'ASC', createdAt: 'ASC' } });
    const now = this.clock.now().getTime();
    return rows.map((r) => ({
      id: r.id,
      name: r.name ?? r.email,
      email: r.email,
      role: r.role!,
      partnershipId: r.partnershipId,
      agencyId: r.agencyId,
      expiresAt: r.expiresAt,
      expired: r.expiresAt.getTime() <= now,
    }));
  }

  /** The invitation by id if the actor may send it again (unaccepted, theirs to manage); else not found. */
  async manageable(actor: Actor, id: string): Promise<PendingInvitation> {
    const found = UUID.test(id) ? (await this.list(actor)).find((i) => i.id === id) : undefined;
    if (!found) throw DomainError.notFound('invitation');
    return found;
  }

  /** A new link for the invitation; the old one no longer works. */
  async resend(actor: Actor, id: string): Promise<IssuedLink> {
    const invitation = await this.manageable(actor, id);
    const taken = await this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email: invitation.email })
      .getExists();
    if (taken) throw DomainError.field('email', 'A user with this email address already exists');
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + this.config.INVITATION_TTL_HOURS * 3_600_000);
    await inTransaction(this.db, async (m) => {
      // Only while still unused: an acceptance in another tab wins, and this answers not found.
      const [rows] = (await m.query(
        `UPDATE invitations SET token_hash = $1, expires_at = $2 WHERE id = $3 AND kind = 'invitation' AND used_at IS NULL RETURNING id`,
        [hashToken(token), expiresAt, invitation.id],
      )) as [{ id: string }[], number];
      if (!rows?.length) throw DomainError.notFound('invitation');
      await this.audit.record(m, {
        chain: invitation.partnershipId ?? SYSTEM_CHAIN,
        actorId: actor.userId,
        actorRole: actor.role,
        action: 'invitation.resend',
        entity: 'invitation',
        entityId: invitation.id,
        changes: diffFields({ expiresAt: invitation.expiresAt.toISOString() }, { expiresAt: expiresAt.toISOString() }),
        requestId: actor.requestId,
        sourceIp: actor.sourceIp,
        at: this.clock.now(),
      });
    });
    const url = `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/invitations/${token}`;
    return { token, url, email: invitation.email, name: invitation.name, expiresAt, partnershipId: invitation.partnershipId };
  }
}
