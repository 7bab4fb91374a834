import { ChildProcess, spawn, StdioOptions } from 'node:child_process';
import { join } from 'node:path';
import type { AppConfig } from '@dhr/core';

export const ROOT = join(__dirname, '..', '..');

/**
 * Runs one of the apps' real entry points (`apps/<app>/src/main.ts`) in its own OS process on the
 * test's config, through ts-node as the tests see the code, so a test can signal or kill it.
 */
export function spawnApp(
  entry: 'apps/api/src/main.ts' | 'apps/worker/src/main.ts',
  config: AppConfig,
  options: { args?: string[]; extraEnv?: Record<string, string>; stdio: StdioOptions },
): ChildProcess {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    TZ: 'UTC',
    TS_NODE_TRANSPILE_ONLY: 'true',
    TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
  };
  for (const [key, value] of Object.entries(config)) if (value !== undefined) env[key] = String(value);
  Object.assign(env, options.extraEnv);
  return spawn(
    process.execPath,
    ['--no-warnings', '-r', 'ts-node/register', '-r', 'tsconfig-paths/register', join(ROOT, entry), ...(options.args ?? [])],
    { cwd: ROOT, env, stdio: options.stdio },
  );
}
