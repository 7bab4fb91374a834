import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { AppConfig, DomainError } from '@dhr/core';

/** How long a duplicate waits for the first request with its key before it is told to retry. */
const WAIT_FOR_FIRST = '30s';

/** Where one key lives: the user, the route (method and path) and the SHA-256 of the key. */
export interface KeyScope {
  userId: string;
  route: string;
  keyHash: Buffer;
  fingerprint: Buffer;
}

/** A stored first answer. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** A key reserved by this request: complete it with the answer, or release it (nothing is stored). */
export interface Reservation {
  complete(answer: StoredAnswer): Promise<void>;
  release(): Promise<void>;
}

/**
 * The idempotency_keys table, on a small pool of its own: a reservation is an uncommitted
 * INSERT held open while the request runs, so a concurrent duplicate waits on the primary key
 * and then reads the committed answer (or, if the first was released, takes the key itself).
 * Its own pool so that held reservations can never starve the requests' own connections.
 */
@Injectable()
export class IdempotencyStore implements OnModuleDestroy {
  private readonly pool: Pool;

  constructor(config: AppConfig) {
    this.pool = new Pool({ connectionString: config.DATABASE_URL, max: 10, connectionTimeoutMillis: 5000 });
    // An idle connection cut by an outage: the pool drops it; the next request gets a fresh one.
    this.pool.on('error', () => undefined);
  }

  /** Our reservation, or the first request's answer (after waiting for it to finish). */
  async reserve(scope: KeyScope): Promise<{ reservation: Reservation } | { answer: StoredAnswer; fingerprint: Buffer }> {
    const client = watched(await this.pool.connect());
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = '${WAIT_FOR_FIRST}'`);
      const inserted = await client.query(
        `INSERT INTO idempotency_keys (user_id, route, key_hash, fingerprint) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [scope.userId, scope.route, scope.keyHash, scope.fingerprint],
      );
      if (inserted.rowCount === 1) return { reservation: this.reservation(client, scope) };
      const { rows } = await client.query<{ status: number; body: unknown; fingerprint: Buffer }>(
        `SELECT status, body, fingerprint FROM idempotency_keys WHERE user_id = $1 AND route = $2 AND key_hash = $3`,
        [scope.userId, scope.route, scope.keyHash],
      );
      await client.query('COMMIT');
      client.releaseWatched();
      // Committed rows always carry an answer (a reservation is only committed with one).
      return { answer: { status: rows[0].status, body: rows[0].body }, fingerprint: rows[0].fingerprint };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.releaseWatched(error);
      if ((error as { code?: string }).code === '55P03') {
        throw DomainError.conflict('a request with this Idempotency-Key is still in progress; try again shortly');
      }
      throw error;
    }
  }

  /**
   * The review an earlier attempt with this key wrote to, when that write committed but its answer was
   * never stored (its process died in between); null otherwise. Asked once the key is reserved, so an
   * attempt still running has finished (or died) by then.
   */
  async writtenReview(scope: KeyScope): Promise<string | null> {
    const { rows } = await this.pool.query<{ review_id: string }>(
      `SELECT review_id FROM idempotency_writes WHERE user_id = $1 AND route = $2 AND key_hash = $3`,
      [scope.userId, scope.route, scope.keyHash],
    );
    return rows[0]?.review_id ?? null;
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }

  private reservation(client: WatchedClient, scope: KeyScope): Reservation {
    let done = false;
    return {
      complete: async ({ status, body }) => {
        if (done) return;
        done = true;
        try {
          await client.query(
            `UPDATE idempotency_keys SET status = $4, body = $5::jsonb WHERE user_id = $1 AND route = $2 AND key_hash = $3`,
            [scope.userId, scope.route, scope.keyHash, status, JSON.stringify(body ?? null)],
          );
          await client.query('COMMIT');
          client.releaseWatched();
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          client.releaseWatched(error);
          throw error;
        }
      },
      release: async () => {
        if (done) return;
        done = true;
        const failed = await client.query('ROLLBACK').then(
          () => undefined,
          (error: unknown) => error,
        );
        client.releaseWatched(failed);
      },
    };
  }
}

type WatchedClient = PoolClient & { releaseWatched(error?: unknown): void };

/**
 * A checked-out client holds the reservation's transaction open, idle, while the request runs: if
 * the server cuts it then (a Postgres restart), pg emits 'error' on the client, which with no
 * listener ends the process. The listener swallows it (the next query on the client fails, and that
 * is answered as the outage); release drops the listener, and a client that failed is destroyed.
 */
function watched(client: PoolClient): WatchedClient {
  const ignore = () => undefined;
  client.on('error', ignore);
  return Object.assign(client, {
    releaseWatched(error?: unknown) {
      client.off('error', ignore);
      client.release(error instanceof Error ? error : undefined);
    },
  });
}
