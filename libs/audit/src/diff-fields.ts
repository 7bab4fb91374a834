import type { FieldChanges } from './audit-entry';
import { canonicalJson } from './canonical-json';

/**
 * The fields whose values differ between `before` and `after` (deep comparison,
 * Dates by instant), as `{field: {before, after}}`. Missing values are recorded as
 * null so the stored JSON keeps both sides. `fields` limits (and orders) what is
 * compared, e.g. to leave out secrets such as a password hash.
 */
export function diffFields(before: object, after: object, fields?: string[]): FieldChanges {
  const from = before as Record<string, unknown>;
  const to = after as Record<string, unknown>;
  const names = fields ?? [...new Set([...Object.keys(from), ...Object.keys(to)])];
  const changes: FieldChanges = {};
  for (const name of names) {
    const was = from[name] ?? null;
    const now = to[name] ?? null;
    if (canonicalJson(was) !== canonicalJson(now)) changes[name] = { before: was, after: now };
  }
  return changes;
}
