import type { ChildProcess } from 'node:child_process';
import type { AppConfig } from '@dhr/core';
import { spawnApp } from './spawn-app';

/** Runs the real worker app in its own OS process, so a test can kill it mid-job. */
export function spawnWorker(config: AppConfig, extraEnv: Record<string, string> = {}): ChildProcess {
  return spawnApp('apps/worker/src/main.ts', config, { extraEnv, stdio: 'ignore' });
}
