import type { JobsOptions } from 'bullmq';
import type { JobItem } from './job.types';
import { CAPPED_BACKOFF } from './retry-policy';

/**
 * The one place for job ids and options. Ids are deterministic, so adding the same
 * job twice (relay and sweep, two workers) is a no-op in Redis, and Postgres keys
 * make a re-run harmless anyway.
 */
export function jobOptions(job: JobItem, runAt?: Date, now = new Date()): JobsOptions {
  const delay = runAt ? Math.max(0, runAt.getTime() - now.getTime()) : 0;
  const keep = { removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 30 * 24 * 3600 } };
  switch (job.name) {
    case 'clock-alarm':
      return {
        ...keep,
        delay,
        jobId: `alarm_${job.data.clockId}_${job.data.step}_${Date.parse(job.data.dueAt)}`,
        attempts: 10,
        // 2, 4, 8, 10, 10 … s: an alarm never sleeps for minutes behind its own retry (outages cost no attempt at all).
        backoff: { type: CAPPED_BACKOFF, delay: 2000 },
      };
    case 'send-email':
      return {
        ...keep,
        delay,
        jobId: `email_${job.data.notificationId}`,
        attempts: EMAIL_ATTEMPTS,
        backoff: { type: 'exponential', delay: 2000 },
      };
    case 'meeting-reminder':
      return {
        ...keep,
        delay,
        jobId: `meeting_${job.data.meetingId}_${job.data.sequence}`,
        attempts: 10,
        backoff: { type: CAPPED_BACKOFF, delay: 2000 },
      };
    case 'overdue-digest':
      // One job per London day: planned again by every sweep, it is only ever added once.
      return { ...keep, delay, jobId: `digest_${job.data.day}`, attempts: 10, backoff: { type: CAPPED_BACKOFF, delay: 2000 } };
    case 'index-document-text':
      return { ...keep, delay, jobId: `doctext_${job.data.versionId}`, attempts: 5, backoff: { type: 'exponential', delay: 5000 } };
    case 'backfill-document-text':
      // Queued by every sweep: a new id each time (a run that finds nothing to do is cheap).
      return { ...keep, delay, jobId: `doctext-backfill_${now.getTime()}`, attempts: 1 };
    case 'reconcile':
      return { ...keep, delay, jobId: `reconcile_${now.getTime()}`, attempts: 1 };
  }
}

/** Tries per email before it counts as permanently failed (2s, 4s, 8s … between them). */
export const EMAIL_ATTEMPTS = 6;
