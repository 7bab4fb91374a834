import { createHash, randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { generateSecret, generateURI, verify } from 'otplib';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { AuditWriter, RequestContext, SYSTEM_CHAIN } from '@dhr/audit';
import { AppConfig, Clock, inTransaction } from '@dhr/core';
import type { UserEntity } from '../identity.entities';
import { SecretBox } from './secret-box';
import { RecoveryCodeEntity, TwoFactorEntity } from './two-factor.entities';

const RECOVERY_CODES = 10;
/** No 0/O, 1/I/L: easy to read back from paper. */
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** One 30-second step either side, for clocks a little apart. */
const TOLERANCE_SECONDS = 30;

export interface Enrolment {
  /** Base32, for typing into an app that cannot scan. */
  secret: string;
  /** otpauth:// URI, for the QR code. */
  uri: string;
}

export type SecondFactor = 'security_code' | 'recovery_code';

/**
 * TOTP two-factor sign-in (otplib): enrolment, the code check with replay refusal, and
 * one-time recovery codes. Secrets are stored encrypted, recovery codes as hashes only.
 * Enrolment, recovery-code use and failed codes are audited on the user's chain.
 */
@Injectable()
export class TwoFactorService {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(config);
  }

  async isEnrolled(userId: string): Promise<boolean> {
    return this.db.getRepository(TwoFactorEntity).exists({ where: { userId, confirmedAt: Not(IsNull()) } });
  }

  /** Which of these users have finished setting up two-factor (one query). */
  async enrolledAmong(userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.db
      .getRepository(TwoFactorEntity)
      .find({ select: { userId: true }, where: { userId: In(userIds), confirmedAt: Not(IsNull()) } });
    return new Set(rows.map((r) => r.userId));
  }

  /** The secret being set up: the one begun already (a reload shows the same QR code), or a new one. */
  async beginEnrolment(user: UserEntity): Promise<Enrolment> {
    const repo = this.db.getRepository(TwoFactorEntity);
    const existing = await repo.findOneBy({ userId: user.id });
    if (existing?.confirmedAt) throw new Error('two-factor authentication is already set up');
    let secret = existing ? this.box.open(existing.secretEncrypted) : null;
    if (!secret) {
      secret = generateSecret();
      await repo.save(repo.create({ userId: user.id, secretEncrypted: this.box.seal(secret), confirmedAt: null, lastTimeStep: null }));
    }
    return { secret, uri: generateURI({ issuer: this.config.SERVICE_NAME, label: user.email, secret }) };
  }

  /** Finishes enrolment with a first code: the recovery codes to show once, or null when the code is wrong. */
  async confirmEnrolment(user: UserEntity, code: string, request: RequestContext): Promise<string[] | null> {
    return inTransaction(this.db, async (m) => {
      const row = await m.getRepository(TwoFactorEntity).findOne({ where: { userId: user.id }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.confirmedAt) return null;
      const step = await this.check(this.box.open(row.secretEncrypted), code, null);
      if (step === null) return null;
      await m.getRepository(TwoFactorEntity).update({ userId: user.id }, { confirmedAt: this.clock.now(), lastTimeStep: String(step) });
      const codes = await this.replaceRecoveryCodes(m, user.id);
      await this.record(m, user, 'auth.two_factor_enrolled', request);
      return codes;
    });
  }

  /** Checks a security code or a recovery code (which is then spent); null when neither fits. */
  async verify(user: UserEntity, input: string, request: RequestContext): Promise<SecondFactor | null> {
    return inTransaction(this.db, async (m) => {
      const row = await m.getRepository(TwoFactorEntity).findOne({ where: { userId: user.id }, lock: { mode: 'pessimistic_write' } });
      if (!row?.confirmedAt) return null;
      const code = input.replace(/[\s-]/g, '');
      if (/^\d{6}$/.test(code)) {
        const step = await this.check(
          this.box.open(row.secretEncrypted),
          code,
          row.lastTimeStep === null ? null : Number(row.lastTimeStep),
        );
        if (step !== null) {
          await m.getRepository(TwoFactorEntity).update({ userId: user.id }, { lastTimeStep: String(step) });
          return 'security_code';
        }
      } else if (/^[A-Za-z0-9]{10}$/.test(code)) {
        const spent = await m
          .getRepository(RecoveryCodeEntity)
          .update({ userId: user.id, codeHash: hashCode(code), usedAt: IsNull() }, { usedAt: this.clock.now() });
        if (spent.affected === 1) {
          await this.record(m, user, 'auth.recovery_code_used', request);
          return 'recovery_code';
        }
      }
      await this.record(m, user, 'auth.two_factor_failed', request);
      return null;
    });
  }

  /** The time step a code matched, or null; a step at or before `after` (a code used already) does not match. */
  private async check(secret: string, code: string, after: number | null): Promise<number | null> {
    if (!/^\d{6}$/.test(code.replace(/\s/g, ''))) return null;
    const result = await verify({
      secret,
      token: code.replace(/\s/g, ''),
      epoch: Math.floor(this.clock.now().getTime() / 1000),
      epochTolerance: TOLERANCE_SECONDS,
      ...(after !== null ? { afterTimeStep: after } : {}),
    });
    return result.valid ? (result as unknown as { timeStep: number }).timeStep : null;
  }

  private async replaceRecoveryCodes(m: EntityManager, userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODES }, () =>
      Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join(''),
    );
    await m.getRepository(RecoveryCodeEntity).delete({ userId });
    await m.getRepository(RecoveryCodeEntity).insert(codes.map((code) => ({ userId, codeHash: hashCode(code), usedAt: null })));
    // Shown as two groups of five, which is also how they may be typed back.
    return codes.map((code) => `${code.slice(0, 5)}-${code.slice(5)}`);
  }

  private record(m: EntityManager, user: UserEntity, action: string, request: RequestContext): Promise<void> {
    return this.audit.record(m, {
      chain: user.partnershipId ?? SYSTEM_CHAIN,
      actorId: user.id,
      actorRole: user.role,
      action,
      entity: 'user',
      entityId: user.id,
      requestId: request.requestId,
      sourceIp: request.sourceIp,
      at: this.clock.now(),
    });
  }
}

function hashCode(code: string): string {
  return createHash('sha256').update(code.toUpperCase()).digest('hex');
}
