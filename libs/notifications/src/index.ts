export * from './alarm-scheduler';
export * from './notifications.module';
