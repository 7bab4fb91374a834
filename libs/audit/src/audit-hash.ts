import { createHash } from 'node:crypto';
import type { AuditContent } from './audit-entry';
import { canonicalJson } from './canonical-json';

/** prev_hash of the first entry of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** sha256(prev_hash + canonical JSON of the entry's content), hex: links each entry to the one before. */
export function hashEntry(prevHash: string, content: AuditContent): string {
  return createHash('sha256')
    .update(prevHash + canonicalJson(content), 'utf8')
    .digest('hex');
}
