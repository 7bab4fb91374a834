import { IdentityDirectory } from '@dhr/identity';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@dhr/core';
import { EMAIL_ATTEMPTS, JobPayloads, OutboxRelay } from '@dhr/jobs';
import { Metrics } from '@dhr/ops';
import { DigestEmailReader, DigestToSend } from './digest/digest-email';
import { MailSendError, MailSendResult, MailTransport, renderEmail, reviewUrl } from './email';
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
    private readonly digests: DigestEmailReader,
    private readonly relay: OutboxRelay,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  async handle(data: JobPayloads['send-email'], job: Job): Promise<void> {
    const digest = await this.digests.load(this.db.manager, data.notificationId, this.clock.now(), this.config.PUBLIC_URL);
    if (digest) return this.sendDigest(digest, job);
    const context = await this.contexts.load(this.db.manager, data.notificationId);
    if (!context || context.status !== 'pending') return; // sent already, or gone: nothing to do
    if (isStaleMeetingEmail(context, this.clock.now())) {
      // The meeting changed (or was cancelled) since: the newer email carries the news.
      await this.supersede(context.id);
      return;
    }
    const attempt = await this.countAttempt(data.notificationId);
    const startedAt = this.clock.now();
    const email = renderEmail(context.template, { ...context.emailData, publicUrl: this.config.PUBLIC_URL });
    await this.deliver({ id: context.id, clockId: context.clockId, about: context }, attempt, startedAt, job, () => {
      const { from, replyTo } = context.sender;
      const icalEvent = meetingIcalEvent(context, {
        organizer: from.name ? `${from.name} <${from.address}>` : from.address,
        reviewUrl: reviewUrl(this.config.PUBLIC_URL, context.reviewId),
        stamp: startedAt,
      });
      return this.transport.send({
        to: context.recipientEmail,
        // As the review's partnership: its sender, and replies to its contact (or coordinators).
        from,
        replyTo,
        ...email,
        messageId: `<${context.id}@dhr-engine>`,
        ...(icalEvent ? { icalEvent } : {}),
      });
    });
  }

  /**
   * The daily digest goes the same way (attempts, retries, Message-ID), its email built when it
   * is sent; with nothing left overdue by then it is superseded. One that cannot be delivered is
   * marked failed without a notice to the coordinators: it is about no one review, and each of
   * its items has been escalated on its own.
   */
  private async sendDigest(digest: DigestToSend, job: Job): Promise<void> {
    if (digest.status !== 'pending') return;
    const email = digest.email;
    if (!email) return this.supersede(digest.id);
    const attempt = await this.countAttempt(digest.id);
    const startedAt = this.clock.now();
    await this.deliver({ id: digest.id, clockId: null, about: null }, attempt, startedAt, job, () =>
      this.transport.send({ to: digest.recipientEmail, ...email, messageId: `<${digest.id}@dhr-engine>` }),
    );
  }

  /** Sends, and records the attempt: sent, retried (throws, for BullMQ's backoff) or failed for good. */
  private async deliver(
    notification: { id: string; clockId: string | null; about: EmailContext | null },
    attempt: number,
    startedAt: Date,
    job: Job,
    send: () => Promise<MailSendResult>,
  ): Promise<void> {
    const ids = `notification ${notification.id}, clock ${notification.clockId ?? '-'}, attempt ${attempt}`;
    try {
      const result = await send();
      await this.db.transaction(async (m) => {
        await m.query(
          `INSERT INTO email_attempts (notification_id, attempt, started_at, outcome, smtp_response) VALUES ($1, $2, $3, 'sent', $4)`,
          [notification.id, attempt, startedAt, result.response],
        );
        await m.query(`UPDATE notifications SET status = 'sent', sent_at = now() WHERE id = $1`, [notification.id]);
      });
      this.metrics.emailSent();
      this.logger.log(`email sent: ${ids}`);
    } catch (error) {
      const permanent = error instanceof MailSendError && error.permanent;
      const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? EMAIL_ATTEMPTS);
      await this.recordFailure(notification.id, notification.about, attempt, startedAt, error as Error, permanent || lastTry);
      // Ids, the attempt and the SMTP code only: the error's text can quote the address.
      const why = `${(error as Error).name}${error instanceof MailSendError && error.responseCode ? ` ${error.responseCode}` : ''}`;
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

  private async supersede(notificationId: string): Promise<void> {
    await this.db.query(`UPDATE notifications SET status = 'superseded' WHERE id = $1 AND status = 'pending'`, [notificationId]);
  }

  private async countAttempt(notificationId: string): Promise<number> {
    const [row] = await this.db.query('UPDATE notifications SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts', [
      notificationId,
    ]);
    return (Array.isArray(row) ? row[0] : row).attempts;
  }

  /** `context`: the notification to tell the coordinators about when it fails for good (none for a digest). */
  private async recordFailure(
    notificationId: string,
    context: EmailContext | null,
    attempt: number,
    startedAt: Date,
    error: Error,
    final: boolean,
  ): Promise<void> {
    const outcome = final ? 'permanent_failure' : 'transient_failure';
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO email_attempts (notification_id, attempt, started_at, outcome, smtp_response) VALUES ($1, $2, $3, $4, $5)`,
        [notificationId, attempt, startedAt, outcome, error.message.slice(0, 2000)],
      );
      if (!final) return;
      await m.query(`UPDATE notifications SET status = 'failed', failed_at = now() WHERE id = $1`, [notificationId]);
      // A notice that could not be delivered must not vanish: tell the coordinators.
      // (Not for a failed failure notice, which would loop.)
      if (!context || context.template === 'email.failed') return;
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
