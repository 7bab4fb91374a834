import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { previewOpenApiDocument } from '../apps/api/src/openapi';

/**
 * `npm run openapi [-- <file>]`: writes the OpenAPI document (default dist/openapi.json) without a
 * database, Redis or a port, e.g. for `npx redocly lint dist/openapi.json` or a client generator in CI.
 */
async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'dist/openapi.json');
  const document = await previewOpenApiDocument();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(document, null, 2) + '\n');
  console.warn(`OpenAPI document: ${out} (${Object.keys(document.paths).length} paths)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
