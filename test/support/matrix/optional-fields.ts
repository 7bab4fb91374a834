import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';

/** A request DTO class. */
export type DtoClass = abstract new (...args: never[]) => object;

/** An optional field of a body, by its path as a 400 names it (`documents.overviewReport`), and whether null clears it. */
export interface OptionalField {
  path: string[];
  clearable: boolean;
}

/**
 * Every field of a DTO that may be left out (its own, inherited and, one level down, those of a
 * nested DTO the base body fills in), read from the validators themselves: whatever a new DTO or
 * field adds is swept without a list to keep. `clearable`: it takes null (the contract says null clears it).
 */
export function optionalFields(dto: DtoClass, base: Record<string, unknown> = {}, prefix: string[] = []): OptionalField[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byProperty = new Map<string, typeof metadata>();
  for (const m of metadata) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  const out: OptionalField[] = [];
  for (const [property, rules] of byProperty) {
    const optional = rules.some((r) => r.type === 'conditionalValidation' || r.name === 'isOptional');
    if (optional) out.push({ path: [...prefix, property], clearable: rules.some((r) => r.name === 'isNullable') });
    const nested = Reflect.getMetadata('design:type', dto.prototype, property) as DtoClass | undefined;
    const value = base[property];
    if (nested && rules.some((r) => r.type === 'nestedValidation') && value && typeof value === 'object' && !Array.isArray(value))
      out.push(...optionalFields(nested, value as Record<string, unknown>, [...prefix, property]));
  }
  return out;
}

/** The body with the field at `path` set to null (nested objects copied, not shared). */
export function withNull(body: Record<string, unknown>, path: string[]): Record<string, unknown> {
  const [head, ...rest] = path;
  const copy = { ...body };
  copy[head] = rest.length === 0 ? null : withNull((body[head] ?? {}) as Record<string, unknown>, rest);
  return copy;
}
