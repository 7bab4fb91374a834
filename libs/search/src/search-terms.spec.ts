import { DomainError } from '@dhr/core';
import { searchPage, searchTerms } from './search-terms';

const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as DomainError).details.fields?.[0]?.field;
  }
  return null;
};

describe('search terms and pages', () => {
  it('trims the terms and collapses inner spaces', () => {
    expect(searchTerms('  Adult   A ')).toBe('Adult A');
  });

  it('refuses empty, too long, non-text or control characters, naming q', () => {
    for (const bad of [undefined, null, '', '   ', 'x'.repeat(201), 42, ['a'], 'a\u0000b'])
      expect([bad, fieldOf(() => searchTerms(bad))]).toEqual([bad, 'q']);
    expect(searchTerms('x'.repeat(200))).toHaveLength(200);
  });

  it('reads limit and offset, with defaults, naming the one out of range', () => {
    expect(searchPage(undefined, undefined)).toEqual({ limit: 20, offset: 0 });
    expect(searchPage('5', 10)).toEqual({ limit: 5, offset: 10 });
    expect(fieldOf(() => searchPage('0', undefined))).toBe('limit');
    expect(fieldOf(() => searchPage('101', undefined))).toBe('limit');
    expect(fieldOf(() => searchPage(undefined, '-1'))).toBe('offset');
    expect(fieldOf(() => searchPage(undefined, '1.5'))).toBe('offset');
  });
});
