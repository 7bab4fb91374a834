/**
 * A national-scale database for bench/national.bench.ts: at full scale 100,000 reviews over 300
 * partnerships and 3,000 agencies, 1,000,000 clocks, 1,000,000 history rows, 300,000 documents with
 * a version each, and pgbench's own tables beside them (for `pgbench -S` on the same database).
 *
 * Generated in SQL (INSERT … SELECT generate_series) in a minute or two, and cached: the database is
 * named after the scale and the latest migration, and marked ready by a comment when complete, so a
 * re-run on the same schema skips generation. The snapshots are real ones, made through the API on a
 * template partnership first, so the product's own views read the generated reviews as they would
 * any other.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { COMMISSIONED_STAGES } from '@dhr/workflows/dhr/contract';
import { ALL_MIGRATIONS } from '../migrations';
import { seedPartnership } from '../test/support/actors';
import { reviewBody, send } from '../test/support/review-driver';
import type { TestApp } from '../test/support/test-app';

const exec = promisify(execFile);

export interface NationalSize {
  partnerships: number;
  agenciesPerPartnership: number;
  reviews: number;
  clocksPerReview: number;
  eventsPerReview: number;
  documentsPerReview: number;
  /** `pgbench -i -s` scale factor (100,000 accounts each). */
  pgbenchScale: number;
}

export const NATIONAL_SIZES: Record<'full' | 'quick', NationalSize> = {
  full: {
    partnerships: 300,
    agenciesPerPartnership: 10,
    reviews: 100_000,
    clocksPerReview: 10,
    eventsPerReview: 10,
    documentsPerReview: 3,
    pgbenchScale: 10,
  },
  quick: {
    partnerships: 30,
    agenciesPerPartnership: 10,
    reviews: 5_000,
    clocksPerReview: 10,
    eventsPerReview: 10,
    documentsPerReview: 3,
    pgbenchScale: 1,
  },
};

const READY = 'bench national: ready';

/** The cached database's URL: its name carries the scale and the latest migration, so a schema change regenerates. */
export function nationalDatabaseUrl(serverUrl: string, scale: 'full' | 'quick'): string {
  const latest = (ALL_MIGRATIONS.at(-1)?.name ?? 'none').toLowerCase().replace(/[^a-z0-9]/g, '');
  return `${serverUrl}/${`bench_national_${scale}_${latest}`.slice(0, 63)}`;
}

