import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, CoreModule, DatabaseModule, dataSourceOptions, dropDatabase, ensureDatabase, inTransaction } from '@dhr/core';
import { AuditContent, AuditModule, AuditVerifier, AuditWriter, GENESIS_HASH, hashEntry } from '@dhr/audit';
import { ALL_MIGRATIONS } from '../migrations';
import { AuditSealing1795394600000 } from '../migrations/1795394600000-audit-sealing';
import { sql } from './support/notifications-db';
import { isolatedEnv } from './support/test-app';

@Module({})
class AuditContextModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AuditContextModule, imports: [CoreModule.forRoot(config), DatabaseModule, AuditModule] };
  }
}

/** Runs the migrations given, on their own DataSource. */
async function runMigrations(url: string, migrations: typeof ALL_MIGRATIONS): Promise<void> {
  const db = new DataSource({ ...dataSourceOptions(url), migrations });
  await db.initialize();
  try {
    await db.runMigrations({ transaction: 'each' });
  } finally {
    await db.destroy();
  }
}

describe('migrating to sealed audit entries', () => {
  const config = isolatedEnv();
  afterAll(() => dropDatabase(config.DATABASE_URL));

  it('keeps chains written under the head lock verifying, and new entries continue them', async () => {
    await ensureDatabase(config.DATABASE_URL);
    const before = ALL_MIGRATIONS.slice(0, ALL_MIGRATIONS.indexOf(AuditSealing1795394600000));
    await runMigrations(config.DATABASE_URL, before);

    // Three entries as the old writer appended them: seq, prev_hash and hash in the INSERT, the head advanced by one.
    const chain = randomUUID();
    await sql(config, `INSERT INTO audit_chain_heads (chain, seq, hash) VALUES ($1, 0, $2)`, [chain, GENESIS_HASH]);
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const recordedAt = new Date(Date.UTC(2026, 0, seq)).toISOString();
      const content: AuditContent = {
        chain,
        seq,
        recordedAt,
        actorId: null,
        actorRole: 'coordinator',
        action: 'review.read',
        reviewId: null,
        entity: null,
        entityId: null,
        changes: null,
        requestId: `old-${seq}`,
        sourceIp: null,
      };
      const hash = hashEntry(prev, content);
      await sql(
        config,
        `INSERT INTO audit_entries (chain, seq, recorded_at, actor_role, action, request_id, prev_hash, hash)
         VALUES ($1, $2, $3, 'coordinator', 'review.read', $4, $5, $6)`,
        [chain, seq, recordedAt, `old-${seq}`, prev, hash],
      );
      await sql(config, `UPDATE audit_chain_heads SET seq = $2, hash = $3 WHERE chain = $1`, [chain, seq, hash]);
      prev = hash;
    }

    await runMigrations(config.DATABASE_URL, ALL_MIGRATIONS);
    const ctx = await NestFactory.createApplicationContext(AuditContextModule.forRoot(config), { logger: false });
    try {
      const none = { entries: 0, oldestSeconds: null };
      expect(await ctx.get(AuditVerifier).verify(chain)).toEqual({ ok: true, entries: 3, unsealed: none });
      const db = ctx.get(DataSource);
      await inTransaction(db, (manager) =>
        ctx.get(AuditWriter).record(manager, { chain, actorId: null, actorRole: 'coordinator', action: 'review.read', at: new Date() }),
      );
      expect(await ctx.get(AuditVerifier).verify(chain)).toEqual({ ok: true, entries: 4, unsealed: none });
      const [fourth] = await sql<{ seq: string; prev_hash: string }>(
        config,
        'SELECT seq, prev_hash FROM audit_entries WHERE chain = $1 AND seq = 4',
        [chain],
      );
      expect(fourth.prev_hash).toBe(prev);
    } finally {
      await ctx.close();
    }
  });

  it('can be undone once every entry is sealed, and done again', async () => {
    const db = new DataSource(dataSourceOptions(config.DATABASE_URL));
    await db.initialize();
    try {
      // Undo the migrations that came after sealing too, newest first, then sealing itself.
      const sealing = ALL_MIGRATIONS.indexOf(AuditSealing1795394600000);
      for (let i = ALL_MIGRATIONS.length - 1; i >= sealing; i--) await db.undoLastMigration({ transaction: 'each' });
      const nullable = await db.query(
        `SELECT column_name, is_nullable FROM information_schema.columns
          WHERE table_name = 'audit_entries' AND column_name IN ('seq', 'hash', 'sealed_at') ORDER BY column_name`,
      );
      expect(nullable).toEqual([
        { column_name: 'hash', is_nullable: 'NO' },
        { column_name: 'seq', is_nullable: 'NO' },
      ]);
      await expect(db.query(`UPDATE audit_entries SET action = 'x'`)).rejects.toThrow(/append-only: UPDATE/);
      await db.runMigrations({ transaction: 'each' });
    } finally {
      await db.destroy();
    }
    const ctx = await NestFactory.createApplicationContext(AuditContextModule.forRoot(config), { logger: false });
    try {
      expect(await ctx.get(AuditVerifier).verify()).toMatchObject({ ok: true, entries: 4 });
    } finally {
      await ctx.close();
    }
  });
});
