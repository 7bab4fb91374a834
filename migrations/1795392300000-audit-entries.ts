import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: append-only entries in hash chains, one chain per partnership
 * plus a 'system' chain for what belongs to none (admin actions, failed logins).
 * Per-partnership rather than one global chain because: each partnership's IG
 * officer can verify and export their own chain without seeing another tenant's
 * entries; appends in different partnerships do not queue on one global lock;
 * and a broken chain is confined to, and reported against, one partnership.
 *
 * audit_chain_heads holds each chain's last seq and hash. Writers lock the head
 * row to append, which serialises appends per chain; the verifier also checks the
 * head against the last entry, so a deleted or rewritten tail shows.
 *
 * Triggers refuse UPDATE, DELETE and TRUNCATE on audit_entries for every role,
 * the app's included (even when it connects as a superuser, as in development).
 * Only someone who can switch triggers off can rewrite history: a superuser with
 * `SET session_replication_role = replica`, or the table owner with
 * `ALTER TABLE ... DISABLE TRIGGER` (so in production run migrations as an owner
 * role and the app as a role that owns nothing). Such edits still break the chain
 * unless every later hash and the head are recomputed too.
 *
 * No foreign keys: entries must outlive what they mention and may name an actor
 * or review that never existed (a failed login for an unknown user).
 */
export class AuditEntries1795392300000 implements MigrationInterface {
  name = 'AuditEntries1795392300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_entries (
        id bigserial PRIMARY KEY,
        chain text NOT NULL,
        seq bigint NOT NULL CHECK (seq > 0),
        recorded_at timestamptz NOT NULL,
        actor_id uuid,
        actor_role text,
        action text NOT NULL,
        review_id uuid,
        entity text,
        entity_id text,
        changes jsonb, -- {field: {before, after}}, only the fields that changed
        request_id text,
        source_ip text,
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        UNIQUE (chain, seq)
      )`);
    await q.query(`CREATE INDEX audit_entries_review_idx ON audit_entries(review_id, chain, seq) WHERE review_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE audit_chain_heads (
        chain text PRIMARY KEY,
        seq bigint NOT NULL,
        hash text NOT NULL
      )`);

    await q.query(`
      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
        FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);

    // A head only starts at 0 and moves forward one entry at a time: the app cannot
    // wind it back or drop it to hide a missing tail.
    await q.query(`
      CREATE FUNCTION audit_head_advance_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' AND NEW.seq <> 0 THEN
          RAISE EXCEPTION 'audit_chain_heads: a new chain starts at seq 0' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'UPDATE' AND (NEW.chain <> OLD.chain OR NEW.seq <> OLD.seq + 1) THEN
          RAISE EXCEPTION 'audit_chain_heads: a head only advances by one entry' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_chain_heads_advance_only BEFORE INSERT OR UPDATE ON audit_chain_heads
        FOR EACH ROW EXECUTE FUNCTION audit_head_advance_only()`);
    await q.query(`
      CREATE TRIGGER audit_chain_heads_no_delete BEFORE DELETE ON audit_chain_heads
        FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_chain_heads_no_truncate BEFORE TRUNCATE ON audit_chain_heads
        FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_chain_heads`);
    await q.query(`DROP TABLE audit_entries`);
    await q.query(`DROP FUNCTION audit_head_advance_only()`);
    await q.query(`DROP FUNCTION audit_refuse_change()`);
  }
}
