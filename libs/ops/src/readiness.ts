import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { JobQueue } from '@dhr/jobs';
import { ShutdownState } from './shutdown';

/** Each dependency gets this long to answer before it counts as down. */
const CHECK_TIMEOUT_MS = 2000;

export interface ReadinessAnswer {
  ready: boolean;
  body: HealthCheckResult | { status: 'shutting_down' };
}

/**
 * Liveness and readiness for the orchestrator. Bodies name each check and its
 * state (and an error code when down), never a connection string or anything else.
 */
@Injectable()
export class Readiness {
  private migrated = false;
  /** The code of Redis' last connection error (ECONNREFUSED…), to say why while it is down. */
  private redisError: string | undefined;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly shutdown: ShutdownState,
  ) {
    this.jobs.connection.on('error', (error: { code?: unknown }) => {
      this.redisError = typeof error?.code === 'string' ? error.code : undefined;
    });
  }

  /** The process answers. No dependency is checked: a database outage must not get every process restarted. */
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** Postgres and Redis answer and no migration is pending; never once shutdown has begun. */
  async ready(): Promise<ReadinessAnswer> {
    if (this.shutdown.draining) return { ready: false, body: { status: 'shutting_down' } };
    try {
      const body = await this.health.check([
        () => this.check('postgres', () => this.db.query('SELECT 1')),
        () => this.check('redis', () => this.pingRedis()),
        () => this.check('migrations', () => this.assertMigrated()),
      ]);
      // Shutdown may have begun while the checks ran.
      return this.shutdown.draining ? { ready: false, body: { status: 'shutting_down' } } : { ready: true, body };
    } catch (error) {
      if (error instanceof ServiceUnavailableException) return { ready: false, body: error.getResponse() as HealthCheckResult };
      throw error;
    }
  }

  private check<K extends string>(key: K, probe: () => Promise<unknown>) {
    return this.indicators
      .check(key)
      .attempt(async () => {
        try {
          await probe();
        } catch (error) {
          // The code (ECONNREFUSED, 57P01, …) or class only: driver messages can carry hosts, users or values.
          const code = (error as { code?: unknown }).code;
          throw new Error(`${key} unavailable (${typeof code === 'string' ? code : (error as Error).name})`, { cause: error });
        }
      })
      .withTimeout(CHECK_TIMEOUT_MS);
  }

  /** Not connected: down at once, with the last connection error (a PING would only queue until the check times out). */
  private async pingRedis(): Promise<void> {
    const connection = this.jobs.connection;
    if (connection.status !== 'ready') throw Object.assign(new Error('not connected'), { code: this.redisError ?? connection.status });
    await connection.ping();
  }

  /** Every migration in migrations/index.ts (ALL_MIGRATIONS, the data source's list) has run. Once true, stays true. */
  private async assertMigrated(): Promise<void> {
    if (this.migrated) return;
    if (await this.db.showMigrations()) throw Object.assign(new Error('pending migrations'), { code: 'pending_migrations' });
    this.migrated = true;
  }
}
