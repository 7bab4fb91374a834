import { DomainError } from '@dhr/core';

/** Longest search accepted: a reference, a name or a few words, not a pasted paragraph. */
export const MAX_TERMS_LENGTH = 200;

/** The terms as searched (trimmed, inner spaces collapsed); a 400 naming `q` when empty, too long or not text. */
export function searchTerms(q: unknown): string {
  if (q === undefined || q === null || (typeof q === 'string' && q.trim() === '')) throw DomainError.field('q', 'enter what to search for');
  if (typeof q !== 'string') throw DomainError.field('q', 'must be text');
  const terms = q.trim().replace(/\s+/g, ' ');
  if (terms.length > MAX_TERMS_LENGTH) throw DomainError.field('q', `must be ${MAX_TERMS_LENGTH} characters or fewer`);
  // Control characters (a NUL breaks Postgres text) are not search terms.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
  if (/[\u0000-\u001f\u007f]/.test(terms)) throw DomainError.field('q', 'must not contain control characters');
  return terms;
}

/** Which page of results: 1-based, 1 to 100 results each. */
export interface SearchPage {
  limit: number;
  offset: number;
}

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 100;

/** limit/offset from a query string or body; a 400 naming the field when not a whole number in range. */
export function searchPage(limit: unknown, offset: unknown): SearchPage {
  return {
    limit: wholeNumber('limit', limit, DEFAULT_SEARCH_LIMIT, 1, MAX_SEARCH_LIMIT),
    offset: wholeNumber('offset', offset, 0, 0, 1_000_000),
  };
}

function wholeNumber(field: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^[0-9]{1,7}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw DomainError.field(field, `must be a whole number from ${min} to ${max}`);
  return n;
}
