import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditContent, AuditInput, SYSTEM_CHAIN } from './audit-entry';
import { toJsonValue, wellFormed } from './canonical-json';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Appends audit entries inside the caller's transaction: the entry commits or rolls
 * back with the change it records.
 *
 * The entry is inserted unsealed, with no lock beyond its own new row, so requests
 * never wait on one another to audit; AuditSealer links it into its partnership's hash
 * chain a moment after commit.
 */
@Injectable()
export class AuditWriter {
  async record(manager: EntityManager, entry: AuditInput): Promise<void> {
    // Outside a transaction the entry could outlive a rolled-back change: refuse rather than write a false record.
    if (!manager.queryRunner?.isTransactionActive) throw new Error('AuditWriter.record must run inside the transaction it records');
    const content = normalise(entry);
    await manager.query(
      `INSERT INTO audit_entries (chain, recorded_at, actor_id, actor_role, action, review_id, entity, entity_id,
                                  changes, request_id, source_ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
      [
        content.chain,
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
      ],
    );
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
