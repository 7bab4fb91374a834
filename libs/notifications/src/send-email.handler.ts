import { IdentityDirectory } from '@dhr/identity';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@dhr/core';
import { EMAIL_ATTEMPTS, JobPayloads, OutboxRelay } from '@dhr/jobs';
import { Metrics } from '@dhr/ops';
import { MailSendError, MailTransport, renderEmail, reviewUrl } from './email';
import { EmailContext, EmailContextReader } from './email-context';
import { isStaleMeetingEmail, meetingIcalEvent } from './meeting-email';
import { NotificationWriter } from './notification-writer';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/**
 * Delivers one notification. Every attempt and its SMTP answer is recorded; a
 * transient failure is retried with backoff by BullMQ; a permanent one (or the
 * last try) marks the notification failed and tells the coordinators instead.
 */
@Injectable()
export class SendEmailHandler implements OnModuleDestroy {
  private readonly logger = new Logger('Email');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly notifications: NotificationWriter,
    private readonly directory: IdentityDirectory,
    private readonly contexts: EmailContextReader,
    private readonly relay: OutboxRelay,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  async handle(data: JobPayloads['send-email'], job: Job): Promise<void> {
    const context = await this.contexts.load(this.db.manager, data.notificationId);
    if (!context || context.status !== 'pending') return; // sent already, or gone: nothing to do
    if (isStaleMeetingEmail(context, this.clock.now())) {
      // The meeting changed (or was cancelled) since: the newer email carries the news.
      await this.db.query(`UPDATE notifications SET status = 'superseded' WHERE id = $1 AND status = 'pending'`, [context.id]);
      return;
    }
    const attempt = await this.countAttempt(data.notificationId);
    const startedAt = this.clock.now();
    const email = renderEmail(context.template, { ...context.emailData, publicUrl: this.config.PUBLIC_URL });
    try {
      const icalEvent = meetingIcalEvent(context, {
        organizer: this.config.MAIL_FROM,
        reviewUrl: reviewUrl(this.config.PUBLIC_URL, context.reviewId),
        stamp: startedAt,
      });
      const result = await this.transport.send({
        to: context.recipientEmail,
        ...email,
        messageId: `<${context.id}@dhr-engine>`,
        ...(icalEvent ? { icalEvent } : {}),
      });
      await this.db.transaction(async (m) => {
        await m.query(
          `INSERT INTO email_attempts (notification_id, attempt, started_at, outcome, smtp_response) VALUES ($1, $2, $3, 'sent', $4)`,
          [context.id, attempt, startedAt, result.response],
        );
        await m.query(`UPDATE notifications SET status = 'sent', sent_at = now() WHERE id = $1`, [context.id]);
      });
      this.metrics.emailSent();
      this.logger.log(`email sent: notification ${context.id}, clock ${context.clockId ?? '-'}, attempt ${attempt}`);
    } catch (error) {
      const permanent = error instanceof MailSendError && error.permanent;
      const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? EMAIL_ATTEMPTS);
      await this.recordFailure(context, attempt, startedAt, error as Error, permanent || lastTry);
      // Ids, the attempt and the SMTP code only: the error's text can quote the address.
      const why = `${(error as Error).name}${error instanceof MailSendError && error.responseCode ? ` ${error.responseCode}` : ''}`;
      const ids = `notification ${context.id}, clock ${context.clockId ?? '-'}, attempt ${attempt}`;
      if (permanent || lastTry) {
        this.metrics.emailFailed();
        this.logger.warn(`email failed: ${ids} (${why}, ${permanent ? 'permanent' : 'last try'})`);
        return;
      }
      this.metrics.emailRetried();
      this.logger.warn(`email retried: ${ids} (${why})`);
      throw error; // BullMQ retries with exponential backoff
    }
  }

  private async countAttempt(notificationId: string): Promise<number> {
    const [row] = await this.db.query('UPDATE notifications SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts', [
      notificationId,
    ]);
    return (Array.isArray(row) ? row[0] : row).attempts;
  }

  private async recordFailure(context: EmailContext, attempt: number, startedAt: Date, error: Error, final: boolean): Promise<void> {
    const outcome = final ? 'permanent_failure' : 'transient_failure';
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO email_attempts (notification_id, attempt, started_at, outcome, smtp_response) VALUES ($1, $2, $3, $4, $5)`,
        [context.id, attempt, startedAt, outcome, error.message.slice(0, 2000)],
      );
      if (!final) return;
      await m.query(`UPDATE notifications SET status = 'failed', failed_at = now() WHERE id = $1`, [context.id]);
      // A notice that could not be delivered must not vanish: tell the coordinators.
      // (Not for a failed failure notice, which would loop.)
      if (context.template === 'email.failed') return;
      const coordinators = await this.directory.userIdsWithRole(context.partnershipId, ['coordinator'], m);
      await this.notifications.create(m, {
        reviewId: context.reviewId,
        clockId: context.clockId,
        clockDueAt: null,
        template: 'email.failed',
        step: 'email-failed',
        alarmKey: `email-failed:${context.id}`,
        recipientIds: coordinators.filter((id) => id !== context.recipientId),
        aboutNotificationId: context.id,
        meetingId: context.meeting?.id ?? null,
        meetingSequence: context.meeting?.notifiedSequence ?? null,
      });
    });
    if (final) await this.relay.relayPending();
  }

  async onModuleDestroy(): Promise<void> {
    await this.transport.close();
  }
}
