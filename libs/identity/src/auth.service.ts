import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@dhr/audit';
import { AppConfig, DomainError } from '@dhr/core';
import type { Role, UserEntity } from './identity.entities';
import { IdentityService } from './identity.service';
import { LoginThrottle } from './login-throttle/login-throttle';
import { decoyPasswordHash, verifyPassword } from './password';
import { startedBeforeSessionsEnded } from './sessions/ended-sessions';
import { TokenService } from './token.service';
import { TwoFactorService } from './two-factor/two-factor.service';
import { MembershipService } from './memberships/membership.service';

/** An account that may sign in: it exists and is not deactivated. */
const usable = (user: UserEntity | null): user is UserEntity => user !== null && !user.deactivatedAt;

@Injectable()
export class AuthService {
  constructor(
    private readonly identity: IdentityService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly twoFactor: TwoFactorService,
    private readonly config: AppConfig,
    private readonly memberships: MembershipService,
  ) {}

  /**
   * The API's sign-in. A user who has set up two-factor must send a current security code (or an
   * unused recovery code) as `code`; with API_REQUIRE_TWO_FACTOR, a user who has not is refused.
   * Every refusal is the same `invalid_credentials`, audited, and counted by the throttle.
   */
  async login(
    email: string,
    password: string,
    request: RequestContext,
    code?: string,
    partnershipId?: string,
  ): Promise<{ accessToken: string; expiresIn: number }> {
    // Before anything else, and before the password is looked at: a locked account
    // or source gets 429 even with the right password (LoginThrottledError).
    await this.throttle.admit(email, request.sourceIp);
    const user = await this.identity.findUserByEmail(email);
    // Verify against a decoy when the account is unknown: same cost, same answer.
    let ok = (await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password)) && usable(user);
    if (ok && user) {
      if (await this.twoFactor.isEnrolled(user.id)) ok = !!code && (await this.twoFactor.verify(user, code.trim(), request)) !== null;
      else if (this.config.API_REQUIRE_TWO_FACTOR) ok = false;
    }
    await this.identity.recordLogin(user, ok, request);
    if (!user || !ok) throw new DomainError('invalid_credentials');
    await this.throttle.succeeded(email);
    // A person of several partnerships chooses the one the token acts in (their home one by default).
    if (partnershipId && !(await this.memberships.acting(user, partnershipId)))
      throw DomainError.field('partnershipId', 'you are not a member of this partnership');
    return this.tokens.issue(user, partnershipId);
  }

  /**
   * The web's first sign-in step: the login limits, then the password. A wrong password is
   * audited as a failed login; a right one is not yet a sign-in (the second factor follows,
   * and `completeSignIn` records it), nor does it forgive the account's failures.
   */
  async checkPassword(email: string, password: string, request: RequestContext): Promise<UserEntity> {
    await this.throttle.admit(email, request.sourceIp);
    const user = await this.identity.findUserByEmail(email);
    const ok = (await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password)) && usable(user);
    if (!user || !ok) {
      await this.identity.recordLogin(user, false, request);
      throw new DomainError('invalid_credentials');
    }
    return user;
  }

  /** Every second-factor attempt counts against the same limits as a password attempt. */
  admitSecondFactor(user: UserEntity, request: RequestContext): Promise<void> {
    return this.throttle.admit(user.email, request.sourceIp);
  }

  /** A forgotten-password request within its limits (false: send nothing, answer the same). */
  admitPasswordReset(email: string, request: RequestContext): Promise<boolean> {
    return this.throttle.admitPasswordReset(email, request.sourceIp);
  }

  /** Both steps done: the sign-in is audited and the account's failures are forgiven. */
  async completeSignIn(user: UserEntity, request: RequestContext): Promise<void> {
    await this.identity.recordLogin(user, true, request);
    await this.throttle.succeeded(user.email);
  }

  /**
   * The user a `Bearer` Authorization header names (a valid token of a user that still
   * exists), or null: for what the global guard does not cover (the queue dashboard, /metrics).
   */
  async bearerUser(authorization: string | undefined): Promise<{ id: string; role: Role } | null> {
    const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(authorization ?? '');
    if (!match) return null;
    const token = await this.tokens.verify(match[1]).catch(() => null);
    const user = token ? await this.identity.findUser(token.userId) : null;
    return usable(user) && !startedBeforeSessionsEnded(user, this.tokens.issuedAtMs(match[1])) ? { id: user.id, role: user.role } : null;
  }
}
