import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { AppConfig, dropDatabase, loadConfig, migrate } from '@dhr/core';
import { DOCUMENT_CHUNK_BYTES, DocumentStore, documentsConfig, LocalDocumentStore, PostgresDocumentStore } from '@dhr/documents';
import { seedPartnership, Seed, Session } from './support/actors';
import { uploadDocument, uploadVersion } from './support/document-driver';
import { sql } from './support/notifications-db';
import { reviewBody } from './support/review-driver';
import { isolatedEnv, startTestApp, TestApp } from './support/test-app';

const MiB = 1024 * 1024;
const newKey = () => `${randomUUID()}/${randomUUID()}`;

/** How each store is driven, plus the state a put interrupted midway leaves behind (a real failure where we can cause one). */
interface StoreCase {
  name: string;
  store: () => DocumentStore;
  /** Starts a put of `bytes` under `key` that fails partway through; resolves once it has failed. */
  interruptPut: (key: string, bytes: Buffer) => Promise<void>;
  /** Everything the store holds, in its own terms: files for the filesystem, rows for Postgres. */
  holdings: () => Promise<number>;
}

describe('document stores', () => {
  let config: AppConfig;
  let local: LocalDocumentStore;
  let postgres: PostgresDocumentStore;

  beforeAll(async () => {
    config = isolatedEnv();
    await migrate(config.DATABASE_URL);
    local = new LocalDocumentStore(config.VAR_DIR);
    postgres = new PostgresDocumentStore(config.DATABASE_URL);
  });
  afterAll(async () => {
    await postgres?.onModuleDestroy();
    if (config) await dropDatabase(config.DATABASE_URL);
  });

  const countFiles = (dir: string): number =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? countFiles(join(dir, e.name)) : 1), 0)
      : 0;

  const cases: StoreCase[] = [
    {
      name: 'filesystem',
      store: () => local,
      // A crash between writing `<key>.partial` and the rename that publishes it (the filesystem store's only
      // non-atomic step) leaves exactly this behind.
      interruptPut: async (key, bytes) => {
        const path = local.pathOf(key);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(`${path}.partial`, bytes.subarray(0, Math.floor(bytes.length / 2)));
      },
      holdings: async () => countFiles(local.root),
    },
    {
      name: 'postgres',
      store: () => postgres,
      // The real put, refused by the database while it inserts its third chunk.
      interruptPut: async (key, bytes) => {
        await sql(
          config,
          `
          CREATE FUNCTION fail_third_chunk() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF NEW.chunk = 2 THEN RAISE EXCEPTION 'disk full (test)'; END IF;
            RETURN NEW;
          END $$`,
        );
        await sql(
          config,
          `CREATE TRIGGER fail_third_chunk BEFORE INSERT ON document_blobs FOR EACH ROW EXECUTE FUNCTION fail_third_chunk()`,
        );
        try {
          await expect(postgres.put(key, bytes)).rejects.toThrow(/disk full \(test\)/);
        } finally {
          await sql(config, 'DROP TRIGGER fail_third_chunk ON document_blobs');
          await sql(config, 'DROP FUNCTION fail_third_chunk()');
        }
      },
      holdings: async () => {
        const [{ n }] = await sql<{ n: string }>(
          config,
          'SELECT (SELECT count(*) FROM document_blob_manifests) + (SELECT count(*) FROM document_blobs) AS n',
        );
        return Number(n);
      },
    },
  ];

  describe.each(cases)('$name store: the DocumentStore contract', ({ store, interruptPut, holdings }) => {
    it.each([
      ['empty', 0],
      ['one byte', 1],
      ['one byte short of a chunk', DOCUMENT_CHUNK_BYTES - 1],
      ['exactly one chunk', DOCUMENT_CHUNK_BYTES],
      ['one chunk and a byte', DOCUMENT_CHUNK_BYTES + 1],
      ['several MiB', 5 * MiB + 12_345],
    ])('gives back exactly what was put: %s (%i bytes)', async (_label, size) => {
      const key = newKey();
      const bytes = randomBytes(size);
      await store().put(key, bytes);
      const back = await store().get(key);
      expect(back).not.toBeNull();
      expect(back!.length).toBe(size);
      expect(back!.equals(bytes)).toBe(true);
    });

    it('answers null for a key never stored', async () => {
      expect(await store().get(newKey())).toBeNull();
    });

    it('deletes one key, leaves the others, and deleting again or a missing key is harmless', async () => {
      const [gone, kept] = [newKey(), newKey()];
      await store().put(gone, randomBytes(DOCUMENT_CHUNK_BYTES + 10));
      await store().put(kept, Buffer.from('kept'));
      await store().delete(gone);
      expect(await store().get(gone)).toBeNull();
      expect((await store().get(kept))!.toString()).toBe('kept');
      await store().delete(gone);
      await store().delete(newKey());
    });

    it('replaces a key whole when it is put again', async () => {
      const key = newKey();
      await store().put(key, randomBytes(3 * DOCUMENT_CHUNK_BYTES));
      const second = randomBytes(DOCUMENT_CHUNK_BYTES / 2);
      await store().put(key, second);
      expect((await store().get(key))!.equals(second)).toBe(true);
    });

    it('refuses every key that is not <uuid>/<uuid>, for put, get and delete, and writes nothing', async () => {
      const id = randomUUID();
      const bad = [
        '',
        id,
        `${id}/`,
        `${id}/${id}/${id}`,
        `${id}/../${id}`,
        `../${id}/${id}`,
        `/${id}/${id}`,
        `${id}/${id}.partial`,
        `${id}/${id}\n`,
        `${id.toUpperCase()}/${id}`,
        `${id}\\${id}`,
        `${id}/${id}\u0000`,
        '../../etc/passwd',
      ];
      const before = await holdings();
      for (const key of bad) {
        await expect(store().put(key, Buffer.from('x'))).rejects.toThrow('invalid document storage key');
        await expect(store().get(key)).rejects.toThrow('invalid document storage key');
        await expect(store().delete(key)).rejects.toThrow('invalid document storage key');
      }
      expect(await holdings()).toBe(before);
    });

    it('leaves nothing readable when a put fails midway', async () => {
      const key = newKey();
      await interruptPut(key, randomBytes(2 * DOCUMENT_CHUNK_BYTES + 1));
      expect(await store().get(key)).toBeNull();
    });
  });

  describe('postgres store specifics', () => {
    it('keeps the bytes in 1 MiB chunks under one manifest, as given (the service seals them first)', async () => {
      const key = newKey();
      const bytes = randomBytes(2 * DOCUMENT_CHUNK_BYTES + 7);
      await postgres.put(key, bytes);
      const [manifest] = await sql<{ size: string; chunks: number }>(
        config,
        'SELECT size, chunks FROM document_blob_manifests WHERE storage_key = $1',
        [key],
      );
      expect([Number(manifest.size), manifest.chunks]).toEqual([bytes.length, 3]);
      const chunks = await sql<{ chunk: number; bytes: Buffer }>(
        config,
        'SELECT chunk, bytes FROM document_blobs WHERE storage_key = $1 ORDER BY chunk',
        [key],
      );
      expect(chunks.map((c) => [c.chunk, c.bytes.length])).toEqual([
        [0, DOCUMENT_CHUNK_BYTES],
        [1, DOCUMENT_CHUNK_BYTES],
        [2, 7],
      ]);
      expect(Buffer.concat(chunks.map((c) => c.bytes)).equals(bytes)).toBe(true);
    });

    it('leaves no row behind after a failed put, and the key can be put again', async () => {
      const key = newKey();
      const bytes = randomBytes(2 * DOCUMENT_CHUNK_BYTES + 1);
      await cases[1].interruptPut(key, bytes);
      const [{ n }] = await sql<{ n: number }>(
        config,
        `SELECT (SELECT count(*) FROM document_blob_manifests WHERE storage_key = $1)
              + (SELECT count(*) FROM document_blobs WHERE storage_key = $1) AS n`,
        [key],
      );
      expect(Number(n)).toBe(0);
      await postgres.put(key, bytes);
      expect((await postgres.get(key))!.equals(bytes)).toBe(true);
    });

    it('shows nothing of a put still in flight on another connection, nor after that connection dies', async () => {
      const key = newKey();
      const writer = new Client({ connectionString: config.DATABASE_URL });
      await writer.connect();
      writer.on('error', () => undefined); // it is terminated below on purpose
      await writer.query('BEGIN');
      await writer.query('INSERT INTO document_blob_manifests (storage_key, size, chunks) VALUES ($1, $2, 2)', [
        key,
        DOCUMENT_CHUNK_BYTES + 1,
      ]);
      await writer.query('INSERT INTO document_blobs (storage_key, chunk, bytes) VALUES ($1, 0, $2)', [
        key,
        randomBytes(DOCUMENT_CHUNK_BYTES),
      ]);
      expect(await postgres.get(key)).toBeNull();
      const [{ pid }] = (await writer.query('SELECT pg_backend_pid() AS pid')).rows as { pid: number }[];
      await sql(config, 'SELECT pg_terminate_backend($1)', [pid]);
      await writer.end().catch(() => undefined);
      expect(await postgres.get(key)).toBeNull();
    });

    it('replaces a key whole under concurrent puts: a reader sees one version, never a mix', async () => {
      const key = newKey();
      const versions = [1, 2, 3, 4].map(() => randomBytes(3 * DOCUMENT_CHUNK_BYTES + 5));
      const reads: (Buffer | null)[] = [];
      await Promise.all([
        ...versions.map((bytes) => postgres.put(key, bytes)),
        (async () => {
          for (let i = 0; i < 10; i++) reads.push(await postgres.get(key));
        })(),
      ]);
      for (const read of [...reads, await postgres.get(key)]) if (read !== null) expect(versions.some((v) => v.equals(read))).toBe(true);
      expect(await postgres.get(key)).not.toBeNull();
    });

    it('is chosen by DOCUMENT_STORE, which needs an explicit DOCUMENT_KEY when it is postgres', () => {
      const env = { VAR_DIR: config.VAR_DIR };
      expect(loadConfig(env).DOCUMENT_STORE).toBe('filesystem');
      expect(() => loadConfig({ ...env, DOCUMENT_STORE: 's3' })).toThrow('DOCUMENT_STORE must be filesystem or postgres');
      expect(() => documentsConfig(loadConfig({ ...env, DOCUMENT_STORE: 'postgres' }))).toThrow(
        'DOCUMENT_KEY must be set (the same on every machine) when DOCUMENT_STORE is postgres',
      );
      const key = randomBytes(32).toString('base64');
      expect(documentsConfig(loadConfig({ ...env, DOCUMENT_STORE: 'postgres', DOCUMENT_KEY: key })).store).toBe('postgres');
    });
  });
});

