import { Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { ClocksModule } from '@dhr/clocks';
import { AppConfig } from '@dhr/core';
import { JobHandlers, JobQueue, OutboxRelay } from '@dhr/jobs';
import { MetricsModule } from '@dhr/ops';
import { WorkflowModule } from '@dhr/workflow';
import { IdentityModule } from '@dhr/identity';
import { ReviewExtensions, ReviewsModule } from '@dhr/reviews';
import { AlarmScheduler } from './alarm-scheduler';
import { AcceptedEmails } from './delivery/accepted-emails';
import { ClockAlarmHandler } from './clock-alarm.handler';
import { DigestEmailReader } from './digest/digest-email';
import { DigestScheduler } from './digest/digest-scheduler';
import { OverdueDigestBuilder } from './digest/overdue-digest-builder';
import { OverdueDigestHandler } from './digest/overdue-digest.handler';
import { RequestDeliveryExtension } from './delivery/request-delivery.extension';
import { createMailTransport } from './email';
import { MeetingReminders } from './meeting-reminders';
import { MeetingFactsSource } from './meeting-facts';
import { EmailContextReader } from './email-context';
import { NotificationWriter } from './notification-writer';
import { ReconcileHandler } from './reconcile.handler';
import { MAIL_TRANSPORT, SendEmailHandler } from './send-email.handler';

/** Alarms and requests → notifications → email. Wires its outbox topics, job handlers and review extension at start-up. */
@Module({
  imports: [ClocksModule, WorkflowModule, IdentityModule, ReviewsModule, MetricsModule],
  providers: [
    AlarmScheduler,
    ClockAlarmHandler,
    SendEmailHandler,
    AcceptedEmails,
    ReconcileHandler,
    NotificationWriter,
    MeetingReminders,
    MeetingFactsSource,
    EmailContextReader,
    OverdueDigestBuilder,
    OverdueDigestHandler,
    DigestScheduler,
    DigestEmailReader,
    RequestDeliveryExtension,
    { provide: MAIL_TRANSPORT, inject: [AppConfig], useFactory: (config: AppConfig) => createMailTransport(config) },
  ],
  exports: [AlarmScheduler, NotificationWriter, MeetingFactsSource],
})
export class NotificationsModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly handlers: JobHandlers,
    private readonly jobs: JobQueue,
    private readonly scheduler: AlarmScheduler,
    private readonly alarms: ClockAlarmHandler,
    private readonly email: SendEmailHandler,
    private readonly reconcile: ReconcileHandler,
    private readonly meetingReminders: MeetingReminders,
    private readonly meetingFacts: MeetingFactsSource,
    private readonly digest: OverdueDigestHandler,
    private readonly extensions: ReviewExtensions,
    private readonly requestDelivery: RequestDeliveryExtension,
  ) {}

  onModuleInit(): void {
    // Requests are emailed to the agency in the event's own transaction (see delivery/).
    this.extensions.register(this.requestDelivery);
    // A relayed batch's clocks are planned together (one query, one addBulk), and its emails queued in one addBulk.
    this.relay.onBatch('clock.changed', async (rows) => void (await this.scheduler.scheduleClocks(rows.map((r) => r.clockId))));
    this.relay.on('meeting.changed', async ({ meetingId }) => void (await this.meetingReminders.schedule(meetingId)));
    this.relay.onBatch('notification.created', (rows) =>
      this.jobs.addBulk(rows.map(({ notificationId }) => ({ job: { name: 'send-email', data: { notificationId } } }))),
    );
    this.handlers.register('clock-alarm', (data) => this.alarms.handle(data));
    this.handlers.register('send-email', (data, job) => this.email.handle(data, job));
    this.handlers.register('meeting-reminder', (data) => this.meetingReminders.handle(data));
    this.handlers.register('reconcile', () => this.reconcile.handle());
    this.handlers.register('overdue-digest', (data) => this.digest.handle(data));
  }

  /** Every module has registered by now: refuse to start without the meetings lib's answers. */
  onApplicationBootstrap(): void {
    this.meetingFacts.assertProvided();
  }
}
