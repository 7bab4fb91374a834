import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';

/**
 * Returns the configured secret, or one generated once into VAR_DIR so that a
 * single-machine `npm start` works and restarts keep tokens/documents valid.
 */
export function secretFromVar(configured: string | undefined, varDir: string, fileName: string, envName: string): string {
  if (configured) return configured;
  const path = join(varDir, fileName);
  if (!existsSync(path)) {
    mkdirSync(varDir, { recursive: true });
    writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600 });
    new Logger('Config').warn(`${envName} is not set: generated one into ${path}. Set ${envName} in production.`);
  }
  return readFileSync(path, 'utf8').trim();
}
