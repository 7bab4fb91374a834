import type { AppConfig } from '@dhr/core';
import { sql } from '../notifications-db';

/** The tables whose content no refused request may change. */
export const STORED_TABLES = [
  'partnerships',
  'agencies',
  'users',
  'user_memberships',
  'reviews',
  'review_events',
  'review_reference_counters',
  'clocks',
  'outbox',
  'notifications',
  'email_attempts',
  'documents',
  'document_versions',
  'identifying_terms',
  'identifying_term_acceptances',
  'meetings',
  'meeting_attendees',
  'recommendations',
  'action_details',
  'family_members',
  'family_contacts',
] as const;

export type DbSnapshot = Record<string, { rows: number; md5: string }>;

/** Row count and an md5 of every row's text, in a fixed order, per table. */
export async function dbSnapshot(config: AppConfig): Promise<DbSnapshot> {
  const snapshot: DbSnapshot = {};
  for (const table of STORED_TABLES) {
    const [row] = await sql<{ rows: number; md5: string }>(
      config,
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM ${table} t`,
    );
    snapshot[table] = row;
  }
  return snapshot;
}

/** How many audit entries there are of each action. */
export async function auditCounts(config: AppConfig): Promise<Record<string, number>> {
  const rows = await sql<{ action: string; n: number }>(config, 'SELECT action, count(*)::int AS n FROM audit_entries GROUP BY action');
  return Object.fromEntries(rows.map((r) => [r.action, r.n]));
}

/** The actions whose count grew (with by how much), and any that shrank (an append-only table must never shrink). */
export function auditGrowth(before: Record<string, number>, after: Record<string, number>) {
  const grew: Record<string, number> = {};
  const shrank: string[] = [];
  for (const action of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const diff = (after[action] ?? 0) - (before[action] ?? 0);
    if (diff > 0) grew[action] = diff;
    if (diff < 0) shrank.push(action);
  }
  return { grew, shrank };
}
