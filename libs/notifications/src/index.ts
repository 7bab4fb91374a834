export * from './alarm-scheduler';
export * from './notifications.module';
export { NotificationWriter } from './notification-writer';
export type { NewNotifications, NotificationTemplate } from './notification-writer';
export { meetingReminderAt } from './email';
export { MeetingFactsSource } from './meeting-facts';
export type { MeetingFact, MeetingFacts } from './meeting-facts';
