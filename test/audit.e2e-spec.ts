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
  AuditSealer,
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
  let sealer: AuditSealer;
  let at = Date.UTC(2026, 2, 29, 0, 30); // the spring daylight-saving change, in UTC

  beforeAll(async () => {
    t = await startTestApp({ tampersWithAudit: true });
    ctx = await NestFactory.createApplicationContext(AuditContextModule.forRoot(t.config), { logger: false });
    db = t.app.get(DataSource);
    writer = ctx.get(AuditWriter);
    verifier = ctx.get(AuditVerifier);
    query = ctx.get(AuditQuery);
    sealer = ctx.get(AuditSealer);
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
  /** A chain of `count` entries written one after another, then sealed. */
  const chainOf = async (count: number, over: Partial<AuditInput> = {}) => {
    const chain = randomUUID();
    for (let i = 0; i < count; i++) await record(entry(chain, over));
    await sealer.sealNow();
    return chain;
  };
  const NONE = { entries: 0, oldestSeconds: null };
  const idOf = async (chain: string, seq: number) =>
    (await sql<{ id: string }>(t.config, 'SELECT id FROM audit_entries WHERE chain = $1 AND seq = $2', [chain, seq]))[0].id;

  it('appends concurrently; once sealed, each chain has contiguous seqs and verifies', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await Promise.all(Array.from({ length: 50 }, (_, i) => record(entry(i % 2 ? a : b))));
    await sealer.sealNow();

    for (const chain of [a, b]) {
      const seqs = await sql<{ seq: string }>(t.config, 'SELECT seq FROM audit_entries WHERE chain = $1 ORDER BY seq', [chain]);
      expect(seqs.map((r) => Number(r.seq))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(await verifier.verify(chain)).toEqual({ ok: true, entries: 25, unsealed: NONE });
    }
    const [{ total }] = await sql<{ total: string }>(t.config, 'SELECT count(*) AS total FROM audit_entries');
    expect(await verifier.verify()).toEqual({ ok: true, entries: Number(total), unsealed: NONE });
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
    expect(await verifier.verify(chain)).toEqual({ ok: true, entries: 2, unsealed: NONE });
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
    expect(await verifier.verify(chain)).toEqual({ ok: true, entries: 2, unsealed: NONE });
  });

  it('reports an entry edited behind the app’s back as a hash mismatch at its chain and seq', async () => {
    const chain = await chainOf(5);
    await behindTheAppsBack(
      t.config,
      `UPDATE audit_entries SET changes = '{"stage":{"before":"setup","after":"closed"}}' WHERE chain = $1 AND seq = 3`,
      [chain],
    );
    const result = await verifier.verify(chain);
    expect(result).toEqual({
      ok: false,
      entries: 3,
      firstBrokenAt: { chain, seq: 3, id: await idOf(chain, 3), reason: 'hash_mismatch' },
      unsealed: NONE,
    });
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
    expect(await verifier.verify(chain)).toEqual({ ok: true, entries: 1200, unsealed: NONE });
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
  it('lets an unsealed entry be sealed once, and nothing else: no other UPDATE, no sealed INSERT', async () => {
    const chain = randomUUID();
    await record(entry(chain));
    const [{ id }] = await sql<{ id: string }>(t.config, 'SELECT id FROM audit_entries WHERE chain = $1 AND seq IS NULL', [chain]);
    await expect(db.query(`UPDATE audit_entries SET action = 'review.read' WHERE id = $1`, [id])).rejects.toThrow(
      /audit_entries is append-only: UPDATE/,
    );
    // Sealing with the content changed on the way is still an edit.
    await expect(
      db.query(
        `UPDATE audit_entries SET seq = 1, prev_hash = repeat('0', 64), hash = repeat('a', 64), sealed_at = now(), source_ip = '198.51.100.9'
          WHERE id = $1`,
        [id],
      ),
    ).rejects.toThrow(/append-only: UPDATE/);
    await expect(
      db.query(
        `INSERT INTO audit_entries (chain, seq, recorded_at, action, prev_hash, hash) VALUES ($1, 2, now(), 'review.read', repeat('0', 64), repeat('b', 64))`,
        [chain],
      ),
    ).rejects.toThrow(/inserted unsealed/);

    expect(await sealer.sealNow()).toBe(1);
    const sealed = await sql(t.config, `SELECT ${AUDIT_ENTRY_COLUMNS}, sealed_at FROM audit_entries WHERE id = $1`, [id]);
    expect(await sealer.sealNow()).toBe(0); // sealing twice changes nothing
    expect(await sql(t.config, `SELECT ${AUDIT_ENTRY_COLUMNS}, sealed_at FROM audit_entries WHERE id = $1`, [id])).toEqual(sealed);
    await expect(db.query(`UPDATE audit_entries SET seq = 7, sealed_at = now() WHERE id = $1`, [id])).rejects.toThrow(
      /append-only: UPDATE/,
    );
    expect(await verifier.verify(chain)).toEqual({ ok: true, entries: 1, unsealed: NONE });
  });

  it('seals before it verifies, so an entry committed a moment ago is verified too', async () => {
    const chain = await chainOf(2);
    await record(entry(chain));
    // The verifier seals first; read what it would report without that step.
    const unsealed = await sql<{ n: number }>(t.config, 'SELECT count(*)::int AS n FROM audit_entries WHERE chain = $1 AND seq IS NULL', [
      chain,
    ]);
    expect(unsealed[0].n).toBe(1);
    const report = await verifier.verify(chain);
    expect(report).toEqual({ ok: true, entries: 3, unsealed: NONE });
  });

  it('reports an entry inserted behind the app’s back, even with a correct hash, against the head', async () => {
    const chain = await chainOf(2);
    const [last] = await sql<AuditEntryRow>(t.config, `SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_entries WHERE chain = $1 AND seq = 2`, [
      chain,
    ]);
    const forged = { ...contentOfRow(last), seq: 3, action: 'review.read' };
    await behindTheAppsBack(
      t.config,
      `INSERT INTO audit_entries (chain, seq, recorded_at, actor_id, actor_role, action, review_id, entity, entity_id, changes,
                                  request_id, source_ip, prev_hash, hash, sealed_at)
       SELECT chain, 3, recorded_at, actor_id, actor_role, 'review.read', review_id, entity, entity_id, changes, request_id, source_ip,
              hash, $2, now()
         FROM audit_entries WHERE chain = $1 AND seq = 2`,
      [chain, hashEntry(last.hash, forged)],
    );
    expect((await verifier.verify(chain)).firstBrokenAt).toEqual({ chain, seq: 3, id: await idOf(chain, 3), reason: 'broken_link' });
  });

  it('gives several sealers at once one chain: every entry once, contiguous, verified', async () => {
    const chains = [randomUUID(), randomUUID(), randomUUID()];
    const writes = Array.from({ length: 90 }, (_, i) => record(entry(chains[i % 3])));
    const sealing = Array.from({ length: 4 }, async () => {
      let sealed = 0;
      for (let i = 0; i < 10; i++) sealed += (await sealer.sealNow()) + (await sealer.sealIfIdle());
      return sealed;
    });
    await Promise.all(writes);
    const sealedBySealers = (await Promise.all(sealing)).reduce((a, b) => a + b, 0);
    const rest = await sealer.sealNow();
    expect(sealedBySealers + rest).toBe(90);
    for (const chain of chains) {
      const seqs = await sql<{ seq: string }>(t.config, 'SELECT seq FROM audit_entries WHERE chain = $1 ORDER BY seq', [chain]);
      expect(seqs.map((r) => Number(r.seq))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(await verifier.verify(chain)).toEqual({ ok: true, entries: 30, unsealed: NONE });
    }
  });
});
