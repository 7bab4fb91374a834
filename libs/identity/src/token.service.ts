import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, DomainError } from '@dhr/core';
import type { UserEntity } from './identity.entities';
import { tokenIssuedAtMs } from './sessions/ended-sessions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface TokenClaims {
  sub: string;
}

/** Signed, expiring bearer tokens. The token names the user only; role comes from the database. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async issue(user: UserEntity): Promise<{ accessToken: string; expiresIn: number }> {
    const expiresIn = this.config.TOKEN_TTL_SECONDS;
    const accessToken = await this.jwt.signAsync({ sub: user.id } satisfies TokenClaims, { expiresIn, algorithm: 'HS256' });
    return { accessToken, expiresIn };
  }

  async verify(token: string): Promise<string> {
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
      // Only a user id: anything else (even correctly signed) never reaches a query.
      if (typeof claims.sub !== 'string' || !UUID.test(claims.sub)) throw new Error('bad subject');
      return claims.sub;
    } catch {
      throw DomainError.unauthorized();
    }
  }

  /**
   * When a token was issued (ms, from its `iat`, whole seconds), read only after `verify` accepted
   * it; undefined when it does not say. Compared with the moment the person's sessions were ended.
   */
  issuedAtMs(token: string): number | undefined {
    const claims = this.jwt.decode<{ iat?: unknown } | null>(token);
    return tokenIssuedAtMs(typeof claims?.iat === 'number' ? claims.iat : undefined);
  }
}
