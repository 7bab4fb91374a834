import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, ConfigError, dropDatabase, loadConfig } from '@dhr/core';
import { ADMIN, deleteQueueKeys, isolatedEnv, startTestApp, TestApp } from './support/test-app';
import { seedPartnership, Seed } from './support/actors';
import { notificationRows } from './support/notifications-db';
import { daysAgo, notifiedSoDecisionDueIn, reviewBody } from './support/review-driver';
import { SmtpSink } from './support/smtp-sink';
import { waitFor } from './support/wait-for';
import { ApiProcess, freePort, spawnApi } from './support/api-process';
import { getRequest, postHead, RawConnection } from './support/raw-http';

const METRICS_TOKEN = 'metrics-scraper-token-0123456789abcdef';

/** The value of one sample line (`name{labels} value`), or null when absent. */
function sample(text: string, name: string, labels = ''): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `) || (labels === '' && l.startsWith(`${name} `)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : null;
}

const GRACE_SECONDS = 5;

/**
 * Real API processes, started first so that their start-up overlaps the in-process tests: one to shut down
 * gracefully (with its worker), one started with NODE_ENV=production and no secrets.
 */
const processes: { port: number; config: AppConfig; api: ApiProcess; production: ApiProcess } = {} as never;

beforeAll(async () => {
  processes.port = await freePort();
  processes.config = isolatedEnv({ PORT: String(processes.port), SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS), LOG_LEVEL: 'warn' });
  processes.api = spawnApi(processes.config, ['--with-worker']);
  const production = isolatedEnv({ PORT: String(await freePort()) });
  processes.production = spawnApi(production, [], { NODE_ENV: 'production', TOKEN_SECRET: '', DOCUMENT_KEY: '' });
});

afterAll(async () => {
  for (const api of [processes.api, processes.production]) if (api?.child.exitCode === null) api.child.kill('SIGKILL');
  if (!processes.config) return;
  await deleteQueueKeys(processes.config);
  await dropDatabase(processes.config.DATABASE_URL);
});

describe('operations: health, readiness, metrics, queue dashboard', () => {
  let t: TestApp;
  let s: Seed;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startTestApp({ withWorker: true, env: { METRICS_TOKEN, SMTP_URL: smtp.url } });
    s = await seedPartnership(t, 'OPS');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('answers /health and /ready at the root, without a token, with up or down only', async () => {
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');

    const ready = await t.http().get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      details: { postgres: { status: 'up' }, redis: { status: 'up' }, migrations: { status: 'up' } },
    });
    // Nothing that looks like a connection string, host or secret.
    expect(ready.text).not.toMatch(/postgres:\/\/|redis:\/\/|127\.0\.0\.1|password|secret/i);
    expect(ready.headers['cache-control']).toBe('no-store');

    expect((await t.http().get('/api/health')).status).toBe(404);
    expect((await t.http().get('/api/ready')).status).toBe(404);
  });

  it('refuses /metrics without credentials or to a non-administrator, and serves it for METRICS_TOKEN or an administrator', async () => {
    expect((await t.http().get('/metrics')).status).toBe(401);
    expect((await t.http().get('/metrics').set('Authorization', 'Bearer not-the-metrics-token-but-long-enough')).status).toBe(401);
    expect((await t.http().get('/metrics').set(s.coordinator.auth)).status).toBe(403);
    expect((await t.http().get('/api/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).status).toBe(404);

    const scraper = await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(scraper.status).toBe(200);
    expect(scraper.headers['content-type']).toMatch(/^text\/plain/);
    const admin = await t.http().get('/metrics').set(s.admin.auth);
    expect(admin.status).toBe(200);
  });

  it('counts requests by route template, emails sent and failed, alarms, and reads outbox and queue depth on scrape', async () => {
    // A review notified long enough ago that its decision reminders are due at once; the CSP chair's mailbox refuses.
    smtp.rejected.add(s.cspChair.email);
    const created = await t
      .http()
      .post('/api/reviews')
      .set(s.coordinator.auth)
      .send(reviewBody(s.partnership.id, { notifiedAt: notifiedSoDecisionDueIn(3600), deathDate: daysAgo(40).slice(0, 10) }));
    expect(created.status).toBe(201);
    const reviewId = created.body.id as string;
    expect((await t.http().get(`/api/reviews/${reviewId}`).set(s.coordinator.auth)).status).toBe(200);
    expect((await t.http().get(`/api/reviews/${reviewId}`)).status).toBe(401);

    const rows = await waitFor('the reminders sent, and the refused one failed', async () => {
      const all = await notificationRows(t.config, reviewId);
      const settled = all.length >= 3 && all.every((n) => n.status === 'sent' || n.status === 'failed');
      return settled && all.some((n) => n.status === 'failed') && all.some((n) => n.template === 'email.failed') ? all : null;
    });
    const sent = rows.filter((n) => n.status === 'sent').length;

    const scrape = async () => (await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`)).text;
    const text = await waitFor('the email counters', async () => {
      const body = await scrape();
      // The failed row is stored before its counter moves: wait for both counters, not only the sent one.
      const counted = (sample(body, 'dhr_emails_sent_total') ?? 0) >= sent && (sample(body, 'dhr_emails_failed_total') ?? 0) >= 1;
      return counted ? body : null;
    });

    const histogram = 'dhr_http_request_duration_seconds_count';
    expect(sample(text, histogram, '{method="GET",route="/api/reviews/:id",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, histogram, '{method="GET",route="/api/reviews/:id",status="401"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, histogram, '{method="POST",route="/api/reviews",status="201"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, histogram, '{method="GET",route="/health",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(reviewId); // route templates, never URLs

    expect(sample(text, 'dhr_emails_failed_total')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'dhr_emails_retried_total')).toBe(0);
    expect(sample(text, 'dhr_alarms_fired_total')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'dhr_alarms_fired_late_total')).toBe(0);
    expect(text).toContain('# TYPE dhr_events_applied_total counter');

    // Read from Postgres and BullMQ at scrape time: the escalations wait as delayed alarms; the outbox drains to 0.
    expect(sample(text, 'dhr_queue_jobs', '{queue="alarms",state="delayed"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'dhr_queue_jobs', '{queue="email",state="failed"}')).toBe(0);
    await waitFor('the outbox relayed', async () => sample(await scrape(), 'dhr_outbox_depth') === 0);

    // The default process metrics.
    expect(sample(text, 'process_cpu_user_seconds_total')).not.toBeNull();
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('serves the queue dashboard to administrators only, with a CSP that lets it run there and nowhere else', async () => {
    expect((await t.http().get('/admin/queues')).status).toBe(401);
    expect((await t.http().get('/admin/queues/api/queues')).status).toBe(401);
    expect((await t.http().get('/admin/queues').set('Authorization', `Bearer ${METRICS_TOKEN}`)).status).toBe(401);
    expect((await t.http().get('/admin/queues').set(s.coordinator.auth)).status).toBe(403);
    expect((await t.http().get('/admin/queues/api/queues').set(s.coordinator.auth)).status).toBe(403);

    const page = await t.http().get('/admin/queues').set(s.admin.auth);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['x-powered-by']).toBeUndefined();
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeDefined();
    expect((await t.http().get(`/admin/queues/${script}`)).status).toBe(401);
    expect((await t.http().get(`/admin/queues/${script}`).set(s.admin.auth)).status).toBe(200);

    const api = await t.http().get('/admin/queues/api/queues').set(s.admin.auth);
    expect(api.status).toBe(200);
    const names = (api.body.queues as { name: string; readOnlyMode: boolean }[]).map((q) => [q.name, q.readOnlyMode]).sort();
    expect(names).toEqual([
      ['alarms', true],
      ['email', true],
      ['maintenance', true],
      ['search', true],
    ]);
    // Read-only: the dashboard cannot retry, clean or empty a queue.
    expect((await t.http().put('/admin/queues/api/queues/email/empty').set(s.admin.auth)).status).toBeGreaterThanOrEqual(400);

    // The API keeps its closed CSP.
    expect((await t.http().get('/api/partnerships').set(s.admin.auth)).headers['content-security-policy']).toContain("default-src 'none'");
  });
});

describe('the production switch', () => {
  it('refuses to start without TOKEN_SECRET, DOCUMENT_KEY and SESSION_SECRET, naming each, instead of generating them', () => {
    const varDir = mkdtempSync(join(tmpdir(), 'dhr-prod-'));
    const refused = (env: Record<string, string>) => {
      try {
        loadConfig({ VAR_DIR: varDir, NODE_ENV: 'production', ...env });
        return null;
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
    };
    const both = refused({});
    expect(both).toMatch(/TOKEN_SECRET must be set when NODE_ENV is production/);
    expect(both).toMatch(/DOCUMENT_KEY must be set when NODE_ENV is production/);
    const one = refused({ TOKEN_SECRET: 'x'.repeat(32) });
    expect(one).not.toMatch(/TOKEN_SECRET/);
    expect(one).toMatch(/DOCUMENT_KEY/);
    expect(both).toMatch(/SESSION_SECRET must be set when NODE_ENV is production/);
    expect(refused({ TOKEN_SECRET: 'x'.repeat(32), DOCUMENT_KEY: Buffer.alloc(32, 7).toString('base64') })).toMatch(/SESSION_SECRET/);
    expect(
      refused({ TOKEN_SECRET: 'x'.repeat(32), DOCUMENT_KEY: Buffer.alloc(32, 7).toString('base64'), SESSION_SECRET: 's'.repeat(32) }),
    ).toBeNull();
    expect(existsSync(join(varDir, 'token-secret')) || existsSync(join(varDir, 'document-key'))).toBe(false);
    // Outside production the defaults still work on one machine; an unknown NODE_ENV is a mistake, not "not production".
    expect(refused({ NODE_ENV: 'development' })).toBeNull();
    expect(refused({ NODE_ENV: 'prod' })).toMatch(/NODE_ENV must be development, test or production/);
  });

  it('stops the real API at start-up with a message naming both', async () => {
    const exit = await processes.production.exited;
    expect(exit.code).toBe(1);
    expect(processes.production.output()).toMatch(/TOKEN_SECRET must be set when NODE_ENV is production/);
    expect(processes.production.output()).toMatch(/DOCUMENT_KEY must be set when NODE_ENV is production/);
    expect(processes.production.output()).not.toMatch(/ at .*\.(ts|js):\d+/); // no stack trace
  });
});

describe('graceful shutdown of the real process', () => {
  it('on SIGTERM: /ready 503 at once, idle connections closed, in-flight requests answered, stuck ones cut at the deadline, exit 0', async () => {
    const { port, api } = processes;
    try {
      await waitFor(
        'the API to listen',
        () =>
          fetch(`http://127.0.0.1:${port}/ready`).then(
            (r) => r.status === 200,
            () => false,
          ),
        30_000,
      );

      // A keep-alive connection that answered and now sits idle.
      const idle = await RawConnection.open(port);
      idle.write(getRequest('/ready'));
      expect((await idle.response()).status).toBe(200);
      // Requests in flight: a readiness probe and a login whose bytes are still arriving, and a client that never finishes.
      const probe = await RawConnection.open(port);
      probe.write(getRequest('/ready', true));
      const loginBody = JSON.stringify({ email: ADMIN.email, password: ADMIN.password });
      const slow = await RawConnection.open(port);
      slow.write(postHead('/api/auth/token', Buffer.byteLength(loginBody)) + loginBody.slice(0, 10));
      const stuck = await RawConnection.open(port);
      stuck.write(postHead('/api/auth/token', 100) + '{"email":');
      await new Promise((r) => setTimeout(r, 200));

      const signalledAt = Date.now();
      api.child.kill('SIGTERM');

      // Idle keep-alive connections are closed at once (well before the deadline), and no new connection is taken.
      expect((await idle.closed) - signalledAt).toBeLessThan(2000);
      // The child (ts-node, busy under a loaded CI) may run its handler a moment after the idle socket went:
      // within the same 2 s of the signal, a new connection is refused.
      expect((await refusedAt(port)) - signalledAt).toBeLessThan(2000);

      // Readiness, asked while draining: 503 and the connection closes behind it.
      probe.write('\r\n');
      const ready = await probe.response();
      expect(ready.status).toBe(503);
      expect(JSON.parse(ready.body)).toEqual({ status: 'shutting_down' });
      expect(ready.headers.connection).toBe('close');

      // The login in flight is answered in full, with a token.
      slow.write(loginBody.slice(10));
      const answered = await slow.response();
      expect(answered.status).toBe(200);
      expect(JSON.parse(answered.body).accessToken).toEqual(expect.any(String));
      expect(Date.now() - signalledAt).toBeLessThan(GRACE_SECONDS * 1000);

      // The client that never finishes is cut at the deadline, and the process exits 0 right after.
      const cutAt = await stuck.closed;
      expect(cutAt - signalledAt).toBeGreaterThanOrEqual(GRACE_SECONDS * 1000 - 200);
      const exit = await api.exited;
      expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
      expect(exit.at - signalledAt).toBeLessThan((GRACE_SECONDS + 4) * 1000);
    } catch (error) {
      console.error(`api output:\n${api.output()}`);
      throw error;
    }
  }, 60_000);
});

/** When a new connection to the port is first refused (polled every 20 ms, for at most 5 s). */
async function refusedAt(port: number): Promise<number> {
  for (const started = Date.now(); Date.now() - started < 5000;) {
    try {
      (await RawConnection.open(port)).destroy();
    } catch (error) {
      if (/ECONNREFUSED/.test(String(error))) return Date.now();
      throw error;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`port ${port} still takes new connections 5 s after SIGTERM`);
}
