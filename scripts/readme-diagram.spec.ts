import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stageDiagramMermaid } from '@dhr/workflows/dhr/v3';

// The README's stage diagram is generated from the machine: fail when it drifts (run `npm run diagram`).
it('README shows the stage diagram of the current machine', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const embedded = /<!-- stage-diagram:start -->\s*```mermaid\n([\s\S]*?)\n```\s*<!-- stage-diagram:end -->/.exec(readme);
  expect(embedded?.[1]).toBe(stageDiagramMermaid());
});
