import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AUDIT_ENTRY_COLUMNS, AuditEntryRow } from './audit-entry';
import { AuditSealer } from './audit-sealer';
import { ChainBreak, ChainHeadRow, ChainWalk } from './chain-walk';

/** Committed entries not yet sealed into their chain (the sealer runs a moment after commit). */
export interface UnsealedEntries {
  entries: number;
  /** Seconds since the oldest of them was recorded; null when there are none. */
  oldestSeconds: number | null;
}

export interface AuditVerification {
  ok: boolean;
  /** Sealed entries checked: all of them when ok, up to and including the broken one otherwise. */
  entries: number;
  firstBrokenAt?: ChainBreak;
  /** What could not be checked yet: normally none, as verify seals first. */
  unsealed: UnsealedEntries;
}

const PAGE_SIZE = 500;

/** Seals what is committed, then recomputes the hash chains from the stored rows and reports the first broken entry. */
@Injectable()
export class AuditVerifier {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sealer: AuditSealer,
  ) {}

  /** Every chain, or just one (a partnership id or 'system'). */
  async verify(chain?: string): Promise<AuditVerification> {
    const only = chain?.toLowerCase(); // partnership ids are stored in lower case
    // What is read next should be sealed; a connection that may not write (a read-only
    // replica or role) still verifies what is sealed and counts the rest.
    await this.sealer.sealNow().catch(() => undefined);
    // One snapshot for heads and every page, so appends committing meanwhile
    // cannot look like a head that ran ahead of its entries.
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const unsealed = await this.unsealed(manager, only);
      const walk = new ChainWalk(await this.heads(manager, only));
      let after = { chain: '', seq: 0 };
      for (;;) {
        const page = await this.page(manager, only, after);
        for (const row of page) {
          const broken = walk.next(row);
          if (broken) return { ok: false, entries: walk.entries, firstBrokenAt: broken, unsealed };
        }
        if (page.length < PAGE_SIZE) break;
        const last = page[page.length - 1];
        after = { chain: last.chain, seq: Number(last.seq) };
      }
      const broken = walk.finish();
      return broken ? { ok: false, entries: walk.entries, firstBrokenAt: broken, unsealed } : { ok: true, entries: walk.entries, unsealed };
    });
  }

  private async unsealed(manager: EntityManager, chain: string | undefined): Promise<UnsealedEntries> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS entries, extract(epoch FROM clock_timestamp() - min(recorded_at))::float8 AS oldest
         FROM audit_entries WHERE seq IS NULL AND ($1::text IS NULL OR chain = $1)`,
      [chain ?? null],
    )) as { entries: number; oldest: number | null }[];
    return { entries: row.entries, oldestSeconds: row.oldest === null ? null : Math.max(0, Math.round(row.oldest * 1000) / 1000) };
  }

  private async heads(manager: EntityManager, chain: string | undefined): Promise<Map<string, ChainHeadRow>> {
    const rows: { chain: string; seq: string; hash: string }[] = await manager.query(
      `SELECT chain, seq, hash FROM audit_chain_heads WHERE $1::text IS NULL OR chain = $1`,
      [chain ?? null],
    );
    return new Map(rows.map((r) => [r.chain, { chain: r.chain, seq: Number(r.seq), hash: r.hash }]));
  }

  /** Keyset pagination on the (chain, seq) unique index: constant memory, no OFFSET scans. */
  private page(manager: EntityManager, chain: string | undefined, after: { chain: string; seq: number }): Promise<AuditEntryRow[]> {
    const oneChain = chain === undefined ? '' : 'AND chain = $4';
    return manager.query(
      `SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_entries
        WHERE (chain, seq) > ($1, $2) AND seq IS NOT NULL ${oneChain}
        ORDER BY chain, seq LIMIT $3`,
      chain === undefined ? [after.chain, after.seq, PAGE_SIZE] : [after.chain, after.seq, PAGE_SIZE, chain],
    );
  }
}
