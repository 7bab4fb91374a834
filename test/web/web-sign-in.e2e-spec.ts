import { generateSync } from 'otplib';
import request from 'supertest';
import { seedPartnership, Seed } from '../support/actors';
import { reviewBody } from '../support/review-driver';
import { ADMIN } from '../support/test-app';
import { startWebTestApp, WebTestApp } from '../support/web-app';

const PASSWORD = 'a-long-enough-test-password';
type Agent = ReturnType<typeof request.agent>;

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const secretOf = (html: string) => /id="secret-key">([A-Z2-7 ]+)</.exec(html)?.[1].replace(/\s/g, '') ?? '';
const sessionCookie = (res: request.Response) =>
  ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('dhr.sid='))
    ?.split(';')[0] ?? null;
const stepNow = () => Math.floor(Date.now() / 30_000);
const lastStep = new Map<string, number>();
/**
 * A code for a 30-second step this secret has not used yet (the service refuses a code used
 * twice): the current step, else the next (within the one-step tolerance), else wait for time to move.
 */
async function freshCode(secret: string): Promise<string> {
  let step = Math.max(stepNow(), (lastStep.get(secret) ?? -1) + 1);
  while (step > stepNow() + 1) await new Promise((r) => setTimeout(r, 1000));
  step = Math.max(step, stepNow());
  lastStep.set(secret, step);
  return generateSync({ secret, epoch: step * 30 });
}

/**
 * Sign-in with two-factor, sessions and CSRF, through HTTP as a browser without JavaScript
 * sends it: cookies, forms, redirects.
 */
