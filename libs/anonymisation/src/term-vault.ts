import { createHmac, hkdfSync } from 'node:crypto';
import { open, seal, Sealed } from '@dhr/documents';
import { foldTerm } from './term-folding';

/**
 * Identifying terms at rest: the list is sealed with the documents key (AES-256-GCM) together with
 * its review's id, so a row copied to another review does not open; acceptances name a term only by
 * an HMAC of its folded form, under a key derived from the documents key.
 */
export class TermVault {
  private readonly hashKey: Buffer;

  constructor(private readonly key: Buffer) {
    this.hashKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'dhr identifying-term hash v1', 32));
  }

  seal(reviewId: string, terms: readonly string[]): Sealed {
    return seal(this.key, Buffer.from(JSON.stringify({ reviewId, terms }), 'utf8'));
  }

  /** The terms, or null when the row does not open (tampered, wrong key, or another review's). */
  open(reviewId: string, sealed: Sealed): string[] | null {
    const plaintext = open(this.key, sealed);
    if (!plaintext) return null;
    const parsed = JSON.parse(plaintext.toString('utf8')) as { reviewId?: unknown; terms?: unknown };
    if (parsed.reviewId !== reviewId || !Array.isArray(parsed.terms)) return null;
    return parsed.terms.filter((t): t is string => typeof t === 'string');
  }

  /** HMAC-SHA256 (hex) of the folded term: the same for every spelling the check treats as equal. */
  hash(term: string): string {
    return createHmac('sha256', this.hashKey).update(foldTerm(term), 'utf8').digest('hex');
  }
}
