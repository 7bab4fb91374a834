import { createHash } from 'node:crypto';
import { createRedis } from '@dhr/jobs';
import { login, seedPartnership, Seed, Session } from './support/actors';
import { LogCapture } from './support/log-capture';
import { sql } from './support/notifications-db';
import { daysAgo, reviewBody, send } from './support/review-driver';
import { createApiApp } from '../apps/api/src/create-api-app';
import { ADMIN, isolatedEnv, startTestApp, TestApp } from './support/test-app';

/** Like startTestApp, but with our own env and, optionally, the logs captured instead of switched off. */
const fieldReasons = (body: { fields?: { field: string; reason: string }[] }, field: string) =>
  (body.fields ?? []).filter((f) => f.field === field).map((f) => f.reason);

describe('hardening: headers, body limits, password policy, and logs without personal data', () => {
  const logs = new LogCapture();
  let t: TestApp;
  let s: Seed;

  // Everything distinctive this suite sends: none of it may reach a log line.
  const VICTIM = 'Zebra-Quokka-7731';
  const PERPETRATOR = 'Marmot-Pelican-2209';
  const PERSON = { email: 'unique.person.4471@dhr.test', name: 'Ottoline Vexley-Brandt', password: 'glacier orbit lantern 5521' };
  const WRONG_PASSWORD = 'wrong-but-distinct-9183';
  const WEAK = { short: 'Sh0rt-pw', common: 'Password2024!', ownEmail: 'unique.person.4471-is-me', repeated: 'zzzzzzzzzzzzzzzz' };
  const sessions: Session[] = [];
  let person: Session;

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'debug' }, logDestination: logs.stream });
    s = await seedPartnership(t, 'HARD');
    sessions.push(s.admin, s.coordinator, s.cspChair, s.chair, s.policeContact, s.healthContact);
  });
  afterAll(() => t?.close());

  it('runs a small real workflow with distinctive names, including refused and failed requests', async () => {
    const created = await t.http().post('/api/users').set(s.admin.auth).send({
      email: PERSON.email,
      name: PERSON.name,
      password: PERSON.password,
      role: 'coordinator',
      partnershipId: s.partnership.id,
    });
    expect(created.status).toBe(201);
    person = await login(t, PERSON.email, PERSON.password);
    sessions.push(person);

    const failed = await t
      .http()
      .post('/api/auth/token')
      .set('X-Request-Id', 'hardening-failed-login')
      .send({ email: PERSON.email, password: WRONG_PASSWORD });
    expect(failed.status).toBe(401);
    expect(failed.headers['x-request-id']).toBe('hardening-failed-login');

    const review = await t
      .http()
      .post('/api/reviews')
      .set(person.auth)
      .send(reviewBody(s.partnership.id, { victimPseudonym: VICTIM, perpetratorPseudonym: PERPETRATOR }));
    expect(review.status).toBe(201);
    await send(t, s.cspChair, review.body.id, {
      type: 'DECIDE_TO_COMMISSION',
      decidedAt: daysAgo(45),
      rationale: `criteria met for ${VICTIM}`,
    });
    expect((await t.http().get(`/api/reviews/${review.body.id}`).set(person.auth)).body.victimPseudonym).toBe(VICTIM);

    // Bad bodies and a query string carrying the pseudonym.
    const unknownField = await t
      .http()
      .post('/api/reviews')
      .set(person.auth)
      .send(reviewBody(s.partnership.id, { victimPseudonym: VICTIM, perpetratorEmail: PERSON.email }));
    expect(unknownField.status).toBe(400);
    const malformed = await t
      .http()
      .post('/api/reviews')
      .set(person.auth)
      .set('Content-Type', 'application/json')
      .send(`{"victimPseudonym":"${VICTIM}",`);
    expect(malformed.status).toBe(400);
    expect((await t.http().get(`/api/reviews?stage=${VICTIM}`).set(person.auth)).status).toBe(400);
  });

  it('refuses weak passwords with 400 naming password and why', async () => {
    const attempt = (password: string) =>
      t.http().post('/api/users').set(s.admin.auth).send({
        email: 'unique.person.4471@elsewhere.test',
        name: PERSON.name,
        password,
        role: 'coordinator',
        partnershipId: s.partnership.id,
      });
    const cases: [string, RegExp][] = [
      [WEAK.short, /at least 12 characters/],
      [WEAK.common, /too common/],
      [WEAK.ownEmail, /email/],
      [WEAK.repeated, /repeated/],
    ];
    for (const [password, reason] of cases) {
      const res = await attempt(password);
      expect({ password, status: res.status }).toEqual({ password, status: 400 });
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['password']);
      expect(fieldReasons(res.body, 'password').join(' ')).toMatch(reason);
    }
  });

  it('will not start with a weak BOOTSTRAP_ADMIN_PASSWORD, naming it', async () => {
    const config = isolatedEnv({ BOOTSTRAP_ADMIN_EMAIL: 'root@dhr.test', BOOTSTRAP_ADMIN_PASSWORD: 'aaaaaaaaaaaaaaaa' });
    await expect(createApiApp(config, { logger: false })).rejects.toThrow(/BOOTSTRAP_ADMIN_PASSWORD: .*repeated/);
  });

  it('sends security headers, no CORS by default, and refuses a 2 MB body with 413 JSON', async () => {
    const res = await t.http().get('/api/reviews').set(s.coordinator.auth).set('Origin', 'https://evil.example');
    expect(res.status).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers).not.toHaveProperty('x-powered-by');
    expect(res.headers).not.toHaveProperty('access-control-allow-origin');

    const preflight = await t
      .http()
      .options('/api/reviews')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(preflight.headers).not.toHaveProperty('access-control-allow-origin');

    const huge = await t
      .http()
      .post('/api/reviews')
      .set(s.coordinator.auth)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(reviewBody(s.partnership.id, { victimPseudonym: VICTIM, notifiedBy: `${VICTIM} `.repeat(120_000) })));
    expect(huge.status).toBe(413);
    expect(huge.headers['content-type']).toMatch(/application\/json/);
    expect(huge.body).toMatchObject({ error: 'payload_too_large' });
    expect(huge.text).not.toMatch(/stack|at .*\.js/);
  });

  it('still serves the Swagger UI at /api/docs, with a CSP that lets it run', async () => {
    const docs = await t.http().get('/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    expect(docs.text).toContain('swagger-ui');
    const csp = docs.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    const script = await t.http().get('/api/docs/swagger-ui-init.js');
    expect(script.status).toBe(200);
    expect((await t.http().get('/api/docs-json')).status).toBe(200);
  });

  it('logged JSON lines only, with request ids, and no pseudonym, email, name, password or token', async () => {
    const lines = logs.lines();
    expect(lines.length).toBeGreaterThan(10);
    const records = logs.records(); // every line parses
    for (const record of records)
      expect(record).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(String), service: 'api' }));

    // Nest's own lines and one per request, the latter without query strings.
    expect(records.some((r) => r.context === 'NestApplication')).toBe(true);
    const requests = records.filter((r) => r.req !== undefined && r.res !== undefined) as {
      req: { path: string };
      res: { statusCode: number };
    }[];
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.every((r) => !r.req.path.includes('?'))).toBe(true);
    // Bodies refused by the parser (malformed, too large) are logged too: the status, never the body.
    expect(requests.some((r) => r.req.path === '/api/reviews' && r.res.statusCode === 413)).toBe(true);
    expect(records.some((r) => r.requestId === 'hardening-failed-login' && r.level === 'warn')).toBe(true);
    const [audited] = await sql<{ n: string }>(
      t.config,
      `SELECT count(*) AS n FROM audit_entries WHERE request_id = 'hardening-failed-login'`,
    );
    expect(Number(audited.n)).toBe(1); // the log line and the audit entry share the request id

    const text = logs.text();
    const secrets = [
      VICTIM,
      PERPETRATOR,
      PERSON.email,
      PERSON.name,
      PERSON.password,
      WRONG_PASSWORD,
      ADMIN.email,
      ADMIN.password,
      'a-long-enough-test-password',
      s.coordinator.email,
      s.policeContact.email,
      ...Object.values(WEAK),
      ...sessions.map((session) => session.token),
    ];
    for (const secret of secrets) expect({ secret, logged: text.includes(secret) }).toEqual({ secret, logged: false });
    expect(text).not.toMatch(/Bearer /i);
    expect(text).not.toMatch(/"authorization"/i);
  });
});

