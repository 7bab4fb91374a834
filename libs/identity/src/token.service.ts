import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, DomainError } from '@dhr/core';
import type { UserEntity } from './identity.entities';
import { tokenIssuedAtMs } from './sessions/ended-sessions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface TokenClaims {
  sub: string;
  /** Added by the signer: when the token was issued (seconds). */
  iat?: number;
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
    return (await this.verifyIssued(token)).userId;
  }

  /** The user a valid token names and when it was issued (ms; undefined if the token does not say). */
  async verifyIssued(token: string): Promise<{ userId: string; issuedAtMs: number | undefined }> {
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
      // Only a user id: anything else (even correctly signed) never reaches a query.
      if (typeof claims.sub !== 'string' || !UUID.test(claims.sub)) throw new Error('bad subject');
      return { userId: claims.sub, issuedAtMs: tokenIssuedAtMs(claims.iat) };
    } catch {
      throw DomainError.unauthorized();
    }
  }
}
