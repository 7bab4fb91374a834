// What other libs and the apps use of the meetings lib: the module, the service, its DTOs and views, and
// MeetingsReadModel (the notification pipeline's reads of the meetings tables).
export * from './meeting.dto';
export type { MeetingAttendeeView, MeetingStatus, MeetingView } from './meeting.view';
export * from './meetings.module';
export * from './meetings.service';
export * from './meetings-read-model';
