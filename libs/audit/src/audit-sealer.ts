import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Metrics } from '@dhr/ops';
import { AUDIT_ENTRY_COLUMNS, contentOfRow, StoredAuditEntryRow } from './audit-entry';
import { GENESIS_HASH, hashEntry } from './audit-hash';

/** Entries sealed per transaction: bounds how long one sealing transaction holds the head rows. */
const BATCH_SIZE = 1000;
/** pg advisory lock key ('audit' as ASCII): one sealer at a time, across every process. */
const SEALER_LOCK = 0x6175646974;

/**
 * Links committed audit entries into their chains. AuditWriter inserts entries unsealed,
 * without a lock, in the caller's transaction; this gives each the next seq of its chain,
 * prev_hash and hash (hashEntry, exactly as appends did before) and advances the chain's
 * head, a batch per transaction. Only the sealer locks head rows, so requests never wait
 * on one another to audit.
 *
 * Order: each batch takes the unsealed entries its snapshot sees committed, in id order. A
 * snapshot that sees an entry's commit sees every commit before it, so an entry whose
 * transaction committed before another's began is always sealed first (same batch, lower
 * id; or an earlier batch). Entries of transactions still running are simply not seen yet.
 * (Waiting instead until every older transaction id has ended, pg_snapshot_xmin, adds no
 * ordering guarantee and would make "seal now" wait on any long transaction in the cluster,
 * its own caller's included.)
 *
 * Sealers in several processes take turns on one advisory lock: the periodic one skips a
 * turn when another is sealing, `sealNow` waits for it.
 */
@Injectable()
export class AuditSealer {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  /** Seals everything committed before the call (waiting for a sealer already at work), so what is read next is sealed. */
  async sealNow(): Promise<number> {
    let sealed = 0;
    for (;;) {
      const batch = (await this.sealBatch(true)) ?? 0;
      sealed += batch;
      if (batch < BATCH_SIZE) return sealed;
    }
  }

  /** The periodic turn: seals what is committed unless another sealer is at it. Returns the number sealed. */
  async sealIfIdle(): Promise<number> {
    let sealed = 0;
    for (;;) {
      const batch = await this.sealBatch(false);
      if (batch === null) return sealed;
      sealed += batch;
      if (batch < BATCH_SIZE) return sealed;
    }
  }

  /** One batch in one transaction; null when `wait` is false and another sealer holds the lock. */
  private sealBatch(wait: boolean): Promise<number | null> {
    return this.db.transaction('READ COMMITTED', async (manager) => {
      if (wait) await manager.query('SELECT pg_advisory_xact_lock($1)', [SEALER_LOCK]);
      else {
        const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [SEALER_LOCK])) as {
          locked: boolean;
        }[];
        if (!locked) return null;
      }
      // A new statement, so a new snapshot: it sees what an earlier sealer committed.
      const rows: StoredAuditEntryRow[] = await manager.query(
        `SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_entries WHERE seq IS NULL ORDER BY id LIMIT $1`,
        [BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      await this.seal(manager, rows);
      return rows.length;
    });
  }

  private async seal(manager: EntityManager, rows: StoredAuditEntryRow[]): Promise<void> {
    const chains = [...new Set(rows.map((r) => r.chain))].sort();
    await manager.query(
      `INSERT INTO audit_chain_heads (chain, seq, hash) SELECT unnest($1::text[]), 0, $2 ON CONFLICT (chain) DO NOTHING`,
      [chains, GENESIS_HASH],
    );
    const heads: { chain: string; seq: string; hash: string }[] = await manager.query(
      `SELECT chain, seq, hash FROM audit_chain_heads WHERE chain = ANY($1::text[]) ORDER BY chain FOR UPDATE`,
      [chains],
    );
    const head = new Map(heads.map((h) => [h.chain, { seq: Number(h.seq), hash: h.hash }]));

    const ids: string[] = [];
    const seqs: number[] = [];
    const prevHashes: string[] = [];
    const hashes: string[] = [];
    const now = Date.now();
    const lags: number[] = [];
    for (const row of rows) {
      const tip = head.get(row.chain)!;
      const seq = tip.seq + 1;
      const hash = hashEntry(tip.hash, contentOfRow(row, seq));
      ids.push(String(row.id));
      seqs.push(seq);
      prevHashes.push(tip.hash);
      hashes.push(hash);
      head.set(row.chain, { seq, hash });
      lags.push(Math.max(0, (now - row.recorded_at.getTime()) / 1000));
    }
    await manager.query(
      `UPDATE audit_entries e SET seq = s.seq, prev_hash = s.prev_hash, hash = s.hash, sealed_at = clock_timestamp()
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS s(id, seq, prev_hash, hash)
        WHERE e.id = s.id`,
      [ids, seqs, prevHashes, hashes],
    );
    await manager.query(
      `UPDATE audit_chain_heads h SET seq = s.seq, hash = s.hash
         FROM unnest($1::text[], $2::bigint[], $3::text[]) AS s(chain, seq, hash)
        WHERE h.chain = s.chain`,
      [chains, chains.map((c) => head.get(c)!.seq), chains.map((c) => head.get(c)!.hash)],
    );
    this.metrics?.auditSealed(lags);
  }
}
