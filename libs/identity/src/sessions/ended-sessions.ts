import type { EntityManager } from 'typeorm';
import { UserEntity } from '../identity.entities';

/**
 * Ends every session and bearer token a person holds now, inside the caller's transaction: used
 * when their password is changed, their two-factor is reset or they are deactivated. Nothing is
 * looked up or deleted in Redis: both guards already read the user on every request and compare
 * when the session (or token) began with this moment, so the end takes effect at the next request.
 */
export async function endSessions(m: EntityManager, userId: string): Promise<void> {
  // The wall clock, not the domain Clock: it is compared with a session's signedInAt and a token's
  // iat, which are wall-clock times (a test's shifted Clock must not end tomorrow's sessions).
  await m.getRepository(UserEntity).update({ id: userId }, { sessionsValidAfter: new Date() });
}

/**
 * Whether a session signed in (or a token issued) at `startedAtMs` was ended since. A start not
 * known counts as ended once anything was. A JWT's `iat` is whole seconds, so a token whose second
 * is the very one in which sessions ended is refused too: refusing one fresh token (the client asks
 * again) is better than letting a token from just before the change through.
 */
export function startedBeforeSessionsEnded(user: Pick<UserEntity, 'sessionsValidAfter'>, startedAtMs: number | undefined): boolean {
  if (!user.sessionsValidAfter) return false;
  if (startedAtMs === undefined || !Number.isFinite(startedAtMs)) return true;
  return startedAtMs <= user.sessionsValidAfter.getTime();
}

/** A token's `iat` (seconds) as the moment its second began (ms), for startedBeforeSessionsEnded. */
export const tokenIssuedAtMs = (iat: number | undefined): number | undefined => (typeof iat === 'number' ? iat * 1000 : undefined);
