import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import IORedis, { Redis } from 'ioredis';
import { DomainError, AppConfig } from '@dhr/core';
import { accountKey, sourceKey } from './throttle-keys';

/** 429 with the seconds until the window that refused the attempt ends (sent as Retry-After too). */
export class LoginThrottledError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('too_many_requests', { message: 'too many login attempts; try again later', retryAfterSeconds });
  }
}

/**
 * One atomic step for an attempt, the same on every API instance: count it for
 * its source, and — when the source is still within its limit — for its account.
 * Each counter is a fixed window that starts with its first attempt (the expiry
 * is set once, so hammering a locked counter does not extend the lock).
 * Returns {0} when admitted, else {1 = source | 2 = account, ms left}.
 */
const ATTEMPT_SCRIPT = `
local function hit(key)
  local count = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  return count, ttl
end
local sourceCount, sourceTtl = hit(KEYS[1])
if sourceCount > tonumber(ARGV[2]) then return {1, sourceTtl} end
local accountCount, accountTtl = hit(KEYS[2])
if accountCount > tonumber(ARGV[3]) then return {2, accountTtl} end
return {0, 0}
`;

/**
 * Login rate limits in Redis, shared by all API instances: per source IP, every
 * attempt counts (LOGIN_MAX_ATTEMPTS_PER_IP); per account, every attempt counts
 * until one succeeds, which clears the counter — so what remains is the failures
 * (LOGIN_MAX_ATTEMPTS_PER_ACCOUNT). An attempt is counted before its password is
 * checked, so a locked account cannot be tried even with the right password and
 * parallel guesses cannot slip past the limit. Unknown emails are counted the
 * same way as real ones, so the limit reveals nothing about which accounts exist.
 *
 * Fails closed: without Redis, logins get 503 rather than going unlimited.
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly logger = new Logger('LoginThrottle');
  private redis: Redis | null = null;

  constructor(private readonly config: AppConfig) {}

  /** Counts the attempt; throws LoginThrottledError (429) when the source or the account is over its limit. */
  async admit(email: string, sourceIp: string | null): Promise<void> {
    const { QUEUE_PREFIX: prefix } = this.config;
    let result: [number, number];
    try {
      result = (await this.connection().eval(
        ATTEMPT_SCRIPT,
        2,
        sourceKey(prefix, sourceIp),
        accountKey(prefix, email),
        this.config.LOGIN_WINDOW_SECONDS * 1000,
        this.config.LOGIN_MAX_ATTEMPTS_PER_IP,
        this.config.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT,
      )) as [number, number];
    } catch (error) {
      this.logger.error(`login limits unavailable, refusing the login: ${(error as Error).name}`);
      throw new DomainError('service_unavailable', { message: 'login is unavailable for a moment; try again shortly' });
    }
    const [blockedBy, msLeft] = result;
    if (blockedBy === 0) return;
    this.logger.warn(`login refused: too many attempts for this ${blockedBy === 1 ? 'source address' : 'account'}`);
    throw new LoginThrottledError(Math.max(1, Math.ceil(msLeft / 1000)));
  }

  /**
   * Counts a forgotten-password request for its source and its email address (known or not, so the
   * limit reveals nothing), with the same atomic step as logins but counters of their own
   * (PASSWORD_RESET_MAX_PER_IP, PASSWORD_RESET_MAX_PER_ACCOUNT, PASSWORD_RESET_WINDOW_SECONDS).
   * Answers false when over a limit: the caller sends no email but shows the same page. Fails closed
   * like logins (503 without Redis), which says nothing about the account either.
   */
  async admitPasswordReset(email: string, sourceIp: string | null): Promise<boolean> {
    const { QUEUE_PREFIX: prefix } = this.config;
    let result: [number, number];
    try {
      result = (await this.connection().eval(
        ATTEMPT_SCRIPT,
        2,
        sourceKey(prefix, sourceIp, 'password-reset'),
        accountKey(prefix, email, 'password-reset'),
        this.config.PASSWORD_RESET_WINDOW_SECONDS * 1000,
        this.config.PASSWORD_RESET_MAX_PER_IP,
        this.config.PASSWORD_RESET_MAX_PER_ACCOUNT,
      )) as [number, number];
    } catch (error) {
      this.logger.error(`password reset limits unavailable, refusing the request: ${(error as Error).name}`);
      throw new DomainError('service_unavailable', { message: 'password reset is unavailable for a moment; try again shortly' });
    }
    if (result[0] === 0) return true;
    this.logger.warn(`forgotten-password email not sent: too many requests for this ${result[0] === 1 ? 'source address' : 'account'}`);
    return false;
  }

  /** After a successful login: the account's failures are forgiven (the source's count stays). */
  async succeeded(email: string): Promise<void> {
    try {
      await this.connection().del(accountKey(this.config.QUEUE_PREFIX, email));
    } catch (error) {
      // The login itself is sound; at worst one stale failure count lingers until the window ends.
      this.logger.warn(`could not clear a login counter: ${(error as Error).name}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    const redis = this.redis;
    this.redis = null;
    if (redis) await redis.quit().catch(() => redis.disconnect());
  }

  private connection(): Redis {
    if (!this.redis) {
      // Fail fast while Redis is away: a login should not hang waiting for it.
      this.redis = new IORedis(this.config.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 2000 });
      this.redis.on('error', (error: Error) => this.logger.warn(`redis: ${error.name}: ${error.message}`));
    }
    return this.redis;
  }
}