describe('two API machines sharing one database (DOCUMENT_STORE=postgres)', () => {
  let a: TestApp;
  let b: TestApp;
  let seed: Seed;
  let review: string;

  beforeAll(async () => {
    const shared = { DOCUMENT_STORE: 'postgres', DOCUMENT_KEY: randomBytes(32).toString('base64') };
    a = await startTestApp({ env: shared });
    // Another machine: its own VAR_DIR, the same database, keys and queue prefix.
    b = await startTestApp({
      sharesDatabase: true,
      env: { ...shared, DATABASE_URL: a.config.DATABASE_URL, TOKEN_SECRET: a.config.TOKEN_SECRET!, QUEUE_PREFIX: a.config.QUEUE_PREFIX },
    });
    expect(b.config.VAR_DIR).not.toBe(a.config.VAR_DIR);
    seed = await seedPartnership(a, 'SHARED');
    const created = await a.http().post('/api/reviews').set(seed.coordinator.auth).send(reviewBody(seed.partnership.id));
    expect(created.status).toBe(201);
    review = created.body.id;
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const download = (t: TestApp, who: Session, documentId: string, query = '') =>
    t
      .http()
      .get(`/api/reviews/${review}/documents/${documentId}/content${query}`)
      .set(who.auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  /** A PDF of several chunks: random bytes behind the signature, so every chunk boundary matters. */
  const bigPdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
  const storageKey = async (documentId: string, version = 1) =>
    (
      await sql<{ storage_key: string }>(a.config, 'SELECT storage_key FROM document_versions WHERE document_id = $1 AND version = $2', [
        documentId,
        version,
      ])
    )[0].storage_key;

  it('downloads through one machine, byte for byte, what was uploaded through the other, and keeps nothing on either disk', async () => {
    const pdf = bigPdf(3 * MiB + 4321);
    const up = await uploadDocument(a, seed.coordinator, review, pdf, 'minutes.pdf', { type: 'minutes' }, 'application/pdf');
    expect(up.status).toBe(201);
    const back = await download(b, seed.cspChair, up.body.id);
    expect(back.status).toBe(200);
    expect((back.body as Buffer).equals(pdf)).toBe(true);

    const v2 = bigPdf(DOCUMENT_CHUNK_BYTES);
    const second = await uploadVersion(b, seed.coordinator, review, up.body.id, v2, 'minutes-v2.pdf');
    expect([second.status, second.body.version]).toEqual([201, 2]);
    expect(((await download(a, seed.coordinator, up.body.id)).body as Buffer).equals(v2)).toBe(true);
    expect(((await download(a, seed.coordinator, up.body.id, '?version=1')).body as Buffer).equals(pdf)).toBe(true);

    const tiny = await uploadDocument(b, seed.coordinator, review, Buffer.from('%PDF-'), 'tiny.pdf', { type: 'letter' }, 'application/pdf');
    expect(tiny.status).toBe(201);
    expect(((await download(a, seed.cspChair, tiny.body.id)).body as Buffer).toString()).toBe('%PDF-');

    for (const t of [a, b]) expect(existsSync(join(t.config.VAR_DIR, 'documents'))).toBe(false);
    // Stored sealed: the rows hold ciphertext, not the upload.
    const [row] = await sql<{ bytes: Buffer }>(a.config, 'SELECT bytes FROM document_blobs WHERE storage_key = $1 AND chunk = 0', [
      await storageKey(up.body.id),
    ]);
    expect(row.bytes.subarray(0, 9).equals(pdf.subarray(0, 9))).toBe(false);
    expect(row.bytes.equals(pdf.subarray(0, DOCUMENT_CHUNK_BYTES))).toBe(false);
  });

  it('serves more concurrent downloads than the app has database connections', async () => {
    // Downloads read the store inside the service's transaction; the store's own pool keeps them from starving each other.
    const pdf = bigPdf(DOCUMENT_CHUNK_BYTES + 1);
    const up = await uploadDocument(a, seed.coordinator, review, pdf, 'report.pdf', { type: 'other' }, 'application/pdf');
    expect(up.status).toBe(201);
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => download(i % 2 ? a : b, seed.coordinator, up.body.id)));
    expect(results.map((r) => r.status)).toEqual(Array(60).fill(200));
    expect(results.every((r) => (r.body as Buffer).equals(pdf))).toBe(true);
  });

  it('refuses with 409 on either machine a document whose stored chunk was changed, shortened or removed', async () => {
    const expectRefused = async (documentId: string) => {
      for (const t of [a, b]) {
        const res = await download(t, seed.coordinator, documentId);
        expect(res.status).toBe(409);
        const text = (res.body as Buffer).toString('utf8');
        expect(JSON.parse(text)).toMatchObject({ error: 'document_integrity_failed' });
        expect(text).not.toContain('PDF');
      }
    };
    const upload = async () => {
      const res = await uploadDocument(a, seed.coordinator, review, bigPdf(2 * MiB + 99), 'exec.pdf', { type: 'other' }, 'application/pdf');
      expect(res.status).toBe(201);
      expect((await download(b, seed.coordinator, res.body.id)).status).toBe(200);
      return { id: res.body.id as string, key: await storageKey(res.body.id) };
    };

    const flipped = await upload();
    await sql(
      a.config,
      'UPDATE document_blobs SET bytes = set_byte(bytes, 1000, get_byte(bytes, 1000) # 1) WHERE storage_key = $1 AND chunk = 1',
      [flipped.key],
    );
    await expectRefused(flipped.id);

    const shortened = await upload();
    await sql(a.config, 'UPDATE document_blobs SET bytes = substring(bytes FROM 1 FOR 10) WHERE storage_key = $1 AND chunk = 2', [
      shortened.key,
    ]);
    await expectRefused(shortened.id);

    const removed = await upload();
    await sql(a.config, 'DELETE FROM document_blobs WHERE storage_key = $1 AND chunk = 0', [removed.key]);
    await expectRefused(removed.id);

    const missing = await upload();
    await sql(a.config, 'DELETE FROM document_blob_manifests WHERE storage_key = $1', [missing.key]);
    await expectRefused(missing.id);
  });
});
