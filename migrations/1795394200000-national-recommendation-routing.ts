import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a national recommendation was sent (owned by libs/action-plan): the government
 * department or national body, the date it was sent, and the department's response with
 * the date it was received. Only national recommendations are routed; a department goes
 * with its sent date, a response with its date, and a response follows the sending.
 */
export class NationalRecommendationRouting1795394200000 implements MigrationInterface {
  name = 'NationalRecommendationRouting1795394200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE recommendations
        ADD COLUMN department text CHECK (length(department) BETWEEN 1 AND 200),
        ADD COLUMN sent_on date,
        ADD COLUMN response text CHECK (length(response) BETWEEN 1 AND 4000),
        ADD COLUMN responded_on date`);
    await q.query(`
      ALTER TABLE recommendations ADD CONSTRAINT recommendations_routing CHECK (
        (department IS NULL) = (sent_on IS NULL)
        AND (response IS NULL) = (responded_on IS NULL)
        AND (response IS NULL OR (sent_on IS NOT NULL AND responded_on >= sent_on))
        AND (scope = 'national' OR department IS NULL)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE recommendations DROP CONSTRAINT recommendations_routing`);
    await q.query(
      `ALTER TABLE recommendations DROP COLUMN department, DROP COLUMN sent_on, DROP COLUMN response, DROP COLUMN responded_on`,
    );
  }
}
