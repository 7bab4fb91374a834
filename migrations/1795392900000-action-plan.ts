import { MigrationInterface, QueryRunner } from 'typeorm';

/** Recommendations and action details of the action plan (libs/action-plan). */
export class ActionPlan1795392900000 implements MigrationInterface {
  name = 'ActionPlan1795392900000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
