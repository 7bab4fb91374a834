import { isConnectionError } from '@dhr/core';
import type { JobState } from 'bullmq';
import type { JobName } from './job.types';

/**
 * How jobs retry, so that an outage costs no more than its length.
 *
 * - A job that failed because Postgres or Redis could not be reached is put back a few
 *   seconds later WITHOUT spending one of its attempts (`job.moveToDelayed`): it retries
 *   every ~5 s for as long as the outage lasts, and runs within seconds of its end.
 * - Any other failure spends an attempt and backs off exponentially, capped (`capped`
 *   backoff: 2, 4, 8, 10, 10 … s), so an alarm never sleeps for minutes behind its own retry.
 * - The sweep brings forward a due alarm whose deterministic id is held by a waiting retry
 *   (promote) or by a job that gave up (retry), since it cannot add it again.
 */

/** The custom backoff type for jobs whose retries must stay close together. */
export const CAPPED_BACKOFF = 'capped';
/** The longest wait between two tries of a `capped` job. */
export const MAX_BACKOFF_MS = 10_000;
/** How long a job waits before trying again while a dependency is unreachable (± jitter). */
export const OUTAGE_RETRY_MS = 5_000;

/** BullMQ's custom backoff strategy: 2 s, 4 s, 8 s, … capped at MAX_BACKOFF_MS. */
export function cappedBackoff(attemptsMade: number, type?: string, _error?: Error, job?: { opts?: { backoff?: unknown } }): number {
  if (type !== undefined && type !== CAPPED_BACKOFF) throw new Error(`unknown backoff type ${type}`);
  const backoff = job?.opts?.backoff as { delay?: number } | undefined;
  const base = backoff?.delay ?? 2000;
  return Math.min(base * 2 ** Math.max(0, attemptsMade - 1), MAX_BACKOFF_MS);
}

/** When to try again during an outage: OUTAGE_RETRY_MS ± 20 %, so a backlog does not retry in lockstep. */
export function outageRetryAt(now: number, random: () => number = Math.random): number {
  return now + Math.round(OUTAGE_RETRY_MS * (0.8 + 0.4 * random()));
}

/**
 * Jobs that wait out an outage for free. Not the sweep: it runs again on its own beat,
 * and delaying a scheduler's job would only pile sweeps up for the end of the outage.
 */
export function waitsOutOutages(name: JobName | string): boolean {
  return name !== 'reconcile' && name !== 'backfill-document-text';
}

/**
 * Did this fail because Postgres or Redis could not be reached (rather than because of
 * the job itself)? The one classification of outages (core's), less the mail server's
 * own errors: those are not ours to wait out, the email's attempts and backoff decide.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  if (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'MailSendError') return false;
  return isConnectionError(error);
}

/**
 * What the sweep does with a job it re-asserts whose id is already taken: a due job held
 * back by a retry's backoff is promoted, one that gave up is retried; anything else
 * (waiting, running, done, or not yet due) is left alone.
 */
export function bringForward(state: JobState | 'unknown', runAt: Date | undefined, now: Date): 'promote' | 'retry' | null {
  if (runAt && runAt.getTime() > now.getTime()) return null;
  if (state === 'delayed') return 'promote';
  if (state === 'failed') return 'retry';
  return null;
}
