import { AuditEntryRow, contentOfRow } from './audit-entry';
import { GENESIS_HASH, hashEntry } from './audit-hash';

export type ChainBreakReason = 'hash_mismatch' | 'broken_link' | 'gap';

/** Where a chain stops verifying. `id` is null when the entry is missing altogether (its tail was deleted). */
export interface ChainBreak {
  chain: string;
  seq: number;
  id: string | null;
  reason: ChainBreakReason;
}

/** A chain's head as recorded in audit_chain_heads: the seq and hash of its last entry. */
export interface ChainHeadRow {
  chain: string;
  seq: number;
  hash: string;
}

interface Tail {
  chain: string;
  seq: number;
  id: string;
  hash: string;
}

/**
 * Checks entries fed in (chain, seq) order, one at a time, so the verifier can
 * stream pages without holding them. Each entry must follow its predecessor
 * (seq + 1: else a row was deleted), name its hash (else a row was replaced),
 * and hash to its stored value (else it was edited). Each chain's last entry
 * must match its head (else the tail was deleted or rewritten).
 */
export class ChainWalk {
  private tail: Tail | null = null;
  private readonly seen = new Set<string>();
  entries = 0;

  constructor(private readonly heads: Map<string, ChainHeadRow>) {}

  /** The first problem at this entry, or null. */
  next(row: AuditEntryRow): ChainBreak | null {
    const content = contentOfRow(row);
    const at = (reason: ChainBreakReason): ChainBreak => ({ chain: row.chain, seq: content.seq, id: String(row.id), reason });
    if (this.tail && this.tail.chain !== row.chain) {
      const end = this.checkEnd(this.tail);
      if (end) return end;
      this.tail = null;
    }
    this.entries++;
    this.seen.add(row.chain);
    const expectedSeq = (this.tail?.seq ?? 0) + 1;
    const expectedPrev = this.tail?.hash ?? GENESIS_HASH;
    if (content.seq !== expectedSeq) return at('gap');
    // An entry beyond the head was not appended through the head lock.
    if (content.seq > (this.heads.get(row.chain)?.seq ?? 0)) return at('broken_link');
    if (row.prev_hash !== expectedPrev) return at('broken_link');
    if (hashEntry(row.prev_hash, content) !== row.hash) return at('hash_mismatch');
    this.tail = { chain: row.chain, seq: content.seq, id: String(row.id), hash: row.hash };
    return null;
  }

  /** After the last entry: the last chain's tail, and heads of chains whose entries are all gone. */
  finish(): ChainBreak | null {
    if (this.tail) {
      const end = this.checkEnd(this.tail);
      if (end) return end;
    }
    for (const head of this.heads.values()) {
      if (!this.seen.has(head.chain) && head.seq > 0) return { chain: head.chain, seq: 1, id: null, reason: 'gap' };
    }
    return null;
  }

  private checkEnd(tail: Tail): ChainBreak | null {
    const head = this.heads.get(tail.chain);
    if (head && head.seq > tail.seq) return { chain: tail.chain, seq: tail.seq + 1, id: null, reason: 'gap' };
    if (!head || head.hash !== tail.hash) return { chain: tail.chain, seq: tail.seq, id: tail.id, reason: 'broken_link' };
    return null;
  }
}
