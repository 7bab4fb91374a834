import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface OutboxPayloads {
  /** A clock was created or changed: (re)plan its alarms. */
  'clock.changed': { clockId: string };
  /** A meeting was scheduled, moved or cancelled: (re)plan its day-before reminder. */
  'meeting.changed': { meetingId: string };
  /** A notification row was created: queue its email. */
  'notification.created': { notificationId: string };
  /** A document version was stored: index its text for search. */
  'document.version-stored': { versionId: string };
}
export type OutboxTopic = keyof OutboxPayloads;

/** Transactions (by their query runner) that wrote an outbox row: their owner relays after commit. */
const wroteOutbox = new WeakSet<object>();

/** Did this transaction write an outbox row? Then relay once it has committed. */
export function outboxWritten(manager: EntityManager): boolean {
  return wroteOutbox.has(manager.queryRunner ?? manager);
}

/** Records work to do after commit, in the caller's transaction. */
@Injectable()
export class OutboxWriter {
  async add<T extends OutboxTopic>(manager: EntityManager, topic: T, payload: OutboxPayloads[T]): Promise<void> {
    await manager.query('INSERT INTO outbox (topic, payload) VALUES ($1, $2)', [topic, JSON.stringify(payload)]);
    wroteOutbox.add(manager.queryRunner ?? manager);
  }

  /** Several rows of one topic in one statement (the emails of every recipient of an alarm). */
  async addMany<T extends OutboxTopic>(manager: EntityManager, topic: T, payloads: readonly OutboxPayloads[T][]): Promise<void> {
    if (payloads.length === 0) return;
    await manager.query('INSERT INTO outbox (topic, payload) SELECT $1, p FROM unnest($2::jsonb[]) AS p', [
      topic,
      payloads.map((p) => JSON.stringify(p)),
    ]);
    wroteOutbox.add(manager.queryRunner ?? manager);
  }
}

/** Handles every row of one topic in a relayed batch at once (one plan, one addBulk). */
type TopicHandler<T extends OutboxTopic> = (payloads: OutboxPayloads[T][]) => Promise<void>;

/** Rows taken per relay transaction. */
const RELAY_BATCH = 500;
/** Relay loops per process, each taking its own rows (SKIP LOCKED), so a busy batch does not hold up the next. */
const RELAY_LOOPS = 2;

/**
 * Moves committed outbox rows to BullMQ. Runs right after a commit (fast path)
 * and from the periodic sweep (safety net); SKIP LOCKED lets several processes
 * relay at once without doing a row twice.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly handlers = new Map<OutboxTopic, TopicHandler<OutboxTopic>>();
  private running: Promise<number> | null = null;
  private again = false;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Handles the rows of `topic` one by one. */
  on<T extends OutboxTopic>(topic: T, handler: (payload: OutboxPayloads[T]) => Promise<void>): void {
    this.onBatch(topic, async (payloads) => {
      for (const payload of payloads) await handler(payload);
    });
  }

  /** Handles all the rows of `topic` in a relayed batch with one call. */
  onBatch<T extends OutboxTopic>(topic: T, handler: TopicHandler<T>): void {
    this.handlers.set(topic, handler as unknown as TopicHandler<OutboxTopic>);
  }

  /** Rows committed but not yet relayed (the outbox depth the metrics report). */
  async pendingCount(): Promise<number> {
    const [row] = await this.db.query('SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL');
    return row.n;
  }

  /** Fire-and-forget after a commit; a failure is left for the sweep. */
  relaySoon(): void {
    this.relayPending().catch((error: Error) => this.logger.warn(`relay deferred to the sweep: ${error.message}`));
  }

  /**
   * Relays every pending row; returns how many. Calls in one process share one run,
   * and a call during a run makes it go round once more, so a row committed after
   * the run's SELECT is never left for the sweep.
   */
  relayPending(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let total = 0;
      try {
        do {
          this.again = false;
          total += await this.relayAll();
        } while (this.again);
      } finally {
        // In the same turn as the last check of `again`: a `.finally` on the promise would run a few
        // microtasks later, and a call in between would join a run that has already ended (its row left for the sweep).
        this.running = null;
      }
      return total;
    })();
    return this.running;
  }

  /** RELAY_LOOPS loops at once, each until a batch comes back short; SKIP LOCKED keeps their rows apart. */
  private async relayAll(): Promise<number> {
    const loops = await Promise.all(Array.from({ length: RELAY_LOOPS }, () => this.relayLoop()));
    return loops.reduce((a, b) => a + b, 0);
  }

  private async relayLoop(): Promise<number> {
    let total = 0;
    for (;;) {
      const relayed = await this.relayBatch(RELAY_BATCH);
      total += relayed;
      if (relayed < RELAY_BATCH) return total;
    }
  }

  /** One batch: its rows grouped by topic, each topic's handler called once, all marked relayed in one statement. */
  private relayBatch(limit: number): Promise<number> {
    return this.db.transaction(async (manager) => {
      const rows: { id: string; topic: OutboxTopic; payload: OutboxPayloads[OutboxTopic] }[] = await manager.query(
        'SELECT id, topic, payload FROM outbox WHERE relayed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED',
        [limit],
      );
      if (rows.length === 0) return 0;
      const byTopic = new Map<OutboxTopic, OutboxPayloads[OutboxTopic][]>();
      for (const row of rows) {
        if (!this.handlers.has(row.topic)) throw new Error(`no outbox handler for ${row.topic}`);
        if (!byTopic.has(row.topic)) byTopic.set(row.topic, []);
        byTopic.get(row.topic)!.push(row.payload);
      }
      await Promise.all([...byTopic].map(([topic, payloads]) => this.handlers.get(topic)!(payloads)));
      await manager.query('UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
      return rows.length;
    });
  }
}
