import { Module } from '@nestjs/common';

/** The action plan: recommendations, their actions, and the progress export. */
@Module({})
export class ActionPlanModule {}
