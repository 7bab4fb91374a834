import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * Where encrypted document bytes live, by an opaque key the service makes
 * (`<review id>/<version id>`). Pluggable: the filesystem here, object storage later.
 */
export abstract class DocumentStore {
  abstract put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes, or null when nothing is stored under the key. */
  abstract get(key: string): Promise<Buffer | null>;
  abstract delete(key: string): Promise<void>;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const KEY = new RegExp(`^${UUID}/${UUID}$`);

/** Every store refuses a key that is not `<review id>/<version id>` (two lowercase UUIDs): keys never come from a client. */
export function assertStorageKey(key: string): void {
  if (typeof key !== 'string' || !KEY.test(key)) throw new Error('invalid document storage key');
}

/** Files under `<VAR_DIR>/documents/<review id>/<version id>`; keys are checked, never taken from a client. */
export class LocalDocumentStore extends DocumentStore {
  readonly root: string;

  constructor(varDir: string) {
    super();
    this.root = resolve(varDir, 'documents');
  }

  pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error('invalid document storage key');
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw new Error('invalid document storage key');
    return path;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const partial = `${path}.partial`;
    await writeFile(partial, bytes, { mode: 0o600, flag: 'wx' });
    await rename(partial, path);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
