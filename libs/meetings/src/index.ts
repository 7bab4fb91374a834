export * from './meetings.module';
