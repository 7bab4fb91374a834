import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stageDiagramMermaid } from '@dhr/workflows/dhr/v3';

/**
 * `npm run diagram`: prints the stage diagram, generated from the machine;
 * `npm run diagram -- --write` puts it into README.md between its markers.
 */
const block = '```mermaid\n' + stageDiagramMermaid() + '\n```';
if (process.argv.includes('--write')) {
  const path = join(__dirname, '..', 'README.md');
  const readme = readFileSync(path, 'utf8');
  const updated = readme.replace(/(<!-- stage-diagram:start -->\n)[\s\S]*?(\n<!-- stage-diagram:end -->)/, `$1${block}$2`);
  writeFileSync(path, updated);
} else {
  process.stdout.write(block + '\n');
}
