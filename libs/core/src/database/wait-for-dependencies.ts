import { Logger } from '@nestjs/common';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { ConfigError } from '../config/app-config';
import { isConnectionError } from '../errors/unavailable';

/** Pause between attempts: short at first, then every 5 s. */
const DELAYS_MS = [500, 1000, 2000, 5000];

/**
 * Start-up during an outage: wait until Postgres (its server: the database itself is created
 * by migrate) and Redis answer, retrying for up to `waitSeconds`, each attempt logged with
 * the dependency and the error code (never the URL: it can hold a password). After the bound
 * it throws a ConfigError-like one-line error, which main prints without a stack trace.
 * Anything that is not an outage (a wrong password, say) is not waited out.
 */
export async function waitForDependencies(
  urls: { databaseUrl: string; redisUrl?: string },
  waitSeconds: number,
  logger = new Logger('Startup'),
): Promise<void> {
  const deadline = Date.now() + waitSeconds * 1000;
  const checks: [string, () => Promise<void>][] = [['postgres', () => pingPostgres(urls.databaseUrl)]];
  if (urls.redisUrl) checks.push(['redis', () => pingRedis(urls.redisUrl!)]);
  for (const [name, ping] of checks) {
    for (let attempt = 1; ; attempt++) {
      try {
        await ping();
        if (attempt > 1) logger.log(`${name} reachable after ${attempt} attempts`);
        break;
      } catch (error) {
        if (!isConnectionError(error)) throw error;
        const code = describe(error);
        const delay = DELAYS_MS[Math.min(attempt - 1, DELAYS_MS.length - 1)];
        if (Date.now() + delay > deadline) {
          throw new StartupTimeout(`${name} unreachable (${code}) for ${waitSeconds} s (STARTUP_WAIT_SECONDS): giving up`);
        }
        logger.warn(`${name} unreachable (${code}), attempt ${attempt}: retrying in ${delay / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

/** Printed as one line by main (no stack trace): the outage outlasted STARTUP_WAIT_SECONDS. */
export class StartupTimeout extends ConfigError {}

async function pingPostgres(url: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  // A refused connection also emits 'error' on some versions: handled by the rejection below.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function pingRedis(url: string): Promise<void> {
  const redis = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5000 });
  // connect() rejects with a bare "Connection is closed"; the socket's error (ECONNREFUSED…) comes as an event.
  let socketError: unknown;
  redis.on('error', (error) => (socketError = error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw socketError ?? error;
  } finally {
    redis.disconnect();
  }
}

function describe(error: unknown): string {
  const e = error as { code?: unknown; name?: unknown; errors?: { code?: unknown }[] };
  if (typeof e.code === 'string') return e.code;
  const inner = e.errors?.find((x) => typeof x?.code === 'string')?.code;
  return typeof inner === 'string' ? inner : typeof e.name === 'string' ? e.name : 'error';
}
