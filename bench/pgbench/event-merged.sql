-- The same event's work merged to the fewest round trips: one locking read of the review (and, with
-- the head-locked audit, its audit head: a chain per review, so no partnership-wide hot row), then
-- one statement (a CTE) that writes the snapshot, history, audit entry and head. The floor an event
-- could approach. :reviews and :sealing are set by bench/events.bench.ts (see event-steps.sql).
\set r random(1, :reviews)
BEGIN;
\if :sealing
SELECT r.id AS rid, r.version AS ver FROM reviews r WHERE r.reference = 'PGB/' || :r FOR UPDATE \gset
WITH s AS (UPDATE reviews SET snapshot = jsonb_set(snapshot, '{context,benchVersion}', to_jsonb(:ver + 1)), version = :ver + 1, updated_at = now() WHERE id = ':rid' RETURNING id), e AS (INSERT INTO review_events (review_id, seq, type, payload, actor_id, occurred_at, from_stage, to_stage, workflow_version) SELECT id, :ver + 1, 'APPOINT_CHAIR', '{"userId": "pgbench"}', NULL, now(), 'setup', 'setup', 3 FROM s) INSERT INTO audit_entries (chain, recorded_at, action, review_id, changes) SELECT id::text, now(), 'review.event', id, '{"stage": {"before": "setup", "after": "setup"}}' FROM s;
\else
SELECT r.id AS rid, r.version AS ver, h.seq AS hseq, h.hash AS hhash FROM reviews r JOIN audit_chain_heads h ON h.chain = r.id::text WHERE r.reference = 'PGB/' || :r FOR UPDATE \gset
WITH s AS (UPDATE reviews SET snapshot = jsonb_set(snapshot, '{context,benchVersion}', to_jsonb(:ver + 1)), version = :ver + 1, updated_at = now() WHERE id = ':rid' RETURNING id), e AS (INSERT INTO review_events (review_id, seq, type, payload, actor_id, occurred_at, from_stage, to_stage, workflow_version) SELECT id, :ver + 1, 'APPOINT_CHAIR', '{"userId": "pgbench"}', NULL, now(), 'setup', 'setup', 3 FROM s), a AS (INSERT INTO audit_entries (chain, seq, recorded_at, action, review_id, changes, prev_hash, hash) VALUES (':rid', :hseq + 1, now(), 'review.event', ':rid', '{"stage": {"before": "setup", "after": "setup"}}', ':hhash', encode(sha256(convert_to(':hhash' || ':rid' || :hseq, 'UTF8')), 'hex'))) UPDATE audit_chain_heads SET seq = :hseq + 1, hash = encode(sha256(convert_to(':hhash' || ':rid' || :hseq, 'UTF8')), 'hex') WHERE chain = ':rid';
\endif
END;
