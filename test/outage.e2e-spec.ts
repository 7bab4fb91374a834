import { dropDatabase } from '@dhr/core';
import { seedPartnership, Seed } from './support/actors';
import { freePort, spawnApi } from './support/api-process';
import { spawnApp } from './support/spawn-app';
import { reviewBody } from './support/review-driver';
import { TcpProxy } from './support/tcp-proxy';
import { isolatedEnv, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const POSTGRES = { host: '127.0.0.1', port: 5432 };
const REDIS = { host: '127.0.0.1', port: 6379 };

describe('Postgres or Redis unreachable', () => {
  let t: TestApp;
  let s: Seed;
  let pg: TcpProxy;
  let redis: TcpProxy;
  let reviewId: string;
  /** Every status the app answered in this suite: none may be a 500. */
  const statuses: number[] = [];

  beforeAll(async () => {
    pg = await TcpProxy.start(POSTGRES);
    redis = await TcpProxy.start(REDIS);
    const base = isolatedEnv();
    t = await startTestApp({ env: { DATABASE_URL: pg.through(base.DATABASE_URL), REDIS_URL: redis.through(base.REDIS_URL) } });
    s = await seedPartnership(t, 'DOWN');
    reviewId = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id;
  });
  afterAll(async () => {
    await pg.restore();
    await redis.restore();
    await t.close();
    await pg.cut();
    await redis.cut();
  });
  afterEach(() => expect(statuses.filter((status) => status >= 500 && status !== 503)).toEqual([]));

  const get = async (path: string) => {
    const res = await t.http().get(path).set(s.coordinator.auth);
    statuses.push(res.status);
    return res;
  };

  it('answers 503 unavailable with Retry-After while Postgres is cut, says why in /ready, and 200 as soon as it is back', async () => {
    expect((await get(`/api/reviews/${reviewId}`)).status).toBe(200);
    await pg.cut();
    for (const path of [`/api/reviews/${reviewId}`, '/api/reviews']) {
      const res = await get(path);
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ error: 'unavailable', message: expect.any(String) });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    const body = reviewBody(s.partnership.id);
    const post = await t.http().post('/api/reviews').set(s.coordinator.auth).set('Idempotency-Key', 'during-outage').send(body);
    statuses.push(post.status);
    expect(post.status).toBe(503);
    expect(post.headers['retry-after']).toBeDefined();
    const ready = await get('/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error.postgres).toMatchObject({ status: 'down' });
    expect(JSON.stringify(ready.body)).toMatch(/postgres unavailable \((ECONNREFUSED|ECONNRESET|[A-Za-z]+Error)\)/);
    expect(ready.text).not.toMatch(/postgres:\/\/|127\.0\.0\.1/);

    await pg.restore();
    await waitFor('the review again', async () => (await get(`/api/reviews/${reviewId}`)).status === 200, 10_000);
    expect((await get('/ready')).status).toBe(200);
    // The 503 kept nothing under its key: the retry runs, and a retry of that is answered from the key.
    const retried = await t.http().post('/api/reviews').set(s.coordinator.auth).set('Idempotency-Key', 'during-outage').send(body);
    expect(retried.status).toBe(201);
    const again = await t.http().post('/api/reviews').set(s.coordinator.auth).set('Idempotency-Key', 'during-outage').send(body);
    expect(again.body.id).toBe(retried.body.id);
  });

  it('says in /ready that Redis is down while it is cut, and recovers', async () => {
    await redis.cut();
    const ready = await waitFor(
      'redis down in /ready',
      async () => {
        const res = await get('/ready');
        return res.status === 503 && JSON.stringify(res.body).includes('redis unavailable') ? res : null;
      },
      8000,
    );
    expect(ready.body.error.redis).toMatchObject({
      status: 'down',
      message: expect.stringMatching(/redis unavailable \((ECONNREFUSED|ECONNRESET|reconnecting|connecting)\)/),
    });
    // Reads need no Redis, and writes only reach the outbox in Postgres (relayed once Redis is back).
    expect((await get(`/api/reviews/${reviewId}`)).status).toBe(200);
    const created = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
    statuses.push(created.status);
    expect(created.status).toBe(201);
    await redis.restore();
    await waitFor('redis back in /ready', async () => (await get('/ready')).status === 200, 15_000);
  });
});

describe('a process started while Postgres or Redis is unreachable', () => {
  it('waits, retrying, and comes up once Postgres is back', async () => {
    const pg = await TcpProxy.start(POSTGRES);
    await pg.cut();
    const base = isolatedEnv({ PORT: String(await freePort()), STARTUP_WAIT_SECONDS: '60' });
    const config = { ...base, DATABASE_URL: pg.through(base.DATABASE_URL) };
    const api = spawnApi(config, ['--api-only'], { LOG_LEVEL: 'info' });
    try {
      await waitFor('a logged retry', () => /postgres unreachable \(ECONNREFUSED\), attempt 2/.test(api.output()), 90_000);
      expect(api.child.exitCode).toBeNull();
      expect(api.output()).not.toContain(config.DATABASE_URL);
      await pg.restore();
      await waitFor(
        'the API ready',
        async () =>
          (await fetch(`http://127.0.0.1:${config.PORT}/ready`).then(
            (r) => r.status,
            () => 0,
          )) === 200,
        60_000,
        500,
      );
    } finally {
      api.child.kill('SIGKILL');
      await api.exited;
      await pg.restore();
      await dropDatabase(base.DATABASE_URL);
      await pg.cut();
    }
  }, 200_000);

  it('a worker started while Redis is unreachable waits, and runs its workers once Redis is back', async () => {
    const redis = await TcpProxy.start(REDIS);
    await redis.cut();
    const base = isolatedEnv({ STARTUP_WAIT_SECONDS: '60', LOG_LEVEL: 'info' });
    const worker = spawnApp(
      'apps/worker/src/main.ts',
      { ...base, REDIS_URL: redis.through(base.REDIS_URL) },
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    for (const stream of [worker.stdout!, worker.stderr!]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    try {
      await waitFor('a logged retry', () => /redis unreachable \(ECONNREFUSED\), attempt 2/.test(output), 90_000);
      expect(worker.exitCode).toBeNull();
      await redis.restore();
      await waitFor('the workers running', () => output.includes('workers running on queues'), 60_000, 500);
    } finally {
      worker.kill('SIGKILL');
      await exited;
      await dropDatabase(base.DATABASE_URL);
      await redis.cut();
    }
  }, 200_000);

  it('after STARTUP_WAIT_SECONDS exits with one line and no stack trace', async () => {
    const pg = await TcpProxy.start(POSTGRES);
    await pg.cut();
    const base = isolatedEnv({ PORT: String(await freePort()), STARTUP_WAIT_SECONDS: '2' });
    const api = spawnApi({ ...base, DATABASE_URL: pg.through(base.DATABASE_URL) }, ['--api-only']);
    const exit = await api.exited;
    expect(exit.code).toBe(1);
    expect(api.output()).toMatch(/postgres unreachable \(ECONNREFUSED\) for 2 s \(STARTUP_WAIT_SECONDS\): giving up/);
    expect(api.output()).not.toMatch(/\n\s+at /);
  }, 60_000);
});
