import { randomUUID } from 'node:crypto';

/** A named bad value for a body field; `absent` means the field is left out. */
export interface BadValue {
  name: string;
  value?: unknown;
  absent?: true;
}

const v = (name: string, value: unknown): BadValue => ({ name, value });

/** The kind of a field decides which bad values are tried beyond the common ones. */
export type FieldKind = 'uuid' | 'uuids' | 'datetime' | 'date' | 'text' | 'enum' | 'int' | 'url' | 'email' | 'password' | 'code';

/** Wrong JSON types: every field gets these. */
export const WRONG_TYPES: BadValue[] = [
  v('number', 42),
  v('true', true),
  v('empty array', []),
  v('array of string', ['x']),
  v('empty object', {}),
  v('nested object', { nested: { $gt: '' } }),
  v('null', null),
];

export const HUGE = 'x'.repeat(100_000);

/** Strings that are hostile whatever the field: every field gets these. */
export const HOSTILE_STRINGS: BadValue[] = [
  v('empty string', ''),
  v('sql', "' OR 1=1 --"),
  v('script', '<script>alert(1)</script>'),
  v('template', '${7*7}{{7*7}}'),
  v('nul', '\u0000'),
  v('lone surrogate', '\ud800'),
  v('path traversal', '../../../etc/passwd'),
  v('100 kB', HUGE),
];

/** Per kind; `ids` supplies real ids that are wrong here (another partnership's, another kind of thing). */
export function kindValues(kind: FieldKind, ids: { foreignAgencyId: string; userId: string }): BadValue[] {
  switch (kind) {
    case 'uuid':
      return [
        v('not a uuid', 'not-a-uuid'),
        v('nil uuid', '00000000-0000-0000-0000-000000000000'),
        v('unknown uuid', randomUUID()),
        v('uuid too long', `${randomUUID()}0`),
        v('uuid with spaces', ` ${randomUUID()} `),
        v('another partnership’s agency', ids.foreignAgencyId),
        v('a user id', ids.userId),
      ];
    case 'uuids':
      return [
        v('array with a non-uuid', [randomUUID(), 'not-a-uuid']),
        v('array with a number', [7]),
        v('array with null', [null]),
        v('duplicates', Array(2).fill(ids.foreignAgencyId)),
        v(
          '21 ids',
          Array.from({ length: 21 }, () => randomUUID()),
        ),
        v('array of arrays', [[randomUUID()]]),
        v('another partnership’s agency', [ids.foreignAgencyId]),
      ];
    case 'datetime':
      return [
        v('30 February', '2026-02-30T10:00:00Z'),
        v('yesterday', 'yesterday'),
        v('far future', '9999-12-31T23:59:59Z'),
        v('before the death', '2000-01-01T00:00:00Z'),
        v('date only', '2026-01-01'),
        v('no offset', '2026-01-01T10:00:00'),
        v('expanded year', '+275760-09-13T00:00:00Z'),
        v('hour 25', '2026-01-01T25:00:00Z'),
        v('epoch millis', 1_700_000_000_000),
      ];
    case 'date':
      return [
        v('30 February', '2026-02-30'),
        v('month 13', '2026-13-01'),
        v('yesterday', 'yesterday'),
        v('zeros', '0000-00-00'),
        v('compact', '20260101'),
        v('unpadded', '2026-1-1'),
        v('date-time', '2026-01-01T00:00:00Z'),
        v('far future', '9999-12-31'),
      ];
    case 'text':
      return [v('over 4000 characters', 'y'.repeat(4001)), v('only whitespace', '   ')];
    case 'enum':
      return [v('wrong case', 'APPROVED'), v('unknown', 'nope'), v('padded', ' approved ')];
    case 'int':
      return [
        v('zero', 0),
        v('minus one', -1),
        v('fraction', 1.5),
        v('numeric string', '1'),
        v('beyond 2^53', 2 ** 53 + 2),
        v('1e308', 1e308),
      ];
    case 'url':
      return [
        v('javascript url', 'javascript:alert(1)'),
        v('ftp url', 'ftp://example.org/x'),
        v('scheme only', 'https://'),
        v('not a url', 'not a url'),
        v('url over 2000', `https://example.org/${'a'.repeat(2100)}`),
      ];
    case 'email':
      return [
        v('no at', 'not-an-email'),
        v('two ats', 'a@b@example.org'),
        v('email with nul', 'a\u0000@example.org'),
        v('over 254', `${'a'.repeat(250)}@example.org`),
      ];
    case 'password':
      return [v('over 256', 'p'.repeat(257)), v('short', 'short')];
    case 'code':
      return [v('lower case', 'abcd'), v('too long', 'ABCDEFGHIJKLM'), v('one char', 'A'), v('with dash', 'AB-CD')];
  }
}

