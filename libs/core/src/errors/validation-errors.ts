import type { ValidationError } from 'class-validator';
import { DomainError, FieldError } from './domain-error';

/** Flattens class-validator's tree into `a.b[0].c: reason` entries. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

export function validationException(errors: ValidationError[]): DomainError {
  return DomainError.validation(toFieldErrors(errors));
}
