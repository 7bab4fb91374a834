import { Module } from '@nestjs/common';

/** Identifying terms of a review and the anonymisation check before PUBLISH. */
@Module({})
export class AnonymisationModule {}