describe('web: sign-in with two-factor, sessions and CSRF', () => {
  let t: WebTestApp;
  let s: Seed;
  let reviewId: string;
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    // Every attempt of the suite comes from 127.0.0.1: the per-address limit is not what is tested here.
    t = await startWebTestApp({ env: { SESSION_IDLE_MINUTES: '0.05', LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } });
    s = await seedPartnership(t, 'WEB');
    const created = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
    expect(created.status).toBe(201);
    reviewId = created.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  async function password(agent: Agent, email: string, pass: string): Promise<request.Response> {
    const form = await agent.get('/sign-in');
    return agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email, password: pass });
  }

  /** Both steps; the first time, the set-up with the secret key read from the page as text. */
  async function signIn(agent: Agent, email: string, pass = PASSWORD): Promise<request.Response> {
    // Any wait for a fresh code comes first, so the sign-in itself is not left idle.
    const code = secrets.has(email) ? await freshCode(secrets.get(email)!) : null;
    const first = await password(agent, email, pass);
    expect(first.status).toBe(303);
    if (first.headers.location === '/sign-in/set-up-two-factor') {
      const page = await agent.get('/sign-in/set-up-two-factor');
      expect(page.text).toContain('Set up two-factor authentication');
      expect(page.text).toMatch(/<img class="app-qr-code" src="data:image\/png;base64,/);
      const secret = secretOf(page.text);
      expect(secret.length).toBeGreaterThanOrEqual(16);
      secrets.set(email, secret);
      const done = await agent
        .post('/sign-in/set-up-two-factor')
        .type('form')
        .send({ _csrf: csrfOf(page.text), code: await freshCode(secret) });
      expect(done.status).toBe(200);
      expect(done.text).toContain('Save your recovery codes');
      return done;
    }
    expect(first.headers.location).toBe('/sign-in/security-code');
    const page = await agent.get('/sign-in/security-code');
    expect(page.text).toContain('Security code');
    return agent
      .post('/sign-in/security-code')
      .type('form')
      .send({ _csrf: csrfOf(page.text), code });
  }

  it('sends / to /sign-in when signed out, with the labels of the small contract', async () => {
    const home = await t.http().get('/');
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/sign-in');
    const page = await t.http().get('/sign-in');
    expect(page.text).toMatch(/<label[^>]*for="email"[^>]*>\s*Email address\s*<\/label>/);
    expect(page.text).toMatch(/<label[^>]*for="password"[^>]*>\s*Password\s*<\/label>/);
    expect(page.text).toMatch(/<button[^>]*>\s*Sign in\s*<\/button>/);
    expect(page.text).toContain('autocomplete="current-password"');
    expect(page.text).not.toMatch(/onpaste|autocomplete="off"/);
  });

  it('shows an error summary and inline messages for empty fields and a wrong password', async () => {
    const agent = request.agent(t.server);
    const form = await agent.get('/sign-in');
    const empty = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: '', password: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('There is a problem');
    expect(empty.text).toContain('href="#email"');
    expect(empty.text).toContain('Enter your email address');
    expect(empty.text).toContain('Enter your password');
    const wrong = await password(agent, s.chair.email, 'not-the-password-at-all');
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Enter a correct email address and password');
  });

  it('refuses a POST without the CSRF token, or with another session’s, with the 403 page', async () => {
    const agent = request.agent(t.server);
    await agent.get('/sign-in');
    const none = await agent.post('/sign-in').type('form').send({ email: ADMIN.email, password: ADMIN.password });
    expect(none.status).toBe(403);
    expect(none.text).toContain('Your form could not be sent');
    const other = await t.http().get('/sign-in');
    const foreign = await agent
      .post('/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(other.text), email: ADMIN.email, password: ADMIN.password });
    expect(foreign.status).toBe(403);
  });

  it('enrols the bootstrap administrator: QR code and secret key, a first code, recovery codes once; lands on Administration', async () => {
    const agent = request.agent(t.server);
    const done = await signIn(agent, ADMIN.email, ADMIN.password);
    const codes = [...done.text.matchAll(/<li>([A-Z0-9]{5}-[A-Z0-9]{5})<\/li>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(10);
    const landing = await agent.get('/');
    expect(landing.headers.location).toBe('/administration');
    expect((await agent.get('/administration')).text).toContain('Administration');
    // A recovery code instead of a security code, once.
    const again = request.agent(t.server);
    await password(again, ADMIN.email, ADMIN.password);
    let page = await again.get('/sign-in/security-code');
    const used = await again
      .post('/sign-in/security-code')
      .type('form')
      .send({ _csrf: csrfOf(page.text), code: codes[0] });
    expect(used.status).toBe(303);
    const third = request.agent(t.server);
    await password(third, ADMIN.email, ADMIN.password);
    page = await third.get('/sign-in/security-code');
    const spent = await third
      .post('/sign-in/security-code')
      .type('form')
      .send({ _csrf: csrfOf(page.text), code: codes[0] });
    expect(spent.status).toBe(400);
    expect(spent.text).toContain('an unused recovery code');
  });

  it('changes the session id at sign-in, lands a coordinator on Reviews with the review, and opens it by reference', async () => {
    const agent = request.agent(t.server);
    const before = sessionCookie(await agent.get('/sign-in'));
    expect(before).not.toBeNull();
    const first = await password(agent, s.coordinator.email, PASSWORD);
    const afterPassword = sessionCookie(first);
    expect(afterPassword).not.toBe(before);
    await signIn(agent, s.coordinator.email); // enrols (a fresh password step inside)
    const list = await agent.get('/reviews');
    expect(list.status).toBe(200);
    expect(list.text).toContain(`href="/reviews/${reviewId}"`);
    expect(list.text).toContain('Adult A');
    const page = await agent.get(`/reviews/${reviewId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Overview');
    expect(page.text).not.toContain(s.coordinator.id);
  });

  it('lands an agency contact on Requests to my agency, and shows another partnership’s review as the 404 page', async () => {
    const agent = request.agent(t.server);
    const done = await signIn(agent, s.policeContact.email);
    expect(done.text).toContain('href="/requests"');
    expect((await agent.get('/requests')).text).toContain('Requests to my agency');
    const other = await seedPartnership(t, 'OTH', s.admin);
    const theirs = await t.http().post('/api/reviews').set(other.coordinator.auth).send(reviewBody(other.partnership.id));
    const coordinator = request.agent(t.server);
    await signIn(coordinator, s.coordinator.email);
    const hidden = await coordinator.get(`/reviews/${theirs.body.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.text).toContain('Page not found');
    expect((await coordinator.get('/reviews/not-an-id')).status).toBe(404);
    expect((await coordinator.get('/requests')).status).toBe(403);
  });

  it('takes an email link opened while signed out to sign-in and then back to that review (same-site paths only)', async () => {
    const agent = request.agent(t.server);
    const link = await agent.get(`/reviews/${reviewId}`);
    expect(link.status).toBe(303);
    expect(link.headers.location).toBe('/sign-in');
    // A first sign-in: the recovery codes page's button goes on to the review.
    const done = await signIn(agent, s.cspChair.email);
    expect(done.text).toMatch(new RegExp(`<a href="/reviews/${reviewId}"[^>]*class="govuk-button`));
    // A chair this time (no wait for a fresh code): a path that is not same-site is never a return target.
    const evil = request.agent(t.server);
    await evil.get('//evil.example/reviews');
    await signIn(evil, s.chair.email);
    expect((await evil.get('/')).headers.location).toBe('/reviews');
    expect((await evil.get('/sign-in')).headers.location).toBe('/reviews');
  });

  it('sends a session idle past SESSION_IDLE_MINUTES back to sign-in, and ends it at sign-out', async () => {
    const agent = request.agent(t.server);
    await signIn(agent, s.cspChair.email);
    expect((await agent.get('/reviews')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 3500));
    const idle = await agent.get('/reviews');
    expect(idle.status).toBe(303);
    expect(idle.headers.location).toBe('/sign-in');
    await signIn(agent, s.cspChair.email);
    const page = await agent.get('/reviews');
    const out = await agent
      .post('/sign-out')
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect(out.headers.location).toBe('/sign-in/signed-out');
    expect((await agent.get('/reviews')).status).toBe(303);
  });
});
