import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createRedis } from '@dhr/jobs';
import { freePort } from '../../support/api-process';
import { waitFor } from '../../support/wait-for';

const run = promisify(execFile);
const PG_BIN = process.env.FAULTS_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A Postgres of the suite's own (initdb in a temp dir, a random port) that it may stop, restart
 * and kill without touching the machine's shared server. Postgres refuses to run as root, so
 * its tools run as the `postgres` user (when we are root) on a directory that user owns.
 */
export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'dhr-faults-pg-'));
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    const pg = new PrivatePostgres(dir, await freePort());
    try {
      await pg.tool('initdb', ['-D', pg.dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
      await pg.start();
    } catch (error) {
      await pg.destroy();
      throw error;
    }
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** Starts the server and resolves once it accepts connections. */
  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
    await this.tool('pg_ctl', ['-D', this.dataDir, '-l', join(this.dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
    await waitFor('the private Postgres to accept connections', () => this.accepts(), 30_000, 100);
  }

  /** A clean shutdown (`fast`: open transactions are rolled back, connections closed). */
  async stop(): Promise<void> {
    await this.tool('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  /** Stops and starts again, as an operator's restart does. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** As a crash: every process ends at once, without a checkpoint. */
  async kill(): Promise<void> {
    await this.tool('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', '-t', '60', 'stop']).catch(() => undefined);
  }

  /** Stops the server (if it runs) and removes its directory. */
  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async accepts(): Promise<boolean> {
    const client = new Client({ connectionString: `${this.url}/postgres`, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async tool(name: string, args: string[]): Promise<void> {
    const binary = join(PG_BIN, name);
    const [file, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
    await run(file, argv, { cwd: this.dir, timeout: 90_000 });
  }
}

/** A Redis of the suite's own on a random port, without persistence, that it may flush and kill. */
export class PrivateRedis {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    this.child = child;
    await waitFor('the private Redis to answer', () => this.ping(), 30_000, 100);
  }

  /** Loses every key, as a Redis restarted without persistence does. */
  async flush(): Promise<void> {
    const client = createRedis(this.url);
    try {
      await client.flushall();
    } finally {
      await client.quit();
    }
  }

  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  private async ping(): Promise<boolean> {
    const client = createRedis(this.url);
    client.on('error', () => undefined);
    try {
      return (await Promise.race([client.ping(), new Promise<string>((r) => setTimeout(() => r(''), 1000))])) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }
}
