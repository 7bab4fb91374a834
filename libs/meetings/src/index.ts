export * from './meeting.dto';
export * from './meeting.view';
export * from './meetings.module';
export * from './meetings.service';
