import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AppConfig } from '@dhr/core';
import { spawnApp } from './spawn-app';

export interface ApiProcess {
  child: ChildProcess;
  /** What the process wrote to stdout and stderr so far (shown when a test fails). */
  output(): string;
  /** Resolves with the exit code (or the signal) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Runs the real API (`apps/api/src/main.ts`, as `npm start` does) in its own OS process, so a test can signal it. */
export function spawnApi(config: AppConfig, args: string[] = [], extraEnv: Record<string, string> = {}): ApiProcess {
  const child = spawnApp('apps/api/src/main.ts', config, { args, extraEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, output: () => output, exited };
}

/**
 * A TCP port nobody listens on right now, below the kernel's ephemeral range (32768 and up on
 * Linux): once the process under test lets it go, no other suite's `listen(0)` or outgoing
 * connection can be handed it, so "no new connection is taken" asks about our process alone.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const server = createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!bound) continue;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }
}
