import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit entries are appended without a lock and sealed into their chain afterwards
 * (libs/audit/src/audit-sealer.ts). Before, every append locked its chain's head row
 * until the caller's transaction committed, so every read and write of a partnership
 * queued behind one row lock.
 *
 * An entry is now INSERTed unsealed (seq, prev_hash and hash null) in the caller's
 * transaction. The sealer, shortly after commit, gives committed entries the next seq of
 * their chain, their prev_hash and hash (exactly as before), sets sealed_at and advances
 * the head: only the sealer locks head rows.
 *
 * The triggers keep history unwritable for the app's role:
 * - INSERT only unsealed;
 * - UPDATE only to seal an unsealed entry, once: null seal columns get values and nothing
 *   else changes (every other UPDATE, DELETE and TRUNCATE is refused as before);
 * - a head starts at 0 and only moves forward, to a sealed entry of its chain with that
 *   seq and hash (several at once: the sealer seals a batch in one step).
 * Existing rows are already sealed and keep their seq and hash (sealed_at stays null).
 */
export class AuditSealing1795394600000 implements MigrationInterface {
  name = 'AuditSealing1795394600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_entries
        ALTER COLUMN seq DROP NOT NULL,
        ALTER COLUMN prev_hash DROP NOT NULL,
        ALTER COLUMN hash DROP NOT NULL,
        ADD COLUMN sealed_at timestamptz,
        ADD CONSTRAINT audit_entries_sealed_whole CHECK (
          (seq IS NULL) = (prev_hash IS NULL) AND (seq IS NULL) = (hash IS NULL) AND (seq IS NOT NULL OR sealed_at IS NULL))`);
    // What the sealer looks for, in the order it seals.
    await q.query(`CREATE INDEX audit_entries_unsealed_idx ON audit_entries (id) WHERE seq IS NULL`);

    await q.query(`
      CREATE FUNCTION audit_entry_insert_unsealed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL OR NEW.sealed_at IS NOT NULL THEN
          RAISE EXCEPTION 'audit_entries: an entry is inserted unsealed (the sealer links it into its chain)'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_entries_insert_unsealed BEFORE INSERT ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION audit_entry_insert_unsealed()`);

    await q.query(`
      CREATE FUNCTION audit_entry_seal_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.seq IS NULL AND NEW.seq IS NOT NULL AND NEW.sealed_at IS NOT NULL
           AND (NEW.id, NEW.chain, NEW.recorded_at, NEW.actor_id, NEW.actor_role, NEW.action, NEW.review_id,
                NEW.entity, NEW.entity_id, NEW.changes, NEW.request_id, NEW.source_ip)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.chain, OLD.recorded_at, OLD.actor_id, OLD.actor_role, OLD.action, OLD.review_id,
                OLD.entity, OLD.entity_id, OLD.changes, OLD.request_id, OLD.source_ip) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`DROP TRIGGER audit_entries_append_only ON audit_entries`);
    await q.query(`
      CREATE TRIGGER audit_entries_append_only BEFORE DELETE ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_entries_seal_once BEFORE UPDATE ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION audit_entry_seal_once()`);

    await q.query(`
      CREATE OR REPLACE FUNCTION audit_head_advance_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' AND NEW.seq <> 0 THEN
          RAISE EXCEPTION 'audit_chain_heads: a new chain starts at seq 0' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'UPDATE' AND (NEW.chain <> OLD.chain OR NEW.seq <= OLD.seq OR NOT EXISTS (
             SELECT 1 FROM audit_entries WHERE chain = NEW.chain AND seq = NEW.seq AND hash = NEW.hash)) THEN
          RAISE EXCEPTION 'audit_chain_heads: a head only advances, to a sealed entry of its chain'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_head_advance_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' AND NEW.seq <> 0 THEN
          RAISE EXCEPTION 'audit_chain_heads: a new chain starts at seq 0' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'UPDATE' AND (NEW.chain <> OLD.chain OR NEW.seq <> OLD.seq + 1) THEN
          RAISE EXCEPTION 'audit_chain_heads: a head only advances by one entry' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`DROP TRIGGER audit_entries_seal_once ON audit_entries`);
    await q.query(`DROP TRIGGER audit_entries_append_only ON audit_entries`);
    await q.query(`
      CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
    await q.query(`DROP TRIGGER audit_entries_insert_unsealed ON audit_entries`);
    await q.query(`DROP FUNCTION audit_entry_seal_once()`);
    await q.query(`DROP FUNCTION audit_entry_insert_unsealed()`);
    // Unsealed entries cannot go back under NOT NULL: seal them first (the worker does).
    await q.query(`DROP INDEX audit_entries_unsealed_idx`);
    await q.query(`
      ALTER TABLE audit_entries
        DROP CONSTRAINT audit_entries_sealed_whole,
        DROP COLUMN sealed_at,
        ALTER COLUMN seq SET NOT NULL,
        ALTER COLUMN prev_hash SET NOT NULL,
        ALTER COLUMN hash SET NOT NULL`);
  }
}
