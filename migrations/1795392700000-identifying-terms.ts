import { MigrationInterface, QueryRunner } from 'typeorm';

/** Identifying terms and accepted matches for the anonymisation check (libs/anonymisation). */
export class IdentifyingTerms1795392700000 implements MigrationInterface {
  name = 'IdentifyingTerms1795392700000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
