import type { SchemaObject } from '@nestjs/swagger';
import { EVENT_CATALOGUE } from '@dhr/reviews';
import { schemaFromValidators, ValidatedClass } from './validator-schema';

/** What the document needs to know of one row of the event catalogue. */
export interface EventContractSpec {
  dto: ValidatedClass;
  roles: readonly string[];
  time?: string;
  dueFields?: readonly string[];
}

export interface EventContract {
  /** One schema per event type, named `<Type>Event` (e.g. `DecideToCommissionEvent`). */
  schemas: Record<string, SchemaObject>;
  /** The body of `POST /api/reviews/{id}/events`: one of those, told apart by `type`. */
  body: SchemaObject;
  unmapped: string[];
}

/** Every event type the API accepts, in the catalogue's order. */
export const EVENT_TYPES: string[] = Object.keys(EVENT_CATALOGUE);

export const eventSchemaName = (type: string): string =>
  type
    .toLowerCase()
    .split('_')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('') + 'Event';

/**
 * The event body as a discriminated union, derived from the catalogue and each event's DTO (the
 * validators that decide what is accepted), so a new event or field is in the document as soon as
 * it is accepted. `type` is the discriminator; `occurredAt` and `expectedVersion` come with every event.
 */
export function eventContract(catalogue: Record<string, EventContractSpec> = EVENT_CATALOGUE): EventContract {
  const schemas: Record<string, SchemaObject> = {};
  const mapping: Record<string, string> = {};
  const unmapped: string[] = [];
  for (const [type, spec] of Object.entries(catalogue)) {
    const derived = schemaFromValidators(spec.dto);
    unmapped.push(...derived.unmapped);
    const { type: _envelopeType, ...fields } = derived.properties;
    for (const [name, field] of Object.entries(fields)) describeField(name, field, spec);
    const name = eventSchemaName(type);
    schemas[name] = {
      type: 'object',
      description: `${type}: sent by ${spec.roles.join(', ')}.${spec.time ? ` \`${spec.time}\` is when it happened (its occurredAt).` : ''}`,
      properties: { type: { type: 'string', enum: [type] }, ...fields },
      required: ['type', ...derived.required.filter((field) => field !== 'type')],
      // The DTOs refuse unknown fields (400 naming the field).
      additionalProperties: false,
    };
    mapping[type] = `#/components/schemas/${name}`;
  }
  return {
    schemas,
    body: {
      description: "`{type, ...payload}`: one event; which ones the caller may send now is the Review's `allowedEvents`",
      oneOf: Object.values(mapping).map(($ref) => ({ $ref })),
      discriminator: { propertyName: 'type', mapping },
    },
    unmapped,
  };
}

/** Computed once: the controller's request body and the document's components share it. */
export const EVENT_CONTRACT: EventContract = eventContract();

/** Says what the validators cannot: which timestamp is the fact and which is a due date. */
function describeField(name: string, field: SchemaObject, spec: EventContractSpec): void {
  if (name === spec.time) {
    field.description ??= "when it happened: this event's occurredAt; default now; not in the future nor before the date of death";
  } else if (spec.dueFields?.includes(name)) {
    field.description ??= 'when it falls due: after the time of the event';
  } else if (name === 'occurredAt') {
    field.description ??= 'when it really happened; default now; never in the future';
  }
}
