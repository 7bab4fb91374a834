import { Injectable } from '@nestjs/common';
import { AppConfig } from '@dhr/core';
import { JobQueue } from '@dhr/jobs';

/** One attempt the mail server accepted: what its record in Postgres will say. */
export interface AcceptedAttempt {
  attempt: number;
  startedAt: string;
  acceptedAt: string;
  /** The server's reply, addresses removed. */
  response: string;
}

/** Long enough to outlast any outage; the marker is deleted once Postgres has the record. */
const KEEP_SECONDS = 30 * 24 * 3600;
/** A marker that cannot be written this fast is skipped: Postgres is retried in-process anyway. */
const WRITE_TIMEOUT_MS = 2000;

/**
 * Remembers, outside Postgres, that the mail server accepted a notification's email, for
 * as long as Postgres cannot record it: in Redis beside the email's own job, so that
 * the job's next try records the send instead of sending again.
 */
@Injectable()
export class AcceptedEmails {
  constructor(
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async remember(notificationId: string, accepted: AcceptedAttempt): Promise<void> {
    const write = this.jobs.connection.set(this.key(notificationId), JSON.stringify(accepted), 'EX', KEEP_SECONDS);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('accepted-email marker not written in time')), WRITE_TIMEOUT_MS);
    });
    try {
      await Promise.race([write, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async recall(notificationId: string): Promise<AcceptedAttempt | null> {
    const text = await this.jobs.connection.get(this.key(notificationId));
    return text ? (JSON.parse(text) as AcceptedAttempt) : null;
  }

  async forget(notificationId: string): Promise<void> {
    await this.jobs.connection.del(this.key(notificationId));
  }

  private key(notificationId: string): string {
    return `${this.config.QUEUE_PREFIX}:email-accepted:${notificationId}`;
  }
}
