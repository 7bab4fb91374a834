import type { DataSource, EntityManager } from 'typeorm';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock detected

/**
 * Runs `work` in a transaction, again from the start if Postgres aborted it as a
 * deadlock victim or for serialization: nothing of the failed try was committed.
 */
export async function inTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
      if (attempt >= tries || !code || !RETRYABLE.has(code)) throw error;
    }
  }
}
