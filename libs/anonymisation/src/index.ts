export * from './anonymisation.module';