/** Every bad value for a field of this kind, and leaving it out. */
export function badValuesFor(kind: FieldKind, ids: { foreignAgencyId: string; userId: string }): BadValue[] {
  return [{ name: 'missing', absent: true }, ...WRONG_TYPES, ...HOSTILE_STRINGS, ...kindValues(kind, ids)];
}

/** The body with one field replaced (or removed). */
export function mutate(body: Record<string, unknown>, field: string, bad: BadValue): Record<string, unknown> {
  const copy = { ...body };
  if (bad.absent) delete copy[field];
  else copy[field] = bad.value;
  return copy;
}

/** Field names that are not in any DTO; some are dangerous to naive code (prototype keys). */
export const UNKNOWN_FIELDS = [
  'hasOwnProperty',
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'isAdmin',
  'stage',
  'version',
  'actorId',
  'snapshot',
  '',
  '$where',
  'z'.repeat(300),
];

/** A body with an extra own property `name` (works for `__proto__` too: JSON.parse makes it an own property, and spreading keeps it). */
export function withUnknownField(
  body: Record<string, unknown>,
  name: string,
  value: unknown = { polluted: true },
): Record<string, unknown> {
  const extra = JSON.parse(`{${JSON.stringify(name)}:${JSON.stringify(value)}}`) as Record<string, unknown>;
  return { ...body, ...extra };
}

/** Raw bodies that are not the JSON object an endpoint wants. */
export function malformedBodies(deepDepths: number[]): { name: string; body: string }[] {
  const deep = (depth: number) => `{"type":"CLOSE","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  const deepObject = (depth: number) => `{"type":"CLOSE","x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
  return [
    { name: 'truncated', body: '{"type": ' },
    { name: 'lone brace', body: '{' },
    { name: 'trailing comma', body: '{"type":"CLOSE",}' },
    { name: 'single quotes', body: "{'type':'CLOSE'}" },
    { name: 'json null', body: 'null' },
    { name: 'json string', body: '"CLOSE"' },
    { name: 'json number', body: '42' },
    { name: 'json true', body: 'true' },
    { name: 'json array', body: '[{"type":"CLOSE"}]' },
    { name: 'empty', body: '' },
    { name: 'nul byte', body: '\u0000' },
    { name: 'bom then object', body: '\ufeff{"type":"CLOSE"}' },
    { name: 'duplicate keys', body: '{"type":"CLOSE","type":"BEGIN_DRAFTING"}' },
    { name: '__proto__ key', body: '{"type":"CLOSE","__proto__":{"isAdmin":true,"role":"admin"}}' },
    { name: 'constructor.prototype', body: '{"type":"CLOSE","constructor":{"prototype":{"polluted":true}}}' },
    { name: 'NaN literal', body: '{"type":"CLOSE","expectedVersion":NaN}' },
    { name: 'comment', body: '{"type":"CLOSE" /* hi */}' },
    { name: 'escaped nul in key', body: '{"ty\\u0000pe":"CLOSE"}' },
    ...deepDepths.map((d) => ({ name: `array nested ${d} deep`, body: deep(d) })),
    ...deepDepths.map((d) => ({ name: `object nested ${d} deep`, body: deepObject(d) })),
    { name: 'over 1 MB', body: JSON.stringify({ type: 'CLOSE', reason: 'x'.repeat(1_100_000) }) },
  ];
}
