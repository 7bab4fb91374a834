import { JobHandlers } from './job-handlers';
import { jobOptions } from './job-options';

describe('jobs', () => {
  it('refuses to start while a job name has no handler', () => {
    const handlers = new JobHandlers();
    handlers.register('clock-alarm', async () => undefined);
    expect(() => handlers.assertComplete()).toThrow(
      'jobs without a handler: send-email, meeting-reminder, reconcile, overdue-digest, index-document-text, backfill-document-text',
    );
    handlers.register('send-email', async () => undefined);
    handlers.register('meeting-reminder', async () => undefined);
    handlers.register('reconcile', async () => undefined);
    handlers.register('overdue-digest', async () => undefined);
    handlers.register('index-document-text', async () => undefined);
    handlers.register('backfill-document-text', async () => undefined);
    expect(() => handlers.assertComplete()).not.toThrow();
    expect(() => handlers.register('reconcile', async () => undefined)).toThrow('already has a handler');
  });

  it('gives the same alarm the same id, and a moved due time a new one', () => {
    const alarm = (dueAt: string) => jobOptions({ name: 'clock-alarm', data: { clockId: 'c1', step: 'reminder-7d', dueAt } }).jobId;
    expect(alarm('2026-11-22T14:00:00.000Z')).toBe(alarm('2026-11-22T14:00:00Z'));
    expect(alarm('2026-11-22T14:00:00Z')).not.toBe(alarm('2026-11-23T14:00:00Z'));
    expect(alarm('2026-11-22T14:00:00Z')).not.toContain(':'); // BullMQ refuses ':' in custom ids
  });

  it('gives a meeting reminder one id per meeting version', () => {
    const reminder = (sequence: number) => jobOptions({ name: 'meeting-reminder', data: { meetingId: 'm1', sequence } }).jobId;
    expect(reminder(2)).toBe('meeting_m1_2');
    expect(reminder(2)).not.toBe(reminder(3));
  });

  it('gives the overdue digest one id per London day', () => {
    const digest = (day: string) => jobOptions({ name: 'overdue-digest', data: { day } }).jobId;
    expect(digest('2026-12-09')).toBe('digest_2026-12-09');
    expect(digest('2026-12-09')).not.toBe(digest('2026-12-10'));
  });

  it('delays a job until its time, and never into the past', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    const job = { name: 'send-email' as const, data: { notificationId: 'n1' } };
    expect(jobOptions(job, new Date('2026-11-22T12:00:05Z'), now).delay).toBe(5000);
    expect(jobOptions(job, new Date('2026-11-22T11:00:00Z'), now).delay).toBe(0);
  });
});
