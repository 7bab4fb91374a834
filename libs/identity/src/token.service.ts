import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig, DomainError } from '@dhr/core';
import type { UserEntity } from './identity.entities';
import { tokenIssuedAtMs } from './sessions/ended-sessions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface TokenClaims {
  sub: string;
  /** The partnership the token acts in, when not the user's home partnership. */
  pid?: string;
}

/** What a verified token says: whose it is and, for a person of several partnerships, which one it acts in. */
export interface VerifiedToken {
  userId: string;
  partnershipId: string | null;
}

/**
 * Signed, expiring bearer tokens. The token names the user (and the partnership it acts in, for
 * a person of several); the role comes from the database on every request.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async issue(user: UserEntity, partnershipId?: string | null): Promise<{ accessToken: string; expiresIn: number }> {
    const expiresIn = this.config.TOKEN_TTL_SECONDS;
    const claims: TokenClaims =
      partnershipId && partnershipId !== user.partnershipId ? { sub: user.id, pid: partnershipId } : { sub: user.id };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn, algorithm: 'HS256' });
    return { accessToken, expiresIn };
  }

  async verify(token: string): Promise<VerifiedToken> {
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
      // Only ids: anything else (even correctly signed) never reaches a query.
      if (typeof claims.sub !== 'string' || !UUID.test(claims.sub)) throw new Error('bad subject');
      if (claims.pid !== undefined && (typeof claims.pid !== 'string' || !UUID.test(claims.pid))) throw new Error('bad partnership');
      return { userId: claims.sub, partnershipId: claims.pid ?? null };
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
