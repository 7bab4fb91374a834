import { Logger } from '@nestjs/common';
import { Metrics, METRIC_NAMES } from './metrics';

const line = (text: string, prefix: string) => text.split('\n').find((l) => l.startsWith(prefix));

describe('Metrics', () => {
  beforeAll(() => Logger.overrideLogger(false)); // the failing-source warnings below are expected
  it('exposes every named metric, counting what it is told', async () => {
    const metrics = new Metrics();
    metrics.eventApplied('DECIDE_TO_COMMISSION');
    metrics.eventApplied('DECIDE_TO_COMMISSION');
    metrics.alarmFired(false);
    metrics.alarmFired(true);
    metrics.emailSent();
    metrics.emailFailed();
    metrics.emailRetried();
    metrics.httpRequest('GET', '/api/reviews/:id', 200, 0.02);
    const { contentType, body } = await metrics.scrape();
    expect(contentType).toMatch(/^text\/plain/);
    for (const name of Object.values(METRIC_NAMES)) expect(body).toContain(`# TYPE ${name} `);
    expect(line(body, 'dhr_events_applied_total{type="DECIDE_TO_COMMISSION"}')).toMatch(/ 2$/);
    expect(line(body, 'dhr_alarms_fired_total ')).toMatch(/ 2$/);
    expect(line(body, 'dhr_alarms_fired_late_total ')).toMatch(/ 1$/);
    expect(line(body, 'dhr_emails_sent_total ')).toMatch(/ 1$/);
    expect(line(body, 'dhr_http_request_duration_seconds_count{method="GET",route="/api/reviews/:id",status="200"}')).toMatch(/ 1$/);
    expect(body).toContain('process_cpu_user_seconds_total');
  });

  it('keeps one registry per instance, so two apps in one process do not clash', async () => {
    const a = new Metrics();
    const b = new Metrics();
    a.emailSent();
    expect(line((await b.scrape()).body, 'dhr_emails_sent_total ')).toMatch(/ 0$/);
  });

  it('reads the gauges on scrape, and a source that fails leaves its gauge empty without failing the scrape', async () => {
    const metrics = new Metrics();
    let depth = 3;
    metrics.useSources({
      outboxDepth: async () => depth,
      queueDepths: async () => [{ queue: 'email', state: 'waiting', count: 4 }],
    });
    let body = (await metrics.scrape()).body;
    expect(line(body, 'dhr_outbox_depth ')).toMatch(/ 3$/);
    expect(line(body, 'dhr_queue_jobs{queue="email",state="waiting"}')).toMatch(/ 4$/);
    depth = 0;
    expect(line((await metrics.scrape()).body, 'dhr_outbox_depth ')).toMatch(/ 0$/);

    metrics.useSources({
      outboxDepth: () => Promise.reject(new Error('connection refused')),
      queueDepths: () => Promise.reject(new Error('connection refused')),
    });
    body = (await metrics.scrape()).body;
    expect(line(body, 'dhr_outbox_depth ')).toMatch(/ Nan$/i);
    expect(line(body, 'dhr_queue_jobs{')).toBeUndefined();
  });
});
