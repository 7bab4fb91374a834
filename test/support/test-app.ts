import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { AppConfig, Clock, dropDatabase, loadConfig } from '@dhr/core';
import { createRedis, JobWorkers } from '@dhr/jobs';
import { AuditVerifier } from '@dhr/audit';

export const ADMIN = { email: 'admin@dhr.test', password: 'correct-horse-battery-staple' };

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/** Unique names so suites run in parallel and again without cleanup. */
export function isolatedEnv(extra: Record<string, string> = {}): AppConfig {
  const id = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const base = process.env.TEST_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
  return loadConfig({
    DATABASE_URL: `${base}/dhr_test_${id}`,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `dhrtest_${id}`,
    VAR_DIR: mkdtempSync(join(tmpdir(), 'dhr-test-')),
    TOKEN_SECRET: randomBytes(32).toString('hex'),
    BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'silent',
    ...extra,
  });
}

/**
 * Boots the real API on a throwaway database on the local Postgres, with its own
 * queue prefix on the local Redis; `withWorker` also runs the BullMQ workers.
 */
export async function startTestApp(
  options: {
    clock?: Clock;
    env?: Record<string, string>;
    withWorker?: boolean;
    tampersWithAudit?: boolean;
    logDestination?: DestinationStream;
    /** A second app on another app's database (`env.DATABASE_URL`): close it first, and leave the drop to that app. */
    sharesDatabase?: boolean;
  } = {},
): Promise<TestApp> {
  const config = isolatedEnv({ SWEEP_INTERVAL_SECONDS: '3600', ...options.env });
  const logging = options.logDestination
    ? { logDestination: options.logDestination }
    : { logger: process.env.TEST_LOGS ? undefined : (false as const) };
  const app = await createApiApp(config, { clock: options.clock, ...logging });
  await app.init();
  if (options.withWorker) await app.get(JobWorkers).start();
  const server = app.getHttpServer();
  return {
    app,
    config,
    http: () => request(server),
    async close() {
      // Whatever a suite did, its audit trail must still verify.
      const audit = options.tampersWithAudit ? { ok: true } : await app.get(AuditVerifier).verify();
      await app.close();
      await deleteQueueKeys(config);
      if (!options.sharesDatabase) await dropDatabase(config.DATABASE_URL);
      if (!audit.ok) throw new Error(`audit chain broken: ${JSON.stringify(audit)}`);
    },
  };
}

/** Removes every Redis key under the test's own queue prefix. */
export async function deleteQueueKeys(config: AppConfig): Promise<void> {
  const redis = createRedis(config.REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.QUEUE_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
