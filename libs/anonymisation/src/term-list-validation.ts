import { DomainError, findInputProblem } from '@dhr/core';
import { MAX_TERM_LENGTH, MAX_TERMS } from './identifying-terms.dto';
import { foldTerm } from './term-folding';

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * The list as it will be stored: each term trimmed, 1..200 characters, with a letter or digit (a term of
 * punctuation would match everywhere), and no two alike once folded ("Zoë" and "zoe" are one term).
 * A 400 names the offending entry, e.g. `terms[3]`.
 */
export function validatedTerms(input: unknown[]): string[] {
  if (input.length > MAX_TERMS) throw DomainError.field('terms', `must have at most ${MAX_TERMS} terms`);
  const seen = new Map<string, number>();
  return input.map((value, i) => {
    const field = `terms[${i}]`;
    if (typeof value !== 'string') throw DomainError.field(field, 'must be a string');
    const problem = findInputProblem(value, field);
    if (problem) throw DomainError.field(problem.field, problem.reason);
    const term = value.trim();
    if (term.length === 0) throw DomainError.field(field, 'must not be empty');
    if (term.length > MAX_TERM_LENGTH) throw DomainError.field(field, `must be at most ${MAX_TERM_LENGTH} characters`);
    const folded = foldTerm(term);
    if (!LETTER_OR_DIGIT.test(folded)) throw DomainError.field(field, 'must contain a letter or a digit');
    const earlier = seen.get(folded);
    if (earlier !== undefined) throw DomainError.field(field, `duplicates terms[${earlier}] (case, accents and spacing are ignored)`);
    seen.set(folded, i);
    return term;
  });
}
