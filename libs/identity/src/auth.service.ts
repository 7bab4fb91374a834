import { Injectable } from '@nestjs/common';
import { ApiError } from '@dhr/core';
import { IdentityService } from './identity.service';
import { decoyPasswordHash, verifyPassword } from './password';
import { TokenService } from './token.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly identity: IdentityService,
    private readonly tokens: TokenService,
  ) {}

  async login(email: string, password: string): Promise<{ accessToken: string; expiresIn: number }> {
    const user = await this.identity.findUserByEmail(email);
    // Verify against a decoy when the account is unknown: same cost, same answer.
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !ok) throw new ApiError(401, { error: 'invalid_credentials' });
    return this.tokens.issue(user);
  }
}
