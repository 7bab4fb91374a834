import type { INestApplication } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DECORATORS, type OpenAPIObject, type ParameterObject, type SchemaObject } from '@nestjs/swagger';
import { schemaFromValidators, ValidatedClass } from './validator-schema';

/** A handler's body and query DTO classes, by the operationId its `@ApiOperation` gives it. */
interface HandlerDtos {
  operationId: string;
  body: ValidatedClass[];
  query: ValidatedClass[];
}

/**
 * Completes the request schemas Nest built from `@ApiProperty` with what the validators enforce
 * (formats such as uuid, date-time and date, lengths, integer types, ranges), so the document says
 * exactly what a 400 is given for without every DTO repeating it. `@ApiProperty` wins where both speak.
 */
export function completeRequestSchemas(app: INestApplication, document: OpenAPIObject): void {
  const operations = new Map(
    Object.values(document.paths).flatMap((item) =>
      Object.values(item)
        .filter((op): op is { operationId: string; parameters?: ParameterObject[] } => typeof op?.operationId === 'string')
        .map((op) => [op.operationId, op] as const),
    ),
  );
  const schemas = document.components?.schemas ?? {};
  for (const handler of handlerDtos(app)) {
    for (const dto of handler.body) {
      const schema = schemas[dto.name] as SchemaObject | undefined;
      if (schema && !('$ref' in schema)) completeObject(schema, dto);
    }
    const parameters = operations.get(handler.operationId)?.parameters ?? [];
    for (const dto of handler.query) {
      const derived = schemaFromValidators(dto).properties;
      for (const parameter of parameters) {
        if (parameter.in === 'query' && derived[parameter.name])
          parameter.schema = merge((parameter.schema ?? {}) as SchemaObject, derived[parameter.name]);
      }
    }
  }
}

function completeObject(schema: SchemaObject, dto: ValidatedClass): void {
  const derived = schemaFromValidators(dto);
  schema.properties ??= {};
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(derived.properties)) {
    const existing = schema.properties[name] as SchemaObject | undefined;
    if (existing && '$ref' in existing) continue;
    if (existing) {
      schema.properties[name] = merge(existing, property);
    } else {
      schema.properties[name] = property;
      if (derived.required.includes(name)) required.add(name);
    }
  }
  if (required.size > 0) schema.required = [...required];
}

/**
 * Nest's schema for a type it could not see (a property without a type annotation, `unknown`):
 * `Object`, which says nothing about the value. The validators do.
 */
const OBJECT_REF = '#/components/schemas/Object';
const saysNothing = (s: SchemaObject & { $ref?: string }) =>
  s.$ref === OBJECT_REF || (s.allOf?.length === 1 && '$ref' in s.allOf[0] && s.allOf[0].$ref === OBJECT_REF);

/** What Nest wrote stays; the validators add what it leaves out, and narrow `number` to `integer`. */
function merge(given: SchemaObject, from: SchemaObject): SchemaObject {
  const { allOf: _allOf, $ref: _ref, ...withoutPlaceholder } = given as SchemaObject & { $ref?: string };
  const into: SchemaObject = saysNothing(given) ? withoutPlaceholder : given;
  const merged: SchemaObject = { ...from, ...into };
  if (into.type === 'number' && from.type === 'integer') merged.type = 'integer';
  if (into.items && from.items && !('$ref' in into.items)) merged.items = merge(into.items as SchemaObject, from.items as SchemaObject);
  // A free-form JSON value (Object) says nothing; the validators do.
  if (into.type === 'object' && from.type && from.type !== 'object' && !into.properties) merged.type = from.type;
  return merged;
}

/** Drops Nest's `Object` placeholder once nothing refers to it any more. */
export function dropObjectPlaceholder(document: OpenAPIObject): void {
  const schemas = document.components?.schemas;
  if (
    schemas?.Object &&
    !JSON.stringify({ ...document, components: { ...document.components, schemas: { ...schemas, Object: {} } } }).includes(OBJECT_REF)
  )
    delete schemas.Object;
}

function handlerDtos(app: INestApplication): HandlerDtos[] {
  const found: HandlerDtos[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        const operationId = typeof handler === 'function' ? apiOperationId(handler) : undefined;
        if (!operationId) continue;
        const types = (Reflect.getMetadata('design:paramtypes', proto, name) ?? []) as unknown[];
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        // Whole-body and whole-query DTOs only (`@Body()`, `@Query()`), not single named values.
        const of = (kind: RouteParamtypes) =>
          Object.entries(args)
            .filter(([key, arg]) => key.split(':')[0] === String(kind) && arg.data === undefined)
            .map(([, arg]) => types[arg.index])
            .filter((type): type is ValidatedClass => typeof type === 'function' && type !== Object);
        found.push({ operationId, body: of(RouteParamtypes.BODY), query: of(RouteParamtypes.QUERY) });
      }
    }
  }
  return found;
}

function apiOperationId(handler: object): string | undefined {
  return (Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as { operationId?: string } | undefined)?.operationId;
}
