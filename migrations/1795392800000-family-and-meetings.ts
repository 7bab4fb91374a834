import { MigrationInterface, QueryRunner } from 'typeorm';

/** Family members, contact log and panel meetings (libs/family, libs/meetings). */
export class FamilyAndMeetings1795392800000 implements MigrationInterface {
  name = 'FamilyAndMeetings1795392800000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
