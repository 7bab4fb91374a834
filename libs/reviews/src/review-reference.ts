import type { EntityManager } from 'typeorm';
import type { IdentityDirectory } from '@dhr/identity';

/**
 * Allocates the next "DHR-<code>-<year>-<nnn>" for a partnership inside the
 * caller's transaction; the counter row lock makes numbers gapless and unique.
 */
export async function allocateReference(
  directory: IdentityDirectory,
  manager: EntityManager,
  partnershipId: string,
  year: number,
): Promise<string> {
  const code = await directory.partnershipCode(partnershipId, manager);
  if (code === null) throw new Error('review for a partnership that does not exist');
  const [{ last_number }] = await manager.query(
    `INSERT INTO review_reference_counters (partnership_id, year, last_number) VALUES ($1, $2, 1)
     ON CONFLICT (partnership_id, year) DO UPDATE SET last_number = review_reference_counters.last_number + 1
     RETURNING last_number`,
    [partnershipId, year],
  );
  return `DHR-${code}-${year}-${String(last_number).padStart(3, '0')}`;
}
