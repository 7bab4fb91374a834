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
  /** Index the text of one stored document version for search (libs/search). */
  'index-document-text': { versionId: string };
  /** Index every document version not indexed yet (versions stored before search, or whose job was lost): queued by the sweep. */
  'backfill-document-text': Record<string, never>;
}

export type JobName = keyof JobPayloads;
export type JobOf<N extends JobName> = { name: N; data: JobPayloads[N] };
export type JobItem = { [N in JobName]: JobOf<N> }[JobName];

export const QUEUES = { alarms: 'alarms', email: 'email', maintenance: 'maintenance', search: 'search' } as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOB_QUEUE: Record<JobName, QueueName> = {
  'clock-alarm': QUEUES.alarms,
  'send-email': QUEUES.email,
  'meeting-reminder': QUEUES.alarms,
  reconcile: QUEUES.maintenance,
  'overdue-digest': QUEUES.alarms,
  // Their own queue: reading a long PDF must not hold up the sweep or an alarm.
  'index-document-text': QUEUES.search,
  'backfill-document-text': QUEUES.search,
};

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];
