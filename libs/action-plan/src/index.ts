export * from './action-plan.module';
