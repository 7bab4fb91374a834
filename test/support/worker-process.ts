import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { AppConfig } from '@dhr/core';

const ROOT = join(__dirname, '..', '..');

/** Runs the real worker app in its own OS process, so a test can kill it mid-job. */
export function spawnWorker(config: AppConfig, extraEnv: Record<string, string> = {}): ChildProcess {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    TZ: 'UTC',
    TS_NODE_TRANSPILE_ONLY: 'true',
    TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
  };
  for (const [key, value] of Object.entries(config)) if (value !== undefined) env[key] = String(value);
  Object.assign(env, extraEnv);
  return spawn(
    process.execPath,
    ['--no-warnings', '-r', 'ts-node/register', '-r', 'tsconfig-paths/register', join(ROOT, 'apps/worker/src/main.ts')],
    {
      cwd: ROOT,
      env,
      stdio: 'ignore',
    },
  );
}
