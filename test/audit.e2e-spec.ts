import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, CoreModule, DatabaseModule, inTransaction } from '@dhr/core';
import {
  AUDIT_ENTRY_COLUMNS,
  AuditEntryRow,
  AuditInput,
  AuditModule,
  contentOfRow,
  hashEntry,
  AuditQuery,
  AuditVerifier,
  AuditWriter,
  describeVerification,
  SYSTEM_CHAIN,
  toCsv,
} from '@dhr/audit';
import { sql } from './support/notifications-db';
import { startTestApp, TestApp } from './support/test-app';

/** The audit services wired as scripts/audit-verify.ts wires them, on the test app's database. */
@Module({})
class AuditContextModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AuditContextModule, imports: [CoreModule.forRoot(config), DatabaseModule, AuditModule] };
  }
}

/** Edits rows the way only a superuser can: with triggers off for this session. */
async function behindTheAppsBack(config: AppConfig, text: string, params: unknown[] = []): Promise<void> {
  const client = new Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await client.query(text, params);
  } finally {
    await client.end();
  }
}

describe('audit trail', () => {
  let t: TestApp;
  let ctx: INestApplicationContext;
  let db: DataSource;
  let writer: AuditWriter;
  let verifier: AuditVerifier;
  let query: AuditQuery;
  let at = Date.UTC(2026, 2, 29, 0, 30); // the spring daylight-saving change, in UTC

  beforeAll(async () => {
    t = await startTestApp({ tampersWithAudit: true });
    ctx = await NestFactory.createApplicationContext(AuditContextModule.forRoot(t.config), { logger: false });
    db = t.app.get(DataSource);
    writer = ctx.get(AuditWriter);
    verifier = ctx.get(AuditVerifier);
    query = ctx.get(AuditQuery);
  });
  afterAll(async () => {
    await ctx?.close();
    await t?.close();
  });

  const entry = (chain: string, over: Partial<AuditInput> = {}): AuditInput => ({
    chain,
    actorId: randomUUID(),
    actorRole: 'coordinator',
    action: 'review.event',
    reviewId: randomUUID(),
    entity: 'review',
    entityId: 'r',
    changes: { stage: { before: 'setup', after: 'information_gathering' } },
    requestId: 'req-1',
    sourceIp: '192.0.2.10',
    at: new Date((at += 1000)),
    ...over,
  });
  const record = (input: AuditInput) => inTransaction(db, (manager) => writer.record(manager, input));
  /** A chain of `count` entries written one after another. */
  const chainOf = async (count: number, over: Partial<AuditInput> = {}) => {
    const chain = randomUUID();
    for (let i = 0; i < count; i++) await record(entry(chain, over));
    return chain;
  };
  const idOf = async (chain: string, seq: number) =>
    (await sql<{ id: string }>(t.config, 'SELECT id FROM audit_entries WHERE chain = $1 AND seq = $2', [chain, seq]))[0].id;

  it('serialises concurrent appends per chain: contiguous seqs, and every chain verifies', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await Promise.all(Array.from({ length: 50 }, (_, i) => record(entry(i % 2 ? a : b))));

    for (const chain of [a, b]) {
      const seqs = await sql<{ seq: string }>(t.config, 'SELECT seq FROM audit_entries WHERE chain = $1 ORDER BY seq', [chain]);
      expect(seqs.map((r) => Number(r.seq))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(await verifier.verify(chain)).toEqual({ ok: true, entries: 25 });
    }
    const [{ total }] = await sql<{ total: string }>(t.config, 'SELECT count(*) AS total FROM audit_entries');
    expect(await verifier.verify()).toEqual({ ok: true, entries: Number(total) });
  });

  it('writes the entry with the change it records, or not at all', async () => {
    const chain = randomUUID();
    await expect(
      inTransaction(db, async (manager) => {
        await writer.record(manager, entry(chain));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await sql(t.config, 'SELECT 1 FROM audit_entries WHERE chain = $1', [chain])).toHaveLength(0);
    await expect(writer.record(db.manager, entry(chain))).rejects.toThrow(/inside the transaction/);
  });

  it('keeps uuids as Postgres prints them, so a differently spelt id neither forks a chain nor breaks its hash', async () => {
    const chain = randomUUID();
    await record(entry(chain.toUpperCase(), { actorId: randomUUID().toUpperCase() }));
    await record(entry(chain, { changes: { when: { before: null, after: new Date(at) } }, entity: undefined }));
    expect(await verifier.verify(chain)).toEqual({ ok: true, entries: 2 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE through the app connection, and winding a head back', async () => {
    const chain = await chainOf(2);
    await expect(db.query(`UPDATE audit_entries SET action = 'review.read' WHERE chain = $1`, [chain])).rejects.toThrow(
      /audit_entries is append-only: UPDATE/,
    );
    await expect(db.query(`DELETE FROM audit_entries WHERE chain = $1`, [chain])).rejects.toThrow(/append-only: DELETE/);
    await expect(db.query(`TRUNCATE audit_entries`)).rejects.toThrow(/append-only: TRUNCATE/);
    await expect(db.query(`UPDATE audit_chain_heads SET seq = 1 WHERE chain = $1`, [chain])).rejects.toThrow(/only advances/);
    await expect(db.query(`DELETE FROM audit_chain_heads WHERE chain = $1`, [chain])).rejects.toThrow(/append-only: DELETE/);
    expect(await verifier.verify(chain)).toEqual({ ok: true, entries: 2 });
  });

  it('reports an entry edited behind the app’s back as a hash mismatch at its chain and seq', async () => {
    const chain = await chainOf(5);
    await behindTheAppsBack(
      t.config,
      `UPDATE audit_entries SET changes = '{"stage":{"before":"setup","after":"closed"}}' WHERE chain = $1 AND seq = 3`,
      [chain],
    );
    const result = await verifier.verify(chain);
    expect(result).toEqual({ ok: false, entries: 3, firstBrokenAt: { chain, seq: 3, id: await idOf(chain, 3), reason: 'hash_mismatch' } });
    expect(describeVerification(result)).toEqual({ message: `audit chain BROKEN at ${chain} seq 3 (hash_mismatch)`, exitCode: 1 });
    expect((await verifier.verify()).ok).toBe(false); // and the all-chains run finds it too
  });

  it('reports a deleted entry as a gap, and a deleted last entry against the head', async () => {
    const middle = await chainOf(4);
    const next = await idOf(middle, 3);
    await behindTheAppsBack(t.config, 'DELETE FROM audit_entries WHERE chain = $1 AND seq = 2', [middle]);
    expect((await verifier.verify(middle)).firstBrokenAt).toEqual({ chain: middle, seq: 3, id: next, reason: 'gap' });

    const tail = await chainOf(3);
    await behindTheAppsBack(t.config, 'DELETE FROM audit_entries WHERE chain = $1 AND seq = 3', [tail]);
    expect((await verifier.verify(tail)).firstBrokenAt).toEqual({ chain: tail, seq: 3, id: null, reason: 'gap' });
  });

  it('reports an entry rewritten with a recomputed hash as a broken link at the next entry', async () => {
    const chain = await chainOf(3);
    const [row] = await sql<AuditEntryRow>(t.config, `SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_entries WHERE chain = $1 AND seq = 2`, [
      chain,
    ]);
    const forgedHash = hashEntry(row.prev_hash, { ...contentOfRow(row), action: 'review.read' });
    await behindTheAppsBack(t.config, `UPDATE audit_entries SET action = 'review.read', hash = $2 WHERE chain = $1 AND seq = 2`, [
      chain,
      forgedHash,
    ]);
    expect((await verifier.verify(chain)).firstBrokenAt).toEqual({ chain, seq: 3, id: await idOf(chain, 3), reason: 'broken_link' });
  });

  it('reports a head that no longer matches the last entry', async () => {
    const chain = await chainOf(2);
    await behindTheAppsBack(t.config, `UPDATE audit_chain_heads SET hash = repeat('e', 64) WHERE chain = $1`, [chain]);
    expect((await verifier.verify(chain)).firstBrokenAt).toEqual({ chain, seq: 2, id: await idOf(chain, 2), reason: 'broken_link' });
  });

  it('streams a long chain page by page and still finds an edit near its end', async () => {
    const chain = randomUUID();
    for (let batch = 0; batch < 12; batch++) {
      await inTransaction(db, async (manager) => {
        for (let i = 0; i < 100; i++) await writer.record(manager, entry(chain));
      });
    }
    expect(await verifier.verify(chain)).toEqual({ ok: true, entries: 1200 });
    await behindTheAppsBack(t.config, `UPDATE audit_entries SET source_ip = '198.51.100.1' WHERE chain = $1 AND seq = 1101`, [chain]);
    expect((await verifier.verify(chain)).firstBrokenAt).toMatchObject({ chain, seq: 1101, reason: 'hash_mismatch' });
  });

  it('exports one review’s entries in order, as JSON views and as safe CSV', async () => {
    const partnership = randomUUID();
    const [review, other] = [randomUUID(), randomUUID()];
    await record(entry(partnership, { reviewId: review, action: 'review.create', entityId: 'DHR, "2026/1"' }));
    await record(entry(partnership, { reviewId: other }));
    await record(entry(partnership, { reviewId: review, action: 'review.read', changes: undefined, requestId: '=cmd|calc' }));
    await record(entry(SYSTEM_CHAIN, { reviewId: null, action: 'user.create' }));
    await record(entry(partnership, { reviewId: review, action: 'review.event' }));

    const entries = await query.forReview(review);
    expect(entries.map((e) => [e.action, e.seq])).toEqual([
      ['review.create', 1],
      ['review.read', 3],
      ['review.event', 4],
    ]);
    expect(entries.every((e) => e.reviewId === review && e.chain === partnership)).toBe(true);
    expect(entries[1].changes).toBeNull();
    expect(await query.forReview('not-a-uuid')).toEqual([]);

    const rows = toCsv(entries).split('\r\n');
    expect(rows).toHaveLength(5); // header, 3 entries, and the final CRLF
    expect(rows[1]).toContain(',"DHR, ""2026/1""",');
    expect(rows[2]).toContain(`,'=cmd|calc,`);
  });
});
