-- One event's database work as the product does it, a round trip per step, on the product's own
-- tables: lock the review, update its snapshot, insert history, then the audit entry. With the head-
-- locked audit (sealing=0): lock the partnership's audit head, insert the entry, advance the head.
-- With sealed audit (sealing=1, audit_entries.sealed_at exists): insert the entry unsealed, no lock
-- (the sealer's later work is not counted). :reviews and :sealing are set by bench/events.bench.ts.
\set r random(1, :reviews)
BEGIN;
SELECT id AS rid, version AS ver, partnership_id AS pid FROM reviews WHERE reference = 'PGB/' || :r FOR UPDATE \gset
UPDATE reviews SET snapshot = jsonb_set(snapshot, '{context,benchVersion}', to_jsonb(:ver + 1)), version = :ver + 1, updated_at = now() WHERE id = ':rid';
INSERT INTO review_events (review_id, seq, type, payload, actor_id, occurred_at, from_stage, to_stage, workflow_version) VALUES (':rid', :ver + 1, 'APPOINT_CHAIR', '{"userId": "pgbench"}', NULL, now(), 'setup', 'setup', 3);
\if :sealing
INSERT INTO audit_entries (chain, recorded_at, action, review_id, changes) VALUES (':pid', now(), 'review.event', ':rid', '{"stage": {"before": "setup", "after": "setup"}}');
\else
SELECT seq AS hseq, hash AS hhash FROM audit_chain_heads WHERE chain = ':pid' FOR UPDATE \gset
INSERT INTO audit_entries (chain, seq, recorded_at, action, review_id, changes, prev_hash, hash) VALUES (':pid', :hseq + 1, now(), 'review.event', ':rid', '{"stage": {"before": "setup", "after": "setup"}}', ':hhash', encode(sha256(convert_to(':hhash' || ':rid' || :hseq, 'UTF8')), 'hex'));
UPDATE audit_chain_heads SET seq = :hseq + 1, hash = encode(sha256(convert_to(':hhash' || ':rid' || :hseq, 'UTF8')), 'hex') WHERE chain = ':pid';
\endif
END;
