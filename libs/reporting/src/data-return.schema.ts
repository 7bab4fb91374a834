import { STAGES } from './review-facts';

const date = { type: ['string', 'null'], format: 'date' };

/** The JSON Schema of `GET /api/data-return?format=json`, served at `GET /api/data-return/schema`. */
export const DATA_RETURN_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:dhr:data-return:v1',
  title: 'National data return of domestic homicide reviews',
  description:
    'One record per review active in the period: notified before the period ended and not closed before it began. Figures are as at the end of the period (or the time of the download, if sooner). No names, pseudonyms or free text. Dates are London calendar dates.',
  type: 'object',
  required: ['schema', 'period', 'generatedAt', 'records'],
  additionalProperties: false,
  properties: {
    schema: { type: 'string', description: 'where this schema is served' },
    period: {
      type: 'object',
      required: ['from', 'to'],
      additionalProperties: false,
      properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date', description: 'inclusive' } },
    },
    generatedAt: { type: 'string', format: 'date-time' },
    records: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'reference',
          'partnership',
          'deathType',
          'stage',
          'stageDates',
          'commissionedOn',
          'completedOn',
          'daysToComplete',
          'holds',
          'qaRounds',
          'qaResubmissions',
          'recommendations',
        ],
        properties: {
          reference: { type: 'string', description: 'DHR-<partnership code>-<year>-<nnn>' },
          partnership: {
            type: 'object',
            required: ['name', 'code'],
            additionalProperties: false,
            properties: { name: { type: 'string' }, code: { type: 'string' } },
          },
          deathType: { enum: ['homicide', 'suicide', 'other', null], description: 'recorded with the decision; null before it' },
          stage: { enum: [...STAGES], description: 'the stage at the end of the period' },
          stageDates: {
            type: 'object',
            description: 'the date each stage was first reached; null when not reached',
            required: [...STAGES],
            additionalProperties: false,
            properties: Object.fromEntries(STAGES.map((s) => [s, date])),
          },
          commissionedOn: { ...date, description: 'the decision to commission (first move into set-up)' },
          completedOn: { ...date, description: 'CSP sign-off of the report: the review completed' },
          daysToComplete: { type: ['integer', 'null'], minimum: 0, description: 'whole days from commissionedOn to completedOn' },
          holds: {
            type: 'object',
            required: ['count', 'totalDays'],
            additionalProperties: false,
            properties: {
              count: { type: 'integer', minimum: 0 },
              totalDays: {
                type: 'integer',
                minimum: 0,
                description: 'whole days on hold, a hold in force counted to the end of the period',
              },
            },
          },
          qaRounds: { type: 'integer', minimum: 0, description: 'submissions to the Home Office Quality Assurance Panel' },
          qaResubmissions: { type: 'integer', minimum: 0, description: 'rounds whose outcome was "resubmit"' },
          recommendations: {
            type: 'array',
            items: {
              type: 'object',
              required: ['number', 'scope', 'routing', 'status'],
              additionalProperties: false,
              properties: {
                number: { type: 'integer', minimum: 1 },
                scope: { enum: ['local', 'national'] },
                routing: {
                  description: 'where a national recommendation was sent and when the response came; null for a local one',
                  oneOf: [
                    { type: 'null' },
                    {
                      type: 'object',
                      required: ['department', 'sentOn', 'respondedOn', 'status'],
                      additionalProperties: false,
                      properties: {
                        department: { type: ['string', 'null'] },
                        sentOn: date,
                        respondedOn: date,
                        status: { enum: ['not_sent', 'awaiting_response', 'response_received'] },
                      },
                    },
                  ],
                },
                status: {
                  enum: ['no_actions', 'open', 'complete'],
                  description: 'from its actions: none yet, some open, or every one complete',
                },
              },
            },
          },
        },
      },
    },
  },
} as const;
