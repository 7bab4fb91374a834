import { DECORATORS, type SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

/** A class whose properties carry class-validator decorators: a request DTO. */
export type ValidatedClass = abstract new (...args: never[]) => object;

export interface ValidatedSchema {
  properties: Record<string, SchemaObject>;
  required: string[];
  /** Validators with no mapping below: the unit spec fails on any, so a new one is mapped rather than lost. */
  unmapped: string[];
}

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

type Facet = (schema: SchemaObject, constraints: unknown[]) => void;

const stringFormat =
  (format: string): Facet =>
  (s) => {
    s.type = 'string';
    s.format = format;
  };

/**
 * What each validator says about the value, in JSON Schema terms. The validators are the
 * truth (they decide what the API accepts), so the document is derived from them rather than
 * repeated beside them. Names are class-validator's own, plus the project's custom ones.
 */
function dateOrDateTime(s: Parameters<Facet>[0]): void {
  s.type = 'string';
  s.anyOf = [{ format: 'date' }, { format: 'date-time' }];
}

const FACETS: Record<string, Facet> = {
  isString: (s) => void (s.type = 'string'),
  isBoolean: (s) => void (s.type = 'boolean'),
  isInt: (s) => void (s.type = 'integer'),
  isNumber: (s) => void (s.type = s.type === 'integer' ? 'integer' : 'number'),
  isArray: (s) => void (s.type = 'array'),
  isUuid: stringFormat('uuid'),
  isEmail: stringFormat('email'),
  isUrl: stringFormat('uri'),
  isIsoDateTime: stringFormat('date-time'),
  isMeetingTime: stringFormat('date-time'),
  isIsoDate: stringFormat('date'),
  // A date (due at 5pm London that day; or the day a fact happened) or a date-time: both ISO strings.
  isDueDate: dateOrDateTime,
  isDateOrDateTime: dateOrDateTime,
  isIn: (s, [values]) => {
    const list = values as unknown[];
    s.enum = [...list];
    s.type = list.every((v) => typeof v === 'number') ? 'number' : 'string';
  },
  minLength: (s, [n]) => void (s.minLength = n as number),
  maxLength: (s, [n]) => void (s.maxLength = n as number),
  matches: (s, [pattern]) => void (s.pattern = pattern instanceof RegExp ? pattern.source : String(pattern)),
  min: (s, [n]) => void (s.minimum = n as number),
  max: (s, [n]) => void (s.maximum = n as number),
  arrayMinSize: (s, [n]) => void (s.minItems = n as number),
  arrayMaxSize: (s, [n]) => void (s.maxItems = n as number),
  arrayUnique: (s) => void (s.uniqueItems = true),
  // Checked in the service against the rest of the body (password policy, cross-field rules): no schema facet.
  meetsPasswordPolicy: () => undefined,
  // @OptionalNotNull / @OptionalNullable (libs/core presence): whether null is taken (and clears the field).
  notNull: () => undefined,
  isNullable: (s) => void (s.nullable = true),
};

/** `@IsOptional()` and `@ValidateIf(value !== undefined)`: the field may be left out. */
const OPTIONAL = new Set(['isOptional', 'conditionalValidation']);

/**
 * The JSON schema of each validated property of a class (its own and inherited), with the
 * description given by `@ApiProperty`, and which properties are required.
 */
export function schemaFromValidators(target: ValidatedClass): ValidatedSchema {
  const metadata: ValidationMetadata[] = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const m of metadata) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);

  const properties: Record<string, SchemaObject> = {};
  const required: string[] = [];
  const unmapped: string[] = [];
  for (const [property, rules] of byProperty) {
    const schema: SchemaObject = {};
    const items: SchemaObject = {};
    let optional = false;
    // Registered bottom-up; apply top-down so a type from @IsInt is not undone by an earlier generic facet.
    for (const rule of [...rules].reverse()) {
      if (rule.type === 'conditionalValidation' || (rule.name !== undefined && OPTIONAL.has(rule.name))) {
        optional = true;
        continue;
      }
      if (rule.type !== 'customValidation' || !rule.name) continue;
      const facet = FACETS[rule.name];
      if (!facet) {
        unmapped.push(`${target.name}.${property}: ${rule.name}`);
        continue;
      }
      facet(rule.each ? items : schema, rule.constraints ?? []);
    }
    if (Object.keys(items).length > 0) {
      schema.type = 'array';
      schema.items = items;
    }
    const description = apiPropertyDescription(target, property);
    if (description) schema.description = description;
    properties[property] = schema;
    if (!optional) required.push(property);
  }
  return { properties, required, unmapped };
}

function apiPropertyDescription(target: ValidatedClass, property: string): string | undefined {
  const meta = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, target.prototype as object, property) as
    { description?: string } | undefined;
  return meta?.description;
}
