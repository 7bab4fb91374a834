import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, type ParameterObject, SwaggerModule } from '@nestjs/swagger';
import { CoreModule, loadConfig } from '@dhr/core';
import { ApiModule } from './api.module';
import { ErrorBody } from './contract/error-body.response';
import { EVENT_CONTRACT } from './contract/event-schemas';
import { completeRequestSchemas, dropObjectPlaceholder } from './contract/request-schemas';
import { documentIdempotencyKey } from './idempotency/idempotency-openapi';

/** Every tag an operation may carry, with what it groups (Redocly asks for a description of each). */
const TAGS: Record<string, string> = {
  identity: 'Signing in; partnerships, agencies and users; who the caller is',
  reviews: 'Reviews, their events (the workflow), history and deadlines',
  documents: 'Versioned, encrypted documents of a review',
  chronology: "The agencies' chronologies merged into one timeline",
  'identifying-terms': 'Real names and other identifying terms, and the anonymisation check before PUBLISH (coordinators only)',
  family: "The family's involvement and the contact log",
  meetings: 'Panel meetings and their calendar invitations',
  'action-plan': 'Recommendations, actions and the action plan exports',
  audit: 'The hash-chained audit trail',
  oversight: "A partnership's dashboard and each review's completion forecast",
};

/**
 * The OpenAPI document of the HTTP contract (`/api/docs-json`): the one place it is built, for the
 * running app, `npm run openapi` and the contract test. Operations, responses and error answers are
 * declared on the controllers; what is derived rather than declared is added here: the event bodies
 * (from the event catalogue), the request schemas' formats and limits (from the validators) and
 * the uuid format of path ids.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('DHR engine')
    .setDescription(
      'Domestic Homicide Review workflow engine, HTTP contract v1. JSON in and out; times are ISO-8601 with an offset, ' +
        'ids are UUIDs. Every operation but `POST /api/auth/token` needs `Authorization: Bearer <accessToken>`. ' +
        'Errors are `{error: code, ...details}` (`ErrorBody`). While Postgres or Redis is unreachable any operation ' +
        'answers 503 `{error: "unavailable"}` with `Retry-After`.',
    )
    .setVersion('1')
    .addServer('/', 'this server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'the accessToken from POST /api/auth/token' }, 'bearer')
    // Closed by default, like the auth guard: an operation is public only when it says so (`security: []`).
    .addSecurityRequirements('bearer');
  for (const [name, description] of Object.entries(TAGS)) builder.addTag(name, description);

  const document = SwaggerModule.createDocument(app, builder.build(), { extraModels: [ErrorBody] });

  // The contract is the API under /api; operators' routes (health, metrics, queues) are not part of it.
  document.paths = Object.fromEntries(Object.entries(document.paths).filter(([path]) => path === '/api' || path.startsWith('/api/')));

  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...EVENT_CONTRACT.schemas } };
  completeRequestSchemas(app, document);
  dropObjectPlaceholder(document);
  markPathIdsAsUuids(document);
  documentIdempotencyKey(document);
  return document;
}

/** Serves the document as JSON at `/<path>-json` and the Swagger UI at `/<path>`. */
export function setupOpenApi(app: INestApplication, path: string): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(path, app, document);
  return document;
}

/** The root of the preview below: the modules the API app runs, configured with defaults. */
@Module({})
class OpenApiPreviewModule {}

/**
 * The same document without a database, Redis or a port (`npm run openapi`, CI): Nest's preview
 * mode reads the modules and controllers but creates no provider. The contract test checks that it
 * equals the one the running app serves.
 */
export async function previewOpenApiDocument(): Promise<OpenAPIObject> {
  const root = { module: OpenApiPreviewModule, imports: [CoreModule.forRoot(loadConfig({})), ApiModule] };
  const app = await NestFactory.create(root, { preview: true, logger: false });
  try {
    app.setGlobalPrefix('api'); // as createApiApp does
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** Every path parameter is an id that a ParseUUIDPipe checks (`id`, `documentId`, …): say so once, here. */
function markPathIdsAsUuids(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      for (const parameter of (operation as { parameters?: ParameterObject[] }).parameters ?? []) {
        if (parameter.in === 'path' && /^(id|[a-zA-Z]+Id)$/.test(parameter.name)) parameter.schema = { type: 'string', format: 'uuid' };
      }
    }
  }
}