describe('login rate limits', () => {
  let t: TestApp;
  let partnershipId: string;
  let admin: Session;
  const A = { email: 'limit.a@dhr.test', password: 'amber kettle harbour 42' };
  const B = { email: 'limit.b@dhr.test', password: 'violet canyon meadow 17' };
  const attempt = (who: { email: string }, password: string, from?: string) => {
    const req = t.http().post('/api/auth/token');
    if (from) req.set('X-Forwarded-For', from);
    return req.send({ email: who.email, password });
  };
  const failedLogins = async () =>
    Number((await sql<{ n: string }>(t.config, `SELECT count(*) AS n FROM audit_entries WHERE action = 'auth.login_failed'`))[0].n);

  beforeAll(async () => {
    t = await startTestApp({
      env: { LOGIN_MAX_ATTEMPTS_PER_IP: '20', TRUST_PROXY: 'loopback', CORS_ORIGINS: 'https://dhr.example.gov.uk' },
    });
    admin = await login(t, ADMIN.email, ADMIN.password); // attempt 1 from this address
    partnershipId = (await t.http().post('/api/partnerships').set(admin.auth).send({ name: 'Limits CSP', code: 'LIMIT' })).body.id;
    for (const user of [A, B]) {
      const res = await t
        .http()
        .post('/api/users')
        .set(admin.auth)
        .send({ ...user, name: 'Limit User', role: 'coordinator', partnershipId });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t?.close());

  it('locks an account after 5 failures, even for the right password, with 429 and Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt(A, `not-the-password-${i}`)).status).toBe(401); // attempts 2–6
    const locked = await attempt(A, A.password); // 7
    expect(locked.status).toBe(429);
    expect(locked.body).toEqual({ error: 'too_many_requests', message: expect.any(String), retryAfterSeconds: expect.any(Number) });
    expect(locked.body.retryAfterSeconds).toBeGreaterThan(800);
    expect(locked.body.retryAfterSeconds).toBeLessThanOrEqual(900);
    expect(locked.headers['retry-after']).toBe(String(locked.body.retryAfterSeconds));
    expect(await failedLogins()).toBe(5); // each failure audited; the refused attempt never reached a password check
  });

  it('lets another account in from the same address, and a success forgives earlier failures', async () => {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 3; i++) expect((await attempt(B, `wrong-${round}-${i}`)).status).toBe(401);
      expect((await attempt(B, B.password)).status).toBe(200); // 6 failures in all, never 5 in a row
    } // attempts 8–15
    expect(await failedLogins()).toBe(11);
  });

  it('limits all attempts from one source address, whichever account', async () => {
    for (let i = 16; i <= 20; i++) expect((await attempt(B, B.password)).status).toBe(200);
    const blocked = await attempt(B, B.password); // 21 > LOGIN_MAX_ATTEMPTS_PER_IP
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another address (through the trusted proxy) has its own count.
    expect((await attempt(B, B.password, '203.0.113.7')).status).toBe(200);
  });

  it('keeps its counters under the queue prefix, with the email hashed', async () => {
    const redis = createRedis(t.config.REDIS_URL);
    try {
      const keys = await redis.keys(`${t.config.QUEUE_PREFIX}:login:*`);
      const hashOf = (email: string) => createHash('sha256').update(email).digest('hex');
      expect(keys).toEqual(expect.arrayContaining([`${t.config.QUEUE_PREFIX}:login:account:${hashOf(A.email)}`]));
      expect(keys.some((key) => key.includes('@') || key.includes('limit.'))).toBe(false);
      for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
    } finally {
      await redis.quit();
    }
  });

  it('answers CORS only for the configured origins', async () => {
    const allowed = await t.http().get('/api/docs-json').set('Origin', 'https://dhr.example.gov.uk');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dhr.example.gov.uk');
    const other = await t.http().get('/api/docs-json').set('Origin', 'https://evil.example');
    expect(other.headers).not.toHaveProperty('access-control-allow-origin');
  });
});
