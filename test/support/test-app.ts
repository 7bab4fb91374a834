import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { AppConfig, Clock, dropDatabase, loadConfig } from '@dhr/core';

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

/** Boots the real API on a throwaway database on the local Postgres. */
export async function startTestApp(options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const config = isolatedEnv(options.env);
  const app = await createApiApp(config, { clock: options.clock, logger: false });
  await app.init();
  const server = app.getHttpServer();
  return {
    app,
    config,
    http: () => request(server),
    async close() {
      await app.close();
      await dropDatabase(config.DATABASE_URL);
    },
  };
}
