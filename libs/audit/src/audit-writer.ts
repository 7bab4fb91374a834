import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditContent, AuditInput, SYSTEM_CHAIN } from './audit-entry';
import { GENESIS_HASH, hashEntry } from './audit-hash';
import { toJsonValue, wellFormed } from './canonical-json';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * Appends audit entries to a hash chain, inside the caller's transaction: the
 * entry commits or rolls back with the change it records.
 *
 * Appends to one chain are serialised by a row lock on its audit_chain_heads row,
 * held until the caller's transaction ends, so write the audit entry late in the
 * transaction. A transaction that writes to two chains should do so in a fixed
 * order (inTransaction retries the rare deadlock otherwise).
 */
@Injectable()
export class AuditWriter {
  async record(manager: EntityManager, entry: AuditInput): Promise<void> {
    // Outside a transaction the head lock would be released at once and the entry
    // could outlive a rolled-back change: refuse rather than write a false record.
    if (!manager.queryRunner?.isTransactionActive) throw new Error('AuditWriter.record must run inside the transaction it records');
    const draft = normalise(entry);
    const head = await this.lockHead(manager, draft.chain);
    const content: AuditContent = { ...draft, seq: head.seq + 1 };
    const hash = hashEntry(head.hash, content);
    await manager.query(
      `INSERT INTO audit_entries (chain, seq, recorded_at, actor_id, actor_role, action, review_id, entity, entity_id,
                                  changes, request_id, source_ip, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14)`,
      [
        content.chain,
        content.seq,
        entry.at,
        content.actorId,
        content.actorRole,
        content.action,
        content.reviewId,
        content.entity,
        content.entityId,
        content.changes === null ? null : JSON.stringify(content.changes),
        content.requestId,
        content.sourceIp,
        head.hash,
        hash,
      ],
    );
    await manager.query(`UPDATE audit_chain_heads SET seq = $2, hash = $3 WHERE chain = $1`, [content.chain, content.seq, hash]);
  }

  /** Locks the chain's head row (creating it on the chain's first entry) and returns it. */
  private async lockHead(manager: EntityManager, chain: string): Promise<ChainHead> {
    const select = () =>
      manager.query(`SELECT seq, hash FROM audit_chain_heads WHERE chain = $1 FOR UPDATE`, [chain]) as Promise<
        { seq: string; hash: string }[]
      >;
    let rows = await select();
    if (rows.length === 0) {
      // Two first entries racing: one inserts, the other waits for it and does nothing.
      await manager.query(`INSERT INTO audit_chain_heads (chain, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (chain) DO NOTHING`, [
        chain,
        GENESIS_HASH,
      ]);
      rows = await select();
    }
    return { seq: Number(rows[0].seq), hash: rows[0].hash };
  }
}

/** The content as it will read back from the row: what the hash must cover. */
function normalise(entry: AuditInput): Omit<AuditContent, 'seq'> {
  if (!(entry.at instanceof Date) || Number.isNaN(entry.at.getTime())) throw new Error('audit entry needs a valid `at` time');
  if (!entry.action) throw new Error('audit entry needs an action');
  return {
    chain: chainId(entry.chain),
    recordedAt: entry.at.toISOString(),
    actorId: uuidOrNull('actorId', entry.actorId),
    actorRole: textOrNull(entry.actorRole),
    action: wellFormed(entry.action),
    reviewId: uuidOrNull('reviewId', entry.reviewId),
    entity: textOrNull(entry.entity),
    entityId: textOrNull(entry.entityId),
    changes: entry.changes === undefined ? null : toJsonValue(entry.changes),
    requestId: textOrNull(entry.requestId),
    sourceIp: textOrNull(entry.sourceIp),
  };
}

function chainId(chain: string): string {
  if (chain === SYSTEM_CHAIN) return chain;
  if (!UUID.test(chain)) throw new Error(`audit chain must be a partnership id or '${SYSTEM_CHAIN}'`);
  return chain.toLowerCase(); // one chain per partnership, however the id was spelt
}

/** Postgres prints uuids in lower case; hash what it will print. */
function uuidOrNull(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!UUID.test(value)) throw new Error(`audit entry ${field} must be a uuid`);
  return value.toLowerCase();
}

function textOrNull(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : wellFormed(value);
}
