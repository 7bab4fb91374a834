/**
 * Every job the engine runs, as one typed union (after immich). Payloads carry
 * ids only: never names, pseudonyms or addresses.
 */
export interface JobPayloads {
  /** A reminder or escalation time of one clock. `dueAt` pins the due time it was planned for. */
  'clock-alarm': { clockId: string; step: string; dueAt: string };
  /** Deliver one notification by email. */
  'send-email': { notificationId: string };
  /** The day-before reminder of one panel meeting. `sequence` pins the version of the meeting it was planned for. */
  'meeting-reminder': { meetingId: string; sequence: number };
  /** Relay the outbox and re-create any alarm missing from Redis. */
  reconcile: Record<string, never>;
  /** The daily overdue digest of one London working day (`day`: YYYY-MM-DD), built from Postgres when it runs. */
  'overdue-digest': { day: string };
}

export type JobName = keyof JobPayloads;
export type JobOf<N extends JobName> = { name: N; data: JobPayloads[N] };
export type JobItem = { [N in JobName]: JobOf<N> }[JobName];

export const QUEUES = { alarms: 'alarms', email: 'email', maintenance: 'maintenance' } as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOB_QUEUE: Record<JobName, QueueName> = {
  'clock-alarm': QUEUES.alarms,
  'send-email': QUEUES.email,
  'meeting-reminder': QUEUES.alarms,
  reconcile: QUEUES.maintenance,
  'overdue-digest': QUEUES.alarms,
};

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];
