import { Client } from 'pg';

/** One statement a pg client sent: which connection, and its text. */
export interface SentStatement {
  client: number;
  sql: string;
}

/**
 * Counts the statements (round trips) the app sends to Postgres while `work` runs, by wrapping
 * pg's `Client.prototype.query` (TypeORM's driver and the pool both go through it). Run it with
 * nothing else in flight on the app: every statement sent meanwhile is counted.
 */
export async function countRoundTrips<T>(work: () => Promise<T>): Promise<{ result: T; statements: SentStatement[] }> {
  const statements: SentStatement[] = [];
  const ids = new WeakMap<Client, number>();
  let clients = 0;
  const original = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    if (!ids.has(this)) ids.set(this, ++clients);
    const first = args[0] as string | { text?: string };
    statements.push({ client: ids.get(this)!, sql: typeof first === 'string' ? first : (first?.text ?? '') });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    const result = await work();
    return { result, statements };
  } finally {
    Client.prototype.query = original;
  }
}

/** The statements from the row lock (a `FOR NO KEY UPDATE` read) to its COMMIT on the same connection, both included. */
export function underRowLock(statements: SentStatement[]): SentStatement[] {
  const lock = statements.findIndex((s) => /FOR NO KEY UPDATE/i.test(s.sql));
  if (lock < 0) return [];
  const onClient = statements.slice(lock).filter((s) => s.client === statements[lock].client);
  const commit = onClient.findIndex((s) => /^\s*(COMMIT|ROLLBACK)/i.test(s.sql));
  return commit < 0 ? onClient : onClient.slice(0, commit + 1);
}

/** A short summary for a failing expectation: each statement's first words. */
export const summary = (statements: SentStatement[]) => statements.map((s) => `${s.client}: ${s.sql.replace(/\s+/g, ' ').slice(0, 90)}`);
