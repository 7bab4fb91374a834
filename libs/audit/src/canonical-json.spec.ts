import { canonicalJson, toJsonValue } from './canonical-json';

describe('canonicalJson', () => {
  it('is the same whatever order keys were added in, at every depth', () => {
    const a = { b: 1, a: { y: [1, { q: true, p: null }], x: 'x' } };
    const b = { a: { x: 'x', y: [1, { p: null, q: true }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"x","y":[1,{"p":null,"q":true}]},"b":1}');
  });

  it('keeps array order', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('writes dates as ISO strings, as they read back from jsonb', () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 2, 29, 1, 0, 0)) })).toBe('{"at":"2026-03-29T01:00:00.000Z"}');
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 2, 29, 1)) })).toBe(canonicalJson({ at: '2026-03-29T01:00:00.000Z' }));
  });

  it('drops undefined keys and nulls undefined array items, like a JSON round trip', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, Number.NaN] })).toBe('{"b":[null,null]}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('agrees with what jsonb returns for the same value', () => {
    const value = { z: 'ünïcødé "quoted"\n', n: 0.1, big: 1e21, tiny: 1e-7, nested: { list: [] } };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });

  it('replaces lone surrogates as the text columns will', () => {
    expect(toJsonValue({ s: 'a\ud800b' })).toEqual({ s: 'a\ufffdb' });
  });
});
