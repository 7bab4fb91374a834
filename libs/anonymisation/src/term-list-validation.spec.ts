import { DomainError } from '@dhr/core';
import { validatedTerms } from './term-list-validation';

function fieldOf(input: unknown[]): unknown {
  try {
    validatedTerms(input);
    return null;
  } catch (error) {
    return (error as DomainError).body.fields;
  }
}

describe('validating a list of identifying terms', () => {
  it('trims and keeps the terms; an empty list is allowed', () => {
    expect(validatedTerms(['  Jane Smith ', 'Acacia Avenue'])).toEqual(['Jane Smith', 'Acacia Avenue']);
    expect(validatedTerms([])).toEqual([]);
  });

  it('names the offending entry', () => {
    expect(fieldOf(['a', '   '])).toEqual([{ field: 'terms[1]', reason: 'must not be empty' }]);
    expect(fieldOf(['a', 'b', 'c', 'x'.repeat(201)])).toEqual([{ field: 'terms[3]', reason: 'must be at most 200 characters' }]);
    expect(fieldOf(['a', 3])).toEqual([{ field: 'terms[1]', reason: 'must be a string' }]);
    expect(fieldOf(['a', 'b\u0000'])).toEqual([{ field: 'terms[1]', reason: 'must not contain NUL characters' }]);
    expect(fieldOf(['a', 'b\ud800'])).toEqual([{ field: 'terms[1]', reason: 'must be well-formed Unicode text' }]);
    expect(fieldOf(['...'])).toEqual([{ field: 'terms[0]', reason: 'must contain a letter or a digit' }]);
  });

  it('refuses duplicates after folding case, accents and spacing', () => {
    expect(fieldOf(['Zoë Smith', 'x', 'zoe  SMITH'])).toEqual([
      { field: 'terms[2]', reason: 'duplicates terms[0] (case, accents and spacing are ignored)' },
    ]);
  });

  it('refuses more than 500 terms', () => {
    expect(fieldOf(Array.from({ length: 501 }, (_, i) => `t${i}`))).toEqual([{ field: 'terms', reason: 'must have at most 500 terms' }]);
  });
});
