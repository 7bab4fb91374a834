import type { ValidationError } from 'class-validator';
import { NOT_NULL } from '../validation/presence';
import { DomainError, FieldError } from './domain-error';

/** Flattens class-validator's tree into `a.b[0].c: reason` entries. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = error.constraints ?? {};
    // A null where a value is needed says so alone, not also every rule a null fails.
    const reasons = constraints[NOT_NULL] ? [constraints[NOT_NULL]] : Object.values(constraints);
    const own = reasons.map((reason) => ({ field, reason }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

export function validationException(errors: ValidationError[]): DomainError {
  return DomainError.validation(toFieldErrors(errors));
}
