import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Jobs of one queue in one BullMQ state (waiting, delayed, active, failed, …). */
export interface QueueDepth {
  queue: string;
  state: string;
  count: number;
}

/** Where the scrape-time gauges read from; registered by OpsModule (Postgres and BullMQ), absent elsewhere. */
export interface ScrapeSources {
  outboxDepth(): Promise<number>;
  queueDepths(): Promise<QueueDepth[]>;
}

/** A scrape never waits longer than this on Postgres or Redis. */
const SOURCE_TIMEOUT_MS = 3000;
const TIMED_OUT = Symbol('timed out');

/** The names Prometheus sees (README "Operations" describes each). */
export const METRIC_NAMES = {
  httpDuration: 'dhr_http_request_duration_seconds',
  eventsApplied: 'dhr_events_applied_total',
  alarmsFired: 'dhr_alarms_fired_total',
  alarmsFiredLate: 'dhr_alarms_fired_late_total',
  emailsSent: 'dhr_emails_sent_total',
  emailsFailed: 'dhr_emails_failed_total',
  emailsRetried: 'dhr_emails_retried_total',
  outboxDepth: 'dhr_outbox_depth',
  queueJobs: 'dhr_queue_jobs',
  auditSealingLag: 'dhr_audit_sealing_lag_seconds',
} as const;

/**
 * The Prometheus registry of one app and its named metrics. One registry per
 * instance (not prom-client's global one), so several apps in one process (the
 * tests) never clash. Labels are bounded sets: route templates, event types,
 * queue names and states; never ids, URLs or anything a user typed.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private sources: ScrapeSources | null = null;

  private readonly httpDuration = new Histogram({
    name: METRIC_NAMES.httpDuration,
    help: 'HTTP request latency by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly eventsApplied = new Counter({
    name: METRIC_NAMES.eventsApplied,
    help: 'Review events committed, by event type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  private readonly alarmsFired = new Counter({
    name: METRIC_NAMES.alarmsFired,
    help: 'Reminders and escalations that created notifications',
    registers: [this.registry],
  });
  private readonly alarmsFiredLate = new Counter({
    name: METRIC_NAMES.alarmsFiredLate,
    help: 'Alarms that fired more than a minute after they were due',
    registers: [this.registry],
  });
  private readonly emailsSent = new Counter({
    name: METRIC_NAMES.emailsSent,
    help: 'Emails accepted by the mail server',
    registers: [this.registry],
  });
  private readonly emailsFailed = new Counter({
    name: METRIC_NAMES.emailsFailed,
    help: 'Emails given up on (permanent refusal or last try)',
    registers: [this.registry],
  });
  private readonly auditSealingLag = new Histogram({
    name: METRIC_NAMES.auditSealingLag,
    help: 'Time from an audit entry being recorded to its being sealed into its hash chain',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  private readonly emailsRetried = new Counter({
    name: METRIC_NAMES.emailsRetried,
    help: 'Email attempts that failed and will be retried',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // Gauges read on scrape, so they are as fresh as the scrape and cost nothing between scrapes.
    const outbox: Gauge = new Gauge({
      name: METRIC_NAMES.outboxDepth,
      help: 'Outbox rows not yet relayed to BullMQ',
      registers: [this.registry],
      collect: async () => {
        const sources = this.sources;
        if (!sources) return;
        outbox.set((await this.read('outbox depth', () => sources.outboxDepth())) ?? Number.NaN);
      },
    });
    const queues: Gauge<'queue' | 'state'> = new Gauge({
      name: METRIC_NAMES.queueJobs,
      help: 'BullMQ jobs per queue and state',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      collect: async () => {
        const sources = this.sources;
        if (!sources) return;
        const depths = await this.read('queue depths', () => sources.queueDepths());
        queues.reset();
        for (const { queue, state, count } of depths ?? []) queues.set({ queue, state }, count);
      },
    });
  }

  /** Called by the reviews spine after an event's transaction commits. */
  eventApplied(type: string): void {
    this.eventsApplied.inc({ type });
  }

  /** An alarm created its notifications; `late`: more than a minute after it was due. */
  alarmFired(late: boolean): void {
    this.alarmsFired.inc();
    if (late) this.alarmsFiredLate.inc();
  }

  emailSent(): void {
    this.emailsSent.inc();
  }

  emailFailed(): void {
    this.emailsFailed.inc();
  }

  emailRetried(): void {
    this.emailsRetried.inc();
  }

  /** Audit entries sealed into their chains, each `lagSeconds` after it was recorded. */
  auditSealed(lagSeconds: number[]): void {
    for (const lag of lagSeconds) this.auditSealingLag.observe(lag);
  }

  /** One HTTP request: `route` is the route template (`/api/reviews/:id`), never the URL. */
  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  useSources(sources: ScrapeSources): void {
    this.sources = sources;
  }

  /** The Prometheus text exposition of everything above. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** A source that fails or hangs leaves its gauge empty (NaN) rather than failing the whole scrape. */
  private async read<T>(what: string, source: () => Promise<T>): Promise<T | null> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), SOURCE_TIMEOUT_MS)));
    try {
      const result = await Promise.race([source(), timedOut]);
      if (result !== TIMED_OUT) return result;
      this.logger.warn(`could not read ${what}: no answer in ${SOURCE_TIMEOUT_MS} ms`);
    } catch (error) {
      // The class only: a driver's message can quote hosts or values.
      this.logger.warn(`could not read ${what}: ${(error as Error).name}`);
    } finally {
      clearTimeout(timer);
    }
    return null;
  }
}

/**
 * Makes the one Metrics of an app injectable everywhere. Static, so every lib that
 * imports it (notifications, reviews, …) shares the same instance, and a lib works
 * in any composition (api, worker, scripts, tests) without further wiring.
 */
@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsModule {}
