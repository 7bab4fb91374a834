import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@dhr/audit';
import { ApiError } from '@dhr/core';
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
    if (!user || !ok) throw new ApiError(401, { error: 'invalid_credentials' });
    await this.throttle.succeeded(email);
    return this.tokens.issue(user);
  }
}
