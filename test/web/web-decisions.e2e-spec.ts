import request from 'supertest';
import { seedPartnership, Seed } from '../support/actors';
import { daysAgo, reviewBody } from '../support/review-driver';
import { reviewWaitingForSignOff } from '../support/signoff-driver';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { Agent, csrfOf, visibleText, webSignIn } from '../support/web-forms';

const PASSWORD = 'a-long-enough-test-password';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const unescape = (href: string) => href.replace(/&amp;/g, '&');

/** Today in London as a date input's day, month and year. */
function today(prefix: string): Record<string, string> {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()).split('-');
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year };
}

/**
 * The CSP chair's "Decisions and sign-off": the reviews waiting for the decision (with the
 * notification's facts) and for sign-off (with the documents to read), each step through
 * "Check and confirm" and back to the list with a banner; nobody else may open it.
 */
describe('web: the CSP chair’s decisions and sign-off', () => {
  let t: WebTestApp;
  let s: Seed;
  let other: Seed;
  let waiting: { id: string; reference: string };
  let signOff: { id: string; reference: string };
  let foreign: { id: string; reference: string };
  const secrets = new Map<string, string>();
  const agents: Record<string, Agent> = {};
  const pages: string[] = [];
  jest.setTimeout(180_000);

  async function open(path: string, who = 'csp', status = 200): Promise<request.Response> {
    const res = await agents[who].get(path);
    expect([path, res.status]).toEqual([path, status]);
    pages.push(res.text);
    return res;
  }

  /** GET the form, POST it with its CSRF token, expectedVersion and returnTo as the page has them. */
  async function send(path: string, fields: Record<string, string>, who = 'csp'): Promise<request.Response> {
    const form = await open(path, who);
    const hidden = Object.fromEntries(
      [...form.text.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1], unescape(m[2])]),
    );
    return agents[who]
      .post(path.split('?')[0])
      .type('form')
      .send({ ...hidden, _csrf: csrfOf(form.text), ...fields });
  }

  async function confirm(path: string, who = 'csp'): Promise<request.Response> {
    const page = await open(path, who);
    return agents[who]
      .post(path)
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
  }

  beforeAll(async () => {
    t = await startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } });
    s = await seedPartnership(t, 'DCS');
    other = await seedPartnership(t, 'DCX');
    const create = async (seed: Seed, overrides: Record<string, unknown>) => {
      const res = await t.http().post('/api/reviews').set(seed.coordinator.auth).send(reviewBody(seed.partnership.id, overrides));
      expect(res.status).toBe(201);
      return { id: res.body.id as string, reference: res.body.reference as string };
    };
    waiting = await create(s, { notifiedAt: daysAgo(40), victimPseudonym: 'Adult Larch', policeForceArea: 'Wessex' });
    signOff = await reviewWaitingForSignOff(t, s, { victimPseudonym: 'Adult Maple' });
    foreign = await create(other, { victimPseudonym: 'Adult Yew' });
    for (const [who, email] of [
      ['csp', s.cspChair.email],
      ['coordinator', s.coordinator.email],
      ['chair', s.chair.email],
      ['police', s.policeContact.email],
    ]) {
      agents[who] = request.agent(t.server);
      expect((await webSignIn(agents[who], email, PASSWORD, secrets)).status).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is where the CSP chair lands, beside Reviews; nobody else may open it', async () => {
    expect((await agents.csp.get('/')).headers.location).toBe('/decisions');
    const page = await open('/decisions');
    expect(page.text).toContain('<h1 class="govuk-heading-l">Decisions and sign-off</h1>');
    expect(page.text).toContain('href="/decisions" aria-current="true"');
    expect(page.text).toContain('href="/reviews"');
    await open('/reviews', 'csp');
    await open('/decisions', 'coordinator', 403);
    await open('/decisions', 'chair', 403);
    await open('/decisions', 'police', 403);
    expect((await agents.coordinator.get('/')).headers.location).toBe('/reviews');
  });

  it('lists the review waiting for a decision with the notification’s facts, and the one waiting for sign-off with its documents', async () => {
    const page = await open('/decisions');
    const text = visibleText(page.text);
    expect(text).toContain('Waiting for a decision (1)');
    expect(text).toContain(`Review ${waiting.reference}`);
    for (const fact of ['Adult Larch', 'Adult B', 'Metropolitan Police Service', 'Wessex', 'Decision due', 'Overdue'])
      expect(text).toContain(fact);
    expect(page.text).toContain(`href="/reviews/${waiting.id}/tasks/DECIDE_TO_COMMISSION?returnTo=%2Fdecisions"`);
    expect(page.text).toContain(`href="/reviews/${waiting.id}/tasks/DECIDE_NOT_TO_COMMISSION?returnTo=%2Fdecisions"`);
    expect(text).toContain('Waiting for sign-off (1)');
    expect(text).toContain(`Review ${signOff.reference}`);
    expect(text).toContain('Adult Maple');
    expect(text).toContain('independent_chair DCS');
    expect(text).toMatch(/Overview report Version 2, uploaded \d{1,2} [A-Z][a-z]+ \d{4} by independent_chair DCS/);
    expect(text).toMatch(/Executive summary Version 1, uploaded/);
    expect(page.text).toContain(`href="/reviews/${signOff.id}/documents"`);
    expect(page.text).toContain(`href="/reviews/${signOff.id}/tasks/CSP_SIGN_OFF?returnTo=%2Fdecisions"`);
    expect(page.text).toContain(`href="/reviews/${signOff.id}/tasks/CSP_REQUEST_CHANGES?returnTo=%2Fdecisions"`);
    // The landing page still lists the partnership's reviews by reference; never another partnership's.
    expect(text).toContain('All reviews');
    expect(page.text).not.toContain(foreign.reference);
    expect(text).not.toContain('Adult Yew');
  });

  it('decides to hold a review through "Check and confirm", then comes back to Decisions with a banner', async () => {
    const path = `/reviews/${waiting.id}/tasks/DECIDE_TO_COMMISSION?returnTo=%2Fdecisions`;
    const form = await open(path);
    expect(form.text).toContain('<input type="hidden" name="returnTo" value="/decisions">');
    expect(form.text).toMatch(/class="govuk-back-link"[^>]*href="\/decisions"|href="\/decisions"[^>]*class="govuk-back-link"/);
    // The CSP chair is the decision-maker: asked the kind of death, never who decided.
    expect(form.text).toContain('What kind of death is it?');
    expect(form.text).not.toContain('name="decisionMaker"');
    const sent = await send(path, { ...today('decidedAt'), deathType: 'suicide', rationale: 'The criteria are met.' });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/reviews/${waiting.id}/tasks/DECIDE_TO_COMMISSION/confirm`);
    const check = await open(sent.headers.location);
    expect(check.text).toContain('Are you sure you want to record the decision to hold a review?');
    expect(check.text).toContain('The criteria are met.');
    expect(check.text).toContain('A suicide after domestic abuse');
    expect(check.text).toContain('<a class="govuk-link" href="/decisions">No, cancel</a>');
    // A Change link back to the form keeps where the person came from.
    expect((await open(`/reviews/${waiting.id}/tasks/DECIDE_TO_COMMISSION`)).text).toContain('name="returnTo" value="/decisions"');
    const done = await confirm(sent.headers.location);
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/decisions');
    const back = await open('/decisions');
    expect(back.text).toContain('govuk-notification-banner--success');
    expect(visibleText(back.text)).toContain(`Decision to hold a review recorded: review ${waiting.reference}`);
    expect(visibleText(back.text)).toContain('Waiting for a decision (0)');
    expect(visibleText(back.text)).toContain('No reviews are waiting for a decision.');
    const review = (await t.http().get(`/api/reviews/${waiting.id}`).set(s.coordinator.auth)).body;
    expect(review.stage).toBe('setup');
    expect(review.decision).toMatchObject({
      outcome: 'commissioned',
      deathType: 'suicide',
      decidedBy: { user: { name: 'csp_chair DCS' } },
    });
  });

  it('signs the report off from the queue, confirmed, and the queue is then empty', async () => {
    const path = `/reviews/${signOff.id}/tasks/CSP_SIGN_OFF?returnTo=%2Fdecisions`;
    const sent = await send(path, today('signedAt'));
    expect(sent.headers.location).toBe(`/reviews/${signOff.id}/tasks/CSP_SIGN_OFF/confirm`);
    const check = await open(sent.headers.location);
    expect(check.text).toContain('Are you sure you want to sign off the report for the partnership?');
    expect(check.text).toContain('govuk-button--warning');
    const done = await confirm(sent.headers.location);
    expect(done.headers.location).toBe('/decisions');
    const back = visibleText((await open('/decisions')).text);
    expect(back).toContain(`Report signed off: review ${signOff.reference}`);
    expect(back).toContain('No reports are waiting for sign-off.');
    expect((await t.http().get(`/api/reviews/${signOff.id}`).set(s.coordinator.auth)).body.stage).toBe('home_office_qa');
  });

  it('never goes back anywhere but a list of this site', async () => {
    const fresh = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
    for (const bad of [
      '//evil.example/decisions',
      'https://evil.example',
      '/sign-out',
      '/reviews/../administration',
      'javascript:alert(1)',
    ]) {
      const form = await open(`/reviews/${fresh.body.id}/tasks/DECIDE_TO_COMMISSION?returnTo=${encodeURIComponent(bad)}`);
      expect(form.text).not.toContain('name="returnTo"');
    }
    const form = await open(`/reviews/${fresh.body.id}/tasks/DECIDE_NOT_TO_COMMISSION`);
    const sent = await agents.csp
      .post(`/reviews/${fresh.body.id}/tasks/DECIDE_NOT_TO_COMMISSION`)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        returnTo: '//evil.example',
        ...today('decidedAt'),
        deathType: 'homicide',
        rationale: 'Not a domestic homicide.',
      });
    const done = await confirm(sent.headers.location);
    expect(done.headers.location).toBe(`/reviews/${fresh.body.id}`);
  });

  it('shows no id in the text of any page visited', () => {
    expect(pages.length).toBeGreaterThan(10);
    for (const html of pages) expect(visibleText(html)).not.toMatch(UUID);
  });
});
