import { Module } from '@nestjs/common';

/** The combined chronology of a review, merged from the agencies' chronology documents. */
@Module({})
export class ChronologyModule {}
