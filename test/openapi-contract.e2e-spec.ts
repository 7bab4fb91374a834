import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_CATALOGUE } from '@dhr/reviews';
import ts from 'typescript';
import { previewOpenApiDocument } from '../apps/api/src/openapi';
import { ADMIN, startTestApp, TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; schema?: { format?: string } }[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

/** A program (a CLI of node_modules/.bin, found first on PATH, so on the project's own Node); never throws on a non-zero exit. */
function run(
  program: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      program.includes('/') ? program : join(BIN, program),
      args,
      {
        cwd,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          PATH: `${BIN}:${process.env.PATH ?? ''}`,
          NO_COLOR: '1',
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
          ...env,
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('the OpenAPI contract: linted, complete, and usable by a typed client', () => {
  let t: TestApp;
  let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Record<string, unknown>> } };
  let dir: string;
  let file: string;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const res = await t.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    document = res.body;
    dir = mkdtempSync(join(tmpdir(), 'dhr-openapi-'));
    file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document, null, 2));
  });
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );

  it("passes Redocly's recommended rules (redocly.yaml) without an error or a warning", async () => {
    const lint = await run('redocly', ['lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json'], dir);
    const report = JSON.parse(lint.stdout) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string }[];
    };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('is the document `npm run openapi` writes without a database or a port', async () => {
    expect(await previewOpenApiDocument()).toEqual(document);
  });

  it('gives every operation an id, a summary, a tag, a typed success, the error schema and its security', () => {
    const problems: string[] = [];
    for (const { route, op } of operations()) {
      if (!op.operationId || !op.summary || !op.tags?.length) problems.push(`${route}: operationId, summary or tag missing`);
      const statuses = Object.keys(op.responses);
      const success = statuses.filter((s) => /^2\d\d$/.test(s));
      if (success.length !== 1) problems.push(`${route}: ${success.length} success responses`);
      for (const s of success) if (s !== '204' && !op.responses[s].content) problems.push(`${route}: ${s} has no content`);
      for (const s of statuses.filter((s) => /^[45]\d\d$/.test(s))) {
        if (op.responses[s].content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorBody')
          problems.push(`${route}: ${s} is not an ErrorBody`);
      }
      const isSignIn = route === 'POST /api/auth/token';
      if (isSignIn ? op.security?.length !== 0 : !statuses.includes('401')) problems.push(`${route}: security or its 401`);
      for (const p of op.parameters ?? [])
        if (p.in === 'path' && p.schema?.format !== 'uuid') problems.push(`${route}: ${p.name} is no uuid`);
    }
    expect(problems).toEqual([]);
  });

  it('describes the event body as one of every event, told apart by type', () => {
    const body = document.paths['/api/reviews/{id}/events'].post as unknown as {
      requestBody: {
        content: {
          'application/json': { schema: { oneOf: unknown[]; discriminator: { propertyName: string; mapping: Record<string, string> } } };
        };
      };
    };
    const schema = body.requestBody.content['application/json'].schema;
    const types = Object.keys(EVENT_CATALOGUE);
    expect(schema.discriminator.propertyName).toBe('type');
    expect(Object.keys(schema.discriminator.mapping).sort()).toEqual([...types].sort());
    expect(schema.oneOf).toHaveLength(types.length);
    for (const [type, ref] of Object.entries(schema.discriminator.mapping)) {
      const event = document.components.schemas[ref.replace('#/components/schemas/', '')] as {
        properties: Record<string, { enum?: string[]; format?: string }>;
        required: string[];
      };
      expect(event.properties.type.enum).toEqual([type]);
      expect(event.required).toContain('type');
      expect(event.properties.occurredAt.format).toBe('date-time');
      expect(event.properties.expectedVersion).toBeDefined();
    }
    const scoping = document.components.schemas.RequestScopingEvent as { properties: Record<string, { format?: string }> };
    // A due date may be a date (5pm London that day) or a date-time: a string either way.
    expect(scoping.properties).toMatchObject({ agencyId: { format: 'uuid' }, dueAt: { type: 'string' } });
    const action = document.components.schemas.AddActionEvent as { properties: Record<string, unknown> };
    expect(Object.keys(action.properties)).toEqual(expect.arrayContaining(['recommendationId', 'owner']));
  });

  it('compiles a client against the types openapi-typescript generates from it (tsc --strict)', async () => {
    const generated = await run('openapi-typescript', [file, '--output', join(dir, 'api.ts')], dir);
    expect(generated.code === 0 ? '' : generated.stderr).toBe('');
    copyFileSync(join(ROOT, 'test', 'contract-client', 'client.ts'), join(dir, 'client.ts'));
    const compiled = await run(
      'tsc',
      [
        '--strict',
        '--noEmit',
        '--target',
        'ES2022',
        '--module',
        'commonjs',
        '--moduleResolution',
        'node',
        '--lib',
        'ES2022',
        '--types',
        'node',
        '--typeRoots',
        join(ROOT, 'node_modules', '@types'),
        join(dir, 'client.ts'),
      ],
      dir,
    );
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
  });

  it('runs that client against the app: signs in, creates a review, sends an event and reads the refusals', async () => {
    // The same source tsc --strict checked above, stripped of its types, run as its own process.
    const source = readFileSync(join(ROOT, 'test', 'contract-client', 'client.ts'), 'utf8');
    const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
    writeFileSync(join(dir, 'client.js'), ts.transpileModule(source, { compilerOptions: options }).outputText);
    const ran = await run(process.execPath, [join(dir, 'client.js'), baseUrl, file], dir, {
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
    expect(ran.code === 0 ? '' : ran.stderr).toBe('');
    const seen = JSON.parse(ran.stdout);

    expect(seen.expiresIn).toBeGreaterThan(0);
    expect(seen.created).toMatchObject({ stage: 'notification', version: 1 });
    expect(seen.created.allowedEvents).toContain('DECIDE_TO_COMMISSION');
    expect(seen.decided).toMatchObject({ stage: 'setup', version: 2 });
    expect(seen.decided.deadlineKinds).toContain('completion');
    expect(seen.notAllowed).toMatchObject({ status: 409, error: { error: 'invalid_transition', stage: 'setup' } });
    expect(seen.notAllowed.error.allowedEvents).toContain('APPOINT_CHAIR');
    expect(seen.stale).toMatchObject({ status: 409, error: { error: 'conflict' } });
    expect(seen.future).toMatchObject({ status: 400, error: { error: 'validation_failed', fields: [{ field: 'sentAt' }] } });
    expect(seen.listed).toEqual({ total: 1, ids: [seen.reviewId] });
    expect(seen.history).toEqual([
      { type: 'NOTIFIED', actor: 'Sam Contract' },
      { type: 'DECIDE_TO_COMMISSION', actor: 'Sam Contract' },
    ]);
  });
});
