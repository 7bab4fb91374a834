import { jobOptions } from './job-options';
import {
  bringForward,
  CAPPED_BACKOFF,
  cappedBackoff,
  isDependencyUnavailable,
  MAX_BACKOFF_MS,
  OUTAGE_RETRY_MS,
  outageRetryAt,
  waitsOutOutages,
} from './retry-policy';

describe('retry policy', () => {
  it('backs an alarm off 2, 4, 8 s and then never more than 10 s', () => {
    const job = { opts: { backoff: { type: CAPPED_BACKOFF, delay: 2000 } } };
    const delays = [1, 2, 3, 4, 5, 9].map((n) => cappedBackoff(n, CAPPED_BACKOFF, undefined, job));
    expect(delays).toEqual([2000, 4000, 8000, 10_000, 10_000, 10_000]);
    expect(MAX_BACKOFF_MS).toBeLessThanOrEqual(10_000);
  });

  it('gives every alarm-like job the capped backoff; emails keep theirs', () => {
    const due = '2026-11-22T14:00:00Z';
    expect(jobOptions({ name: 'clock-alarm', data: { clockId: 'c1', step: 'escalation-0', dueAt: due } }).backoff).toEqual({
      type: CAPPED_BACKOFF,
      delay: 2000,
    });
    expect(jobOptions({ name: 'meeting-reminder', data: { meetingId: 'm1', sequence: 1 } }).backoff).toMatchObject({
      type: CAPPED_BACKOFF,
    });
    expect(jobOptions({ name: 'overdue-digest', data: { day: '2026-12-09' } }).backoff).toMatchObject({ type: CAPPED_BACKOFF });
    expect(jobOptions({ name: 'send-email', data: { notificationId: 'n1' } }).backoff).toMatchObject({ type: 'exponential' });
  });

  it('retries within a few seconds during an outage, jittered so a backlog does not move in lockstep', () => {
    const now = 1_000_000;
    expect(outageRetryAt(now, () => 0) - now).toBe(OUTAGE_RETRY_MS * 0.8);
    expect(outageRetryAt(now, () => 1) - now).toBe(OUTAGE_RETRY_MS * 1.2);
    // After the outage ends, the next try comes well within the 30 s promised.
    expect(outageRetryAt(now, () => 1) - now).toBeLessThanOrEqual(10_000);
  });

  it('waits out an outage for every job but the sweep', () => {
    expect(['clock-alarm', 'send-email', 'meeting-reminder', 'overdue-digest'].every(waitsOutOutages)).toBe(true);
    expect(waitsOutOutages('reconcile')).toBe(false);
  });

  it('knows Postgres and Redis being unreachable from a failure of the job itself', () => {
    const pg = (code: string, message = 'x') => Object.assign(new Error(message), { code });
    expect(isDependencyUnavailable(pg('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true);
    expect(isDependencyUnavailable(pg('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isDependencyUnavailable(pg('57P03', 'the database system is starting up'))).toBe(true);
    expect(isDependencyUnavailable(pg('08006'))).toBe(true);
    expect(isDependencyUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDependencyUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDependencyUnavailable(new Error('Connection is closed.'))).toBe(true); // ioredis
    // TypeORM's QueryFailedError keeps pg's error as driverError; Node's AggregateError (both addresses of localhost) in errors.
    expect(isDependencyUnavailable(Object.assign(new Error('query failed'), { driverError: pg('57P01') }))).toBe(true);
    expect(isDependencyUnavailable(new AggregateError([pg('ECONNREFUSED'), pg('ECONNREFUSED')]))).toBe(true);

    expect(isDependencyUnavailable(pg('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    expect(isDependencyUnavailable(pg('40P01', 'deadlock detected'))).toBe(false);
    expect(isDependencyUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDependencyUnavailable(null)).toBe(false);
    // The mail server being down is the email's own failure: its attempts and backoff decide.
    const smtpDown = Object.assign(new Error('Mail not sent: ECONNECTION ECONNREFUSED'), { name: 'MailSendError', code: 'ECONNREFUSED' });
    expect(isDependencyUnavailable(smtpDown)).toBe(false);
  });

  it('lets the sweep bring a due job forward from a waiting retry or a job that gave up, and nothing else', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    const past = new Date('2026-11-22T11:59:00Z');
    const future = new Date('2026-11-22T12:05:00Z');
    expect(bringForward('delayed', past, now)).toBe('promote');
    expect(bringForward('delayed', now, now)).toBe('promote');
    expect(bringForward('failed', past, now)).toBe('retry');
    expect(bringForward('delayed', future, now)).toBeNull(); // a future alarm waits for its time
    expect(bringForward('failed', future, now)).toBeNull();
    for (const state of ['waiting', 'active', 'completed', 'prioritized', 'unknown'] as const) {
      expect(bringForward(state, past, now)).toBeNull();
    }
  });
});
