import { registerDecorator, ValidateIf } from 'class-validator';

/**
 * Whether a request field may be left out, and what `null` means for it. class-validator's own
 * `@IsOptional()` lets `null` through as well as a missing field, so a `null` reached code that
 * expected a string (a 500). Every optional field of a request DTO says which it is instead:
 *
 * - `@OptionalNotNull()`: may be left out; when given it is validated, and `null` is a 400
 *   "must not be null" naming the field (reported alone, not with every rule a null also fails);
 * - `@OptionalNullable()`: may be left out or `null`, and `null` clears it, as the contract says
 *   (the OpenAPI document marks it nullable); any other value is validated.
 */

/** The constraint a `null` fails where a field may not be cleared; `toFieldErrors` reports it alone. */
export const NOT_NULL = 'notNull';
/** A marker (never fails) so the OpenAPI document can say the field takes `null`. */
export const IS_NULLABLE = 'isNullable';

export function OptionalNotNull(): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    const propertyName = String(property);
    ValidateIf((_object: object, value: unknown) => value !== undefined)(target, propertyName);
    registerDecorator({
      name: NOT_NULL,
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must not be null (leave it out instead)` },
      validator: { validate: (value: unknown) => value !== null },
    });
  };
}

export function OptionalNullable(): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    const propertyName = String(property);
    ValidateIf((_object: object, value: unknown) => value !== undefined && value !== null)(target, propertyName);
    registerDecorator({ name: IS_NULLABLE, target: target.constructor, propertyName, validator: { validate: () => true } });
  };
}
