import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@dhr/audit';
import { DomainError } from '@dhr/core';
import type { Role } from './identity.entities';
import { IdentityService } from './identity.service';
import { LoginThrottle } from './login-throttle/login-throttle';
import { decoyPasswordHash, verifyPassword } from './password';
import { TokenService } from './token.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly identity: IdentityService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(email: string, password: string, request: RequestContext): Promise<{ accessToken: string; expiresIn: number }> {
    // Before anything else, and before the password is looked at: a locked account
    // or source gets 429 even with the right password (LoginThrottledError).
    await this.throttle.admit(email, request.sourceIp);
    const user = await this.identity.findUserByEmail(email);
    // Verify against a decoy when the account is unknown: same cost, same answer.
    const ok = (await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password)) && user !== null;
    await this.identity.recordLogin(user, ok, request);
    if (!user || !ok) throw new DomainError('invalid_credentials');
    await this.throttle.succeeded(email);
    return this.tokens.issue(user);
  }

  /**
   * The user a `Bearer` Authorization header names (a valid token of a user that still
   * exists), or null: for what the global guard does not cover (the queue dashboard, /metrics).
   */
  async bearerUser(authorization: string | undefined): Promise<{ id: string; role: Role } | null> {
    const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(authorization ?? '');
    if (!match) return null;
    const userId = await this.tokens.verify(match[1]).catch(() => null);
    const user = userId ? await this.identity.findUser(userId) : null;
    return user ? { id: user.id, role: user.role } : null;
  }
}
