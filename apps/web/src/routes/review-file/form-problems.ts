import { DomainError } from '@dhr/core';
import type { FieldWords } from '../../presenters/dto-errors';
import { formErrors } from '../../presenters/form-errors';

/**
 * The error summary and inline messages of a review-file form. A field's summary link goes to
 * its first input: a date input's day box (`firstInput` names those), else the field itself.
 */
export function errorsOf(problems: Record<string, string>, firstInput: Record<string, string> = {}) {
  const errors = formErrors(problems);
  return { ...errors, list: errors.list.map((e) => ({ ...e, href: `#${firstInput[e.href.slice(1)] ?? e.href.slice(1)}` })) };
}

/** The fields a lib's validation error names, worded for a person; null when it is not a validation error. */
export function libProblems(error: unknown, words: FieldWords): Record<string, string> | null {
  if (!(error instanceof DomainError) || error.code !== 'validation_failed') return null;
  const problems: Record<string, string> = {};
  for (const f of error.details.fields ?? []) problems[f.field] = words[f.field]?.('invalid') ?? `Check this answer: ${f.reason}`;
  return problems;
}
