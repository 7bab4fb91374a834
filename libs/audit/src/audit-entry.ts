import type { JsonValue } from './canonical-json';

/** The before and after of one changed field. */
export interface FieldChange {
  before: unknown;
  after: unknown;
}

export type FieldChanges = Record<string, FieldChange>;

/** The 'system' chain holds what belongs to no partnership (admin actions, logins of unknown users). */
export const SYSTEM_CHAIN = 'system';

/** What a caller records; `at` comes from the injected Clock, like every other timestamp. */
export interface AuditInput {
  /** Partnership id, or SYSTEM_CHAIN for things outside any partnership. */
  chain: string;
  actorId: string | null;
  actorRole: string | null;
  /** e.g. 'review.create', 'review.event', 'review.read', 'auth.login_failed', 'user.create'. */
  action: string;
  reviewId?: string | null;
  entity?: string;
  entityId?: string;
  changes?: FieldChanges;
  requestId?: string | null;
  sourceIp?: string | null;
  at: Date;
}

/** Exactly the fields the hash covers, in their stored (JSON round-tripped) form. */
export interface AuditContent {
  chain: string;
  seq: number;
  recordedAt: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  reviewId: string | null;
  entity: string | null;
  entityId: string | null;
  changes: JsonValue;
  requestId: string | null;
  sourceIp: string | null;
}

/** A sealed audit_entries row as the pg driver returns it (bigint as string, jsonb parsed). */
export interface AuditEntryRow {
  id: string;
  chain: string;
  seq: string;
  recorded_at: Date;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  review_id: string | null;
  entity: string | null;
  entity_id: string | null;
  changes: JsonValue;
  request_id: string | null;
  source_ip: string | null;
  prev_hash: string;
  hash: string;
}

/** Any audit_entries row: seq, prev_hash and hash are null until the sealer links the entry into its chain. */
export type StoredAuditEntryRow = Omit<AuditEntryRow, 'seq' | 'prev_hash' | 'hash'> & {
  seq: string | null;
  prev_hash: string | null;
  hash: string | null;
};

export const AUDIT_ENTRY_COLUMNS =
  'id, chain, seq, recorded_at, actor_id, actor_role, action, review_id, entity, entity_id, changes, request_id, source_ip, prev_hash, hash';

/**
 * One entry as shown to a coordinator or exported; carries the hashes so an export can be checked on its own.
 * seq, prevHash and hash are null while the entry is not yet sealed into its chain (a moment after commit).
 */
export interface AuditEntryView extends Omit<AuditContent, 'seq'> {
  id: string;
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
}

/** The content the hash covers: the row's own seq, or the one the sealer is giving it. */
export function contentOfRow(row: Omit<StoredAuditEntryRow, 'prev_hash' | 'hash'>, seq = Number(row.seq)): AuditContent {
  return {
    chain: row.chain,
    seq,
    recordedAt: row.recorded_at.toISOString(),
    actorId: row.actor_id,
    actorRole: row.actor_role,
    action: row.action,
    reviewId: row.review_id,
    entity: row.entity,
    entityId: row.entity_id,
    changes: row.changes,
    requestId: row.request_id,
    sourceIp: row.source_ip,
  };
}

export function viewOfRow(row: StoredAuditEntryRow): AuditEntryView {
  const seq = row.seq === null ? null : Number(row.seq);
  return { id: String(row.id), ...contentOfRow(row), seq, prevHash: row.prev_hash, hash: row.hash };
}
