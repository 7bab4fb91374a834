/**
 * Keys whose values are personal data, secrets or free text (which may hold
 * either): never written to a log, at whatever depth they appear. Matching is
 * by key name, case-sensitive, as pino's redaction is.
 */
export const REDACTED_KEYS: readonly string[] = [
  // people and credentials
  'email',
  'name',
  'password',
  'passwordHash',
  'token',
  'accessToken',
  'authorization',
  'cookie',
  'set-cookie',
  // the subjects of a review
  'victimPseudonym',
  'perpetratorPseudonym',
  // free text a user typed
  'rationale',
  'reason',
  'notes',
  'note',
  'description',
  'body',
  // search terms (GET /api/search?q=, POST /api/search {q}): may be a name
  'q',
  'terms',
];

export const REDACTED = '[Redacted]';

/** How deep (counting from the log record's top level) pino's `redact` paths reach. */
const PATH_DEPTH = 4;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * pino `redact` paths for every key in REDACTED_KEYS at the top level and under
 * up to PATH_DEPTH wildcard levels (`email`, `*.email`, `*.*.email`, …): pino's
 * path syntax has no "any depth", so `scrubDeep` covers deeper log objects.
 */
export function redactPaths(keys: readonly string[] = REDACTED_KEYS): string[] {
  const paths: string[] = [];
  for (const key of keys) {
    for (let depth = 0; depth <= PATH_DEPTH; depth++) {
      const wildcards = Array.from({ length: depth }, () => '*').join('.');
      if (IDENTIFIER.test(key)) paths.push(depth === 0 ? key : `${wildcards}.${key}`);
      else paths.push(`${wildcards}["${key}"]`);
    }
  }
  return paths;
}

const SENSITIVE = new Set(REDACTED_KEYS);
const MAX_DEPTH = 12;

/**
 * A copy of a log object with every sensitive key's value replaced, at any
 * depth. Only plain objects and arrays are walked: errors, dates and streams go
 * to pino's serializers untouched. The input is never modified.
 */
export function scrubDeep<T>(value: T, depth = 0): T {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth + 1)) as T;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = SENSITIVE.has(key) ? REDACTED : scrubDeep(item, depth + 1);
  return copy as T;
}
