import { Module } from '@nestjs/common';

/** Family members and advocates of a review, and the log of contacts with them. */
@Module({})
export class FamilyModule {}
