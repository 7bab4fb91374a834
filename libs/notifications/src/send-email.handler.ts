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
import { AcceptedAttempt, AcceptedEmails } from './delivery/accepted-emails';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/**
 * Delivers one notification. Every attempt and its SMTP answer is recorded; a
 * transient failure is retried with backoff by BullMQ; a permanent one (or the
 * last try) marks the notification failed and tells the coordinators instead.
 *
 * Once the mail server has accepted a message it is never sent again, whatever happens
 * to Postgres: the send and its record are separate steps. If the record cannot be
 * written, the acceptance is first remembered in Redis (AcceptedEmails), then the
 * write alone is retried in-process with a bounded backoff; if Postgres is still
 * unreachable the job fails without sending, and its next try (or a worker taking it
 * over) finds the marker and writes the record instead of sending.
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
    private readonly accepted: AcceptedEmails,
  ) {}

  async handle(data: JobPayloads['send-email'], job: Job): Promise<void> {
    const digest = await this.digests.load(this.db.manager, data.notificationId, this.clock.now(), this.config.PUBLIC_URL);
    if (digest) return this.sendDigest(digest, job);
    const context = await this.contexts.load(this.db.manager, data.notificationId);
    if (!context || context.status !== 'pending') return; // sent already, or gone: nothing to do
    if (await this.recordedFromMarker(context.id, job)) return;
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
    // Before the check for anything left overdue: a digest the server accepted is recorded as sent, not superseded.
    if (await this.recordedFromMarker(digest.id, job)) return;
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
    let result: MailSendResult;
    try {
      result = await send();
    } catch (error) {
      const permanent = error instanceof MailSendError && error.permanent;
      const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? EMAIL_ATTEMPTS);
      await retryWrite(() =>
        this.recordFailure(notification.id, notification.about, attempt, startedAt, error as Error, permanent || lastTry),
      );
      if (permanent || lastTry) await this.relay.relayPending();
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
    // Accepted: from here on this message is never sent again, only recorded.
    const accepted: AcceptedAttempt = {
      attempt,
      startedAt: startedAt.toISOString(),
      acceptedAt: new Date().toISOString(),
      response: result.response,
    };
    await this.recordAccepted(notification.id, accepted);
    this.metrics.emailSent();
    this.logger.log(`email sent: ${ids}`);
  }

  /**
   * Records an accepted send. The first write failing (Postgres restarting, a dropped
   * connection) leaves a marker in Redis before the write is retried, so that if every
   * retry fails too the job's next try records it rather than sending it again.
   */
  private async recordAccepted(notificationId: string, accepted: AcceptedAttempt): Promise<void> {
    try {
      await this.writeSent(notificationId, accepted);
      return;
    } catch (error) {
      this.logger.warn(`email sent but not yet recorded: notification ${notificationId} (${(error as Error).name}); retrying the record`);
      await this.accepted
        .remember(notificationId, accepted)
        .catch((e: Error) => this.logger.warn(`accepted-email marker not kept: ${e.name}`));
    }
    await retryWrite(() => this.writeSent(notificationId, accepted));
    await this.accepted.forget(notificationId).catch(() => undefined); // it expires anyway
  }

  /**
   * On a job's later tries only (a retry, or a take-over after a crash): was this email
   * already accepted by the server, with the record still to write? Then write it, send nothing.
   */
  private async recordedFromMarker(notificationId: string, job: Job): Promise<boolean> {
    if ((job.attemptsStarted ?? 0) <= 1 && (job.attemptsMade ?? 0) === 0) return false;
    const accepted = await this.accepted.recall(notificationId);
    if (!accepted) return false;
    await this.writeSent(notificationId, accepted);
    await this.accepted.forget(notificationId).catch(() => undefined);
    this.metrics.emailSent();
    this.logger.log(`email recorded after a failed write, not sent again: notification ${notificationId}, attempt ${accepted.attempt}`);
    return true;
  }

  /** The attempt that reached the server, once (a retried write whose COMMIT did land adds nothing), and the notification sent. */
  private async writeSent(notificationId: string, accepted: AcceptedAttempt): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO email_attempts (notification_id, attempt, started_at, finished_at, outcome, smtp_response)
         SELECT $1, $2, $3, $4, 'sent', $5
          WHERE NOT EXISTS (SELECT 1 FROM email_attempts WHERE notification_id = $1 AND attempt = $2 AND outcome = 'sent')`,
        [notificationId, accepted.attempt, accepted.startedAt, accepted.acceptedAt, accepted.response],
      );
      await m.query(`UPDATE notifications SET status = 'sent', sent_at = $2 WHERE id = $1`, [notificationId, accepted.acceptedAt]);
    });
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
  }

  async onModuleDestroy(): Promise<void> {
    await this.transport.close();
  }
}

/** Waits between in-process retries of a record write: about 8 s in all, then the job's own retry takes over. */
export const RECORD_RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000];

/** Retries a database write (never a send) a few times, for a Postgres restart or a dropped connection. */
async function retryWrite(write: () => Promise<void>, delays = RECORD_RETRY_DELAYS_MS): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      return await write();
    } catch (error) {
      if (i >= delays.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, delays[i]));
    }
  }
}