/** Drops the databases of this scale cached for an older schema (about 1 GB each at full scale). */
export async function dropStaleNationalDatabases(url: string, scale: 'full' | 'quick'): Promise<string[]> {
  const admin = new URL(url);
  const current = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname <> $2`, [
      `bench\\_national\\_${scale}\\_%`,
      current,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

/** Has a generation into this database finished? (The comment is set last.) */
export async function nationalDatabaseReady(url: string): Promise<boolean> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [
      name,
    ]);
    return rows[0]?.comment === READY;
  } finally {
    await client.end();
  }
}

interface Templates {
  workflowName: string;
  workflowVersion: number;
  /** A review just notified. */
  notified: unknown;
  /** A commissioned review with a chair appointed (the chair's id is replaced per review). */
  chaired: unknown;
}

/** Two real reviews made through the API on a template partnership: their snapshots become everyone's. */
async function templates(app: INestApplication, db: DataSource): Promise<Templates> {
  const t = { app, http: () => request(app.getHttpServer()) } as unknown as TestApp;
  const seed = await seedPartnership(t, 'NTPL');
  const create = async () => {
    const res = await t.http().post('/api/reviews').set(seed.coordinator.auth).send(reviewBody(seed.partnership.id));
    if (res.status !== 201) throw new Error(`template review: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const notifiedId = await create();
  const chairedId = await create();
  await send(t, seed.coordinator, chairedId, { type: 'DECIDE_TO_COMMISSION', rationale: 'Criteria met' });
  await send(t, seed.coordinator, chairedId, { type: 'APPOINT_CHAIR', userId: seed.chair.id });
  const rows: { id: string; snapshot: unknown; workflow_name: string; workflow_version: number }[] = await db.query(
    `SELECT id, snapshot, workflow_name, workflow_version FROM reviews WHERE id IN ($1, $2)`,
    [notifiedId, chairedId],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const chaired = byId.get(chairedId)!;
  return {
    workflowName: chaired.workflow_name,
    workflowVersion: chaired.workflow_version,
    notified: byId.get(notifiedId)!.snapshot,
    chaired: chaired.snapshot,
  };
}

/**
 * Fills the (freshly migrated, otherwise empty but for the bootstrap admin) database behind `app`
 * at `size`, then marks it ready. Returns the seconds it took.
 */
export async function generateNational(
  app: INestApplication,
  url: string,
  size: NationalSize,
  log: (line: string) => void,
): Promise<number> {
  const started = performance.now();
  const tpl = await templates(app, app.get(DataSource));
  const client = new Client({ connectionString: url });
  await client.connect();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const at = performance.now();
    const result = await client.query(sql, params);
    log(
      `national data: ${label}${result.rowCount ? ` (${result.rowCount.toLocaleString('en-GB')} rows)` : ''} ${((performance.now() - at) / 1000).toFixed(1)} s`,
    );
  };
  try {
    await step('session', `SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'`);
    await step(
      'partnerships',
      `INSERT INTO partnerships (name, code) SELECT 'National ' || g || ' CSP', 'N' || lpad(g::text, 4, '0') FROM generate_series(1, $1) g`,
      [size.partnerships],
    );
    await step('np', `CREATE TEMP TABLE np AS SELECT id, substring(code from 2)::int AS n FROM partnerships WHERE code ~ '^N[0-9]{4}$'`);
    await step(
      'agencies',
      `INSERT INTO agencies (partnership_id, name, kind)
       SELECT np.id, 'Agency ' || k || ' of partnership ' || np.n,
              (ARRAY['police','local_authority','health','probation','fire','housing','specialist_da','education','other'])[1 + (k - 1) % 9]
       FROM np, generate_series(1, $1) k`,
      [size.agenciesPerPartnership],
    );
    await step(
      'na',
      `CREATE TEMP TABLE na AS
       SELECT a.id, np.n AS pn, (row_number() OVER (PARTITION BY a.partnership_id ORDER BY a.id))::int AS k
       FROM agencies a JOIN np ON np.id = a.partnership_id;
       CREATE INDEX ON na (pn, k)`,
    );
    await step(
      'users',
      `INSERT INTO users (email, name, password_hash, role, partnership_id)
       SELECT replace(r.role, '_', '-') || k || '.n' || np.n || '@national.test', initcap(replace(r.role, '_', ' ')) || ' ' || k || ' of ' || np.n,
              'not-a-hash', r.role, np.id
       FROM np, (VALUES ('coordinator', 2), ('csp_chair', 1), ('independent_chair', 5)) r(role, cnt), generate_series(1, r.cnt) k`,
    );
    await step(
      'agency contacts',
      `INSERT INTO users (email, name, password_hash, role, partnership_id, agency_id)
       SELECT 'contact-a' || na.k || '.n' || na.pn || '@national.test', 'Contact ' || na.k || ' of ' || na.pn, 'not-a-hash', 'agency_contact', np.id, na.id
       FROM na JOIN np ON np.n = na.pn`,
    );
    await step(
      'nu',
      `CREATE TEMP TABLE nu AS
       SELECT u.id, np.n AS pn, u.role, (row_number() OVER (PARTITION BY u.partnership_id, u.role ORDER BY u.email))::int AS k
       FROM users u JOIN np ON np.id = u.partnership_id;
       CREATE INDEX ON nu (pn, role, k)`,
    );
    // Half the reviews are closed (over the last ten years), the rest open across the commissioned
    // stages (over the last two); one in seventeen is on hold.
    await step(
      'reviews',
      `INSERT INTO reviews (reference, partnership_id, workflow_name, workflow_version, snapshot, stage, on_hold, notified_at, notified_by,
                            death_date, victim_pseudonym, perpetrator_pseudonym, police_force_area, created_by, created_at, updated_at,
                            version, chair_user_id, involved_agency_ids)
       SELECT 'N' || lpad(x.pn::text, 4, '0') || '/' || extract(year FROM x.created)::int || '/' || x.g, np.id, $2, $3,
              CASE WHEN ch.id IS NULL THEN $4::jsonb ELSE jsonb_set($5::jsonb, '{context,chairUserId}', to_jsonb(ch.id::text)) END,
              x.stage, x.g % 17 = 0, x.created, 'National Police', (x.created - interval '12 days')::date,
              'Adult ' || chr(65 + x.g % 26) || x.g, 'Adult ' || chr(66 + x.g % 25) || x.g, 'Force ' || (x.g % 43),
              c.id, x.created, x.created + interval '3 days', 1 + $6, ch.id,
              ARRAY(SELECT na.id FROM na WHERE na.pn = x.pn AND na.k IN (1 + x.g % $7, 1 + (x.g / 7) % $7, 1 + (x.g / 49) % $7))
       FROM (
         SELECT g, 1 + (g - 1) % $1 AS pn, s.stage,
                now() - (CASE WHEN s.stage = 'closed' THEN 730 + random() * 2920 ELSE random() * 730 END) * interval '1 day' AS created
         FROM generate_series(1, $8) g,
              LATERAL (SELECT CASE WHEN g % 2 = 0 THEN 'closed' WHEN g % 11 = 1 THEN 'notification' WHEN g % 11 = 3 THEN 'not_commissioned'
                                   ELSE ($9::text[])[1 + (g / 2) % cardinality($9::text[])] END AS stage) s
       ) x
       JOIN np ON np.n = x.pn
       JOIN nu c ON c.pn = x.pn AND c.role = 'coordinator' AND c.k = 1 + x.g % 2
       LEFT JOIN nu ch ON ch.pn = x.pn AND ch.role = 'independent_chair' AND ch.k = 1 + x.g % 5 AND x.stage NOT IN ('notification', 'not_commissioned')`,
      [
        size.partnerships,
        tpl.workflowName,
        tpl.workflowVersion,
        JSON.stringify(tpl.notified),
        JSON.stringify(tpl.chaired),
        size.eventsPerReview,
        size.agenciesPerPartnership,
        size.reviews,
        [...COMMISSIONED_STAGES],
      ],
    );
    await step('nr', `CREATE TEMP TABLE nr AS SELECT * FROM reviews WHERE reference ~ '^N[0-9]{4}/'`);
    await step(
      'history',
      `INSERT INTO review_events (review_id, seq, type, payload, actor_id, occurred_at, recorded_at, from_stage, to_stage, workflow_version)
       SELECT r.id, s, (ARRAY['NOTIFIED','DECIDE_TO_COMMISSION','APPOINT_CHAIR','AGREE_TERMS_OF_REFERENCE','REQUEST_IMR','RECEIVE_IMR',
                              'RECORD_PANEL_MEETING','SUBMIT_DRAFT','RECORD_FAMILY_CONTACT','RECORD_DECISION'])[1 + (s - 1) % 10],
              jsonb_build_object('rationale', 'Recorded at step ' || s), r.created_by, r.created_at + s * interval '9 days',
              r.created_at + s * interval '9 days', CASE WHEN s > 1 THEN r.stage END, r.stage, r.workflow_version
       FROM nr r, generate_series(1, $1) s`,
      [size.eventsPerReview],
    );
    // Closed reviews' clocks were met or cancelled; an open review has its last two clocks open,
    // due from a month ago to six months ahead (so some are overdue), the IMR ones per agency.
    await step(
      'clocks',
      `INSERT INTO clocks (review_id, partnership_id, kind, agency_id, subject_key, rulebook_id, started_at, due_at, status, met_at)
       SELECT r.id, r.partnership_id, k.kind, CASE WHEN k.kind = 'imr' THEN r.involved_agency_ids[1 + s % cardinality(r.involved_agency_ids)] END,
              'bench:' || s, 'dhr-2016', r.created_at + (s - 1) * interval '20 days',
              CASE WHEN open THEN now() + (random() * 210 - 30) * interval '1 day' ELSE r.created_at + s * interval '1 month' END,
              CASE WHEN open THEN 'open' WHEN s % 7 = 0 THEN 'cancelled' ELSE 'met' END,
              CASE WHEN NOT open AND s % 7 <> 0 THEN r.created_at + s * interval '25 days' END
       FROM nr r, generate_series(1, $1) s,
            LATERAL (SELECT (ARRAY['decision','home_office','scoping','imr','imr','imr','panel','draft','completion','publication'])[1 + (s - 1) % 10] AS kind,
                            r.stage <> 'closed' AND s > $1 - 2 AS open) k`,
      [size.clocksPerReview],
    );
    await step(
      'documents',
      `INSERT INTO documents (id, review_id, type, agency_id, title, created_by, created_at)
       SELECT gen_random_uuid(), r.id, (ARRAY['imr','terms_of_reference','minutes','chronology','letter'])[1 + (s - 1) % 5],
              CASE WHEN (s - 1) % 5 IN (0, 3) THEN r.involved_agency_ids[1] END, 'Document ' || s, r.created_by, r.created_at + s * interval '30 days'
       FROM nr r, generate_series(1, $1) s`,
      [size.documentsPerReview],
    );
    await step(
      'document versions',
      `INSERT INTO document_versions (id, document_id, version, sha256, size, media_type, file_name, storage_key, iv, auth_tag, uploaded_by, uploaded_at)
       SELECT gen_random_uuid(), d.id, 1, encode(sha256(convert_to(d.id::text, 'UTF8')), 'hex'), 48213, 'application/pdf', 'document.pdf',
              'bench/' || d.id, '\\x00'::bytea, '\\x00'::bytea, d.created_by, d.created_at
       FROM documents d JOIN nr r ON r.id = d.review_id`,
    );
  } finally {
    await client.end();
  }
  const at = performance.now();
  await exec('pgbench', ['-i', '-s', String(size.pgbenchScale), '-q', url], { timeout: 600_000 });
  log(`national data: pgbench -i -s ${size.pgbenchScale} ${((performance.now() - at) / 1000).toFixed(1)} s`);
  const finish = new Client({ connectionString: url });
  await finish.connect();
  try {
    await finish.query('VACUUM ANALYZE');
    const name = new URL(url).pathname.slice(1);
    await finish.query(`COMMENT ON DATABASE "${name}" IS '${READY}'`);
  } finally {
    await finish.end();
  }
  return (performance.now() - started) / 1000;
}
