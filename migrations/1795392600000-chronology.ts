import { MigrationInterface, QueryRunner } from 'typeorm';

/** Combined chronology: owned by the chronology lib (libs/chronology). */
export class Chronology1795392600000 implements MigrationInterface {
  name = 'Chronology1795392600000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
