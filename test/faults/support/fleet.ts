import type { ChildProcess } from 'node:child_process';
import type { AppConfig } from '@dhr/core';
import { spawnApp } from '../../support/spawn-app';
import { waitFor } from '../../support/wait-for';

/** Keep the tail of a process's output only: enough to explain a failure, never the whole run. */
const OUTPUT_KEPT = 20_000;

/**
 * One API or worker of the product in its own OS process, that the suite can `kill -9` and
 * start again on the same config (and port): the way a crashed instance comes back.
 */
export class ProductProcess {
  private child: ChildProcess | null = null;
  private output = '';
  private exited: Promise<void> = Promise.resolve();
  /** How many times it was started (1 + restarts). */
  starts = 0;
  /** Exits the suite did not cause (a crash), each with the output that led to it. */
  readonly crashes: string[] = [];
  /** Every error or fatal log line of every run (the tail alone may have scrolled past them). */
  readonly errorLines: string[] = [];
  private killing = false;

  constructor(
    readonly name: string,
    private readonly role: 'api' | 'worker',
    private readonly config: AppConfig,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.config.PORT}`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The output of the current (or last) run, for a failure message. */
  tail(): string {
    return `--- ${this.name} (start ${this.starts}) ---\n${this.output.slice(-4000)}`;
  }

  start(): void {
    const entry = this.role === 'api' ? 'apps/api/src/main.ts' : 'apps/worker/src/main.ts';
    const child = spawnApp(entry, this.config, { args: this.role === 'api' ? ['--api-only'] : [], stdio: ['ignore', 'pipe', 'pipe'] });
    this.output = '';
    const keep = (chunk: Buffer) => {
      const text = chunk.toString();
      this.output = (this.output + text).slice(-OUTPUT_KEPT);
      for (const line of text.split('\n')) if (/"level":"(error|fatal)"|^\s+at /.test(line)) this.errorLines.push(line.slice(0, 2000));
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (!this.killing) this.crashes.push(`${this.name} exited (${signal ?? code}) on its own\n${this.tail()}`);
        resolve();
      }),
    );
    this.child = child;
    this.starts += 1;
  }

  /** Resolves once this run serves (API: `/ready` 200) or runs its workers. */
  async ready(timeoutMs = 180_000): Promise<void> {
    const check =
      this.role === 'api'
        ? async () =>
            (await fetch(`${this.url}/ready`, { signal: AbortSignal.timeout(5000) }).then(
              (r) => r.status,
              () => 0,
            )) === 200
        : () => this.output.includes('workers running on queues');
    await waitFor(
      `${this.name} ready`,
      async () => {
        if (!this.running) throw new Error(`${this.name} exited at start\n${this.tail()}`);
        return check();
      },
      timeoutMs,
      250,
    );
  }

  /** `kill -9`: no shutdown hook runs, jobs and requests in flight are cut. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.killing = true;
    this.child!.kill('SIGKILL');
    await this.exited;
    this.killing = false;
  }

  async restart(): Promise<void> {
    await this.kill();
    this.start();
    await this.ready();
  }
}
