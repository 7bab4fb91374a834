import type { EntityManager } from 'typeorm';

/**
 * Allocates the next "DHR-<code>-<year>-<nnn>" for a partnership inside the
 * caller's transaction; the counter row lock makes numbers gapless and unique.
 */
export async function allocateReference(manager: EntityManager, partnershipId: string, year: number): Promise<string> {
  const [{ code }] = await manager.query('SELECT code FROM partnerships WHERE id = $1', [partnershipId]);
  const [{ last_number }] = await manager.query(
    `INSERT INTO review_reference_counters (partnership_id, year, last_number) VALUES ($1, $2, 1)
     ON CONFLICT (partnership_id, year) DO UPDATE SET last_number = review_reference_counters.last_number + 1
     RETURNING last_number`,
    [partnershipId, year],
  );
  return `DHR-${code}-${year}-${String(last_number).padStart(3, '0')}`;
}
