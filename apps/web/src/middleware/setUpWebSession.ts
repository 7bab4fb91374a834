import { RedisStore } from 'connect-redis';
import { Router, type Request, type Response } from 'express';
import session from 'express-session';
import type { Redis } from 'ioredis';
import { AppConfig, secretFromVar } from '@dhr/core';
import { noteSignedInRequest } from '../auth/idle-sign-out';
import '../auth/web-session';

/** A session ends 12 hours after sign-in, however busy. */
export const ABSOLUTE_SESSION_MS = 12 * 60 * 60 * 1000;

/**
 * connect-redis (9 and later) speaks node-redis only; this is the handful of node-redis
 * calls it makes, on our ioredis connection.
 */
function nodeRedisFacade(redis: Redis) {
  return {
    get: (key: string) => redis.get(key),
    set: (key: string, value: string, options?: { expiration?: { type: 'EX'; value: number } }) =>
      options?.expiration ? redis.set(key, value, 'EX', options.expiration.value) : redis.set(key, value),
    expire: (key: string, seconds: number) => redis.expire(key, seconds),
    del: (keys: string[] | string) => redis.del(...(Array.isArray(keys) ? keys : [keys])),
    mGet: (keys: string[]) => redis.mget(...keys),
    async *scanIterator({ MATCH, COUNT }: { MATCH: string; COUNT: number }) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', MATCH, 'COUNT', COUNT);
        cursor = next;
        if (keys.length) yield keys;
      } while (cursor !== '0');
    },
  };
}

/**
 * express-session in Redis under the deployment's QUEUE_PREFIX (so test runs and deployments
 * sharing one Redis stay apart). The cookie is HttpOnly, SameSite=Lax, Secure when PUBLIC_URL
 * is https, and rolls: it and the Redis key expire SESSION_IDLE_MINUTES after the last request.
 * The server also checks the idle and the 12-hour absolute limits itself, so neither depends
 * on a browser discarding its cookie.
 */
export function setUpWebSession(config: AppConfig, redis: Redis): Router {
  const idleMs = Math.round(config.SESSION_IDLE_MINUTES * 60_000);
  const router = Router();
  router.use(
    session({
      name: 'dhr.sid',
      store: new RedisStore({ client: nodeRedisFacade(redis), prefix: `${config.QUEUE_PREFIX}:session:` }),
      secret: secretFromVar(config.SESSION_SECRET, config.VAR_DIR, 'session-secret', 'SESSION_SECRET'),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.PUBLIC_URL.startsWith('https://'), maxAge: idleMs, path: '/' },
    }),
  );
  router.use((req: Request, res: Response, next) => {
    const now = Date.now();
    const s = req.session;
    const idle = s.lastSeenAt !== undefined && now - s.lastSeenAt > idleMs;
    const tooOld = s.signedInAt !== undefined && now - s.signedInAt > ABSOLUTE_SESSION_MS;
    if (idle || tooOld) {
      // Keep nothing: the next page asks them to sign in again.
      return s.regenerate((error) => next(error));
    }
    if (s.userId || s.pending) s.lastSeenAt = now;
    if (s.userId) noteSignedInRequest(req, res, now, ABSOLUTE_SESSION_MS);
    next();
  });
  return router;
}
