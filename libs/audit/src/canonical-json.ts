/** A value as it looks after a JSON round trip, which is what jsonb hands back. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * The value Postgres will give back for `value` once stored as jsonb: Dates become
 * ISO strings, undefined object keys vanish, NaN/undefined become null, and lone
 * surrogates become U+FFFD (the driver sends UTF-8). Hashing this form, not the
 * caller's object, is what lets the verifier recompute the same hash from the row.
 */
export function toJsonValue(value: unknown): JsonValue {
  const text = JSON.stringify(value);
  if (text === undefined) return null;
  return JSON.parse(text, (_key, item: unknown) => (typeof item === 'string' ? wellFormed(item) : item)) as JsonValue;
}

/**
 * Deterministic JSON: object keys sorted at every depth, no whitespace. The one
 * definition shared by the audit writer and verifier, so they cannot disagree.
 */
export function canonicalJson(value: unknown): string {
  return stringifySorted(toJsonValue(value));
}

/** A string exactly as it comes back from a text column (invalid UTF-16 replaced). */
export function wellFormed(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

function stringifySorted(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(stringifySorted).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stringifySorted(value[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}
