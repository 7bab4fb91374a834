import { EVENT_CATALOGUE } from '@dhr/reviews';
import { eventContract, eventSchemaName } from './event-schemas';

describe('the event schemas of the OpenAPI document', () => {
  const contract = eventContract();

  it('maps every validator of every event DTO to JSON schema', () => {
    expect(contract.unmapped).toEqual([]);
  });

  it('has one schema per event type, each its own discriminator value', () => {
    const types = Object.keys(EVENT_CATALOGUE);
    expect(Object.keys(contract.schemas)).toEqual(types.map(eventSchemaName));
    expect(contract.body.discriminator?.mapping).toEqual(
      Object.fromEntries(types.map((type) => [type, `#/components/schemas/${eventSchemaName(type)}`])),
    );
    for (const type of types) expect(contract.schemas[eventSchemaName(type)].properties?.type).toEqual({ type: 'string', enum: [type] });
  });

  it('says what each field accepts, as the validators do', () => {
    expect(eventSchemaName('CSP_SIGN_OFF')).toBe('CspSignOffEvent');
    expect(contract.schemas.AgreeTermsOfReferenceEvent).toMatchObject({
      required: ['type', 'periodFrom', 'periodTo'],
      additionalProperties: false,
      properties: {
        agreedAt: { type: 'string', format: 'date-time' },
        periodFrom: { type: 'string', format: 'date' },
        occurredAt: { type: 'string', format: 'date-time' },
        expectedVersion: { type: 'integer', minimum: 1 },
      },
    });
    expect(contract.schemas.QaOutcomeEvent.properties?.outcome).toEqual({ type: 'string', enum: ['approved', 'resubmit'] });
    expect(contract.schemas.PublishEvent.properties?.documentIds).toMatchObject({
      type: 'array',
      maxItems: 20,
      uniqueItems: true,
      items: { type: 'string', format: 'uuid' },
    });
    expect(contract.schemas.WaiveImrEvent.properties?.reason).toEqual({ type: 'string', minLength: 1, maxLength: 4000 });
    expect(contract.schemas.RequestScopingEvent.required).toEqual(['type', 'agencyId']);
  });
});
