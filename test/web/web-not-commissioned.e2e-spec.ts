import request from 'supertest';
import { seedPartnership, Seed } from '../support/actors';
import { daysAgo, reviewBody } from '../support/review-driver';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { Agent, csrfOf, visibleText, webSignIn } from '../support/web-forms';

const PASSWORD = 'a-long-enough-test-password';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A London day `daysBefore` today as a date input's day, month and year (no time: midday). */
function day(prefix: string, daysBefore: number): Record<string, string> {
  const when = new Date(Date.now() - daysBefore * 86_400_000);
  const [year, month, dayOfMonth] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(when).split('-');
  return { [`${prefix}-day`]: String(Number(dayOfMonth)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year };
}

/**
 * Workflow v3's "no", in the pages without JavaScript: the coordinator records the decision not
 * to hold a review with the kind of death and who made it; the review cannot be closed until the
 * Home Office's response is recorded and it accepted the decision (a challenge does not do);
 * then it closes. After a challenge the partnership may reconsider, which commissions the review.
 */
describe('web: a decision not to hold a review, the Home Office’s response, then closed', () => {
  let t: WebTestApp;
  let s: Seed;
  let coordinator: Agent;
  const secrets = new Map<string, string>();
  const pages: string[] = [];

  async function open(path: string, status = 200): Promise<request.Response> {
    const res = await coordinator.get(path);
    expect([path, res.status]).toEqual([path, status]);
    pages.push(res.text);
    return res;
  }

  /** GET a task's form, then POST it with its CSRF token and expectedVersion and these answers. */
  async function send(reviewId: string, type: string, fields: Record<string, string>): Promise<request.Response> {
    const path = `/reviews/${reviewId}/tasks/${type}`;
    const form = await open(path);
    const version = /name="expectedVersion" value="(\d+)"/.exec(form.text)?.[1];
    const res = await coordinator
      .post(path)
      .type('form')
      .send({ _csrf: csrfOf(form.text), ...(version ? { expectedVersion: version } : {}), ...fields });
    if (res.status !== 303) pages.push(res.text);
    return res;
  }

  /** Send a task's form, through "Check and confirm" when it has one, and expect the review page's banner. */
  async function record(reviewId: string, type: string, fields: Record<string, string>, banner: string): Promise<void> {
    const sent = await send(reviewId, type, fields);
    expect([type, sent.status]).toEqual([type, 303]);
    let location = sent.headers.location as string;
    if (location.endsWith('/confirm')) {
      const check = await open(location);
      const done = await coordinator
        .post(location)
        .type('form')
        .send({ _csrf: csrfOf(check.text) });
      expect([type, done.status]).toEqual([type, 303]);
      location = done.headers.location as string;
    }
    expect(location).toBe(`/reviews/${reviewId}`);
    expect(visibleText((await open(location)).text)).toContain(banner);
  }

  const tasksOf = async (reviewId: string) => visibleText((await open(`/reviews/${reviewId}/tasks`)).text);
  const reviewOf = async (reviewId: string) => (await t.http().get(`/api/reviews/${reviewId}`).set(s.coordinator.auth)).body;

  async function notifiedReview(pseudonym: string): Promise<string> {
    const res = await t
      .http()
      .post('/api/reviews')
      .set(s.coordinator.auth)
      .send(reviewBody(s.partnership.id, { notifiedAt: daysAgo(20), victimPseudonym: pseudonym }));
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  /** Decided "no" 10 days ago and the Home Office told 9 days ago, all in the pages. */
  async function declined(pseudonym: string): Promise<string> {
    const id = await notifiedReview(pseudonym);
    await record(
      id,
      'DECIDE_NOT_TO_COMMISSION',
      {
        ...day('decidedAt', 10),
        deathType: 'suicide',
        decisionMaker: 'CSP board',
        rationale: 'No abuse by a relative or partner was known to any agency.',
      },
      'Decision not to hold a review recorded',
    );
    await record(id, 'HOME_OFFICE_INFORMED', day('sentAt', 9), 'Home Office notice recorded');
    return id;
  }

  beforeAll(async () => {
    t = await startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } });
    s = await seedPartnership(t, 'NOC');
    coordinator = request.agent(t.server);
    expect((await webSignIn(coordinator, s.coordinator.email, PASSWORD, secrets)).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records the "no" with the kind of death and who decided; the review cannot be closed until the Home Office accepts it, then closes', async () => {
    const id = await notifiedReview('Adult Rowan');

    // The decision: the kind of death is required, GOV.UK messages, then "Check and confirm".
    const unanswered = await send(id, 'DECIDE_NOT_TO_COMMISSION', { ...day('decidedAt', 10), rationale: 'Not in scope.' });
    expect(unanswered.status).toBe(400);
    expect(unanswered.text).toMatch(/<a href="#deathType">Select what kind of death it is<\/a>/);
    expect(unanswered.text).toMatch(/<a href="#decisionMaker">Enter who made the decision<\/a>/);
    const sent = await send(id, 'DECIDE_NOT_TO_COMMISSION', {
      ...day('decidedAt', 10),
      deathType: 'suicide',
      decisionMaker: 'CSP board',
      rationale: 'No abuse by a relative or partner was known to any agency.',
    });
    expect(sent.headers.location).toBe(`/reviews/${id}/tasks/DECIDE_NOT_TO_COMMISSION/confirm`);
    const check = visibleText((await open(sent.headers.location)).text);
    expect(check).toContain('What kind of death is it A suicide after domestic abuse');
    expect(check).toContain('Who made the decision CSP board');
    const confirmPage = await open(sent.headers.location);
    const confirmed = await coordinator
      .post(sent.headers.location)
      .type('form')
      .send({ _csrf: csrfOf(confirmPage.text) });
    expect(confirmed.headers.location).toBe(`/reviews/${id}`);
    const overview = visibleText((await open(`/reviews/${id}`)).text);
    expect(overview).toContain('Not commissioned');
    expect(overview).toMatch(/Decision Not to hold a review, \d{1,2} [A-Z][a-z]+ \d{4} Decided by CSP board/);
    expect(overview).toContain('Kind of death A suicide after domestic abuse');
    expect(overview).toContain(
      'Home Office response Not recorded yet. The review can be closed once the Home Office accepts the decision.',
    );
    expect((await reviewOf(id)).decision).toMatchObject({
      outcome: 'not_commissioned',
      deathType: 'suicide',
      decidedBy: { role: 'CSP board' },
    });

    // Not closable yet: not offered, the form refused, a POST refused (409), nothing changed.
    expect(await tasksOf(id)).not.toContain('Close the review');
    expect(visibleText((await open(`/reviews/${id}/tasks/CLOSE`)).text)).toContain('You cannot do this now');
    const early = await coordinator
      .post(`/reviews/${id}/tasks/CLOSE`)
      .type('form')
      .send({ _csrf: csrfOf((await open(`/reviews/${id}/tasks`)).text) });
    expect(early.status).toBe(409);
    pages.push(early.text);
    expect(early.text).toContain('You cannot do this now');
    expect((await reviewOf(id)).stage).toBe('not_commissioned');

    // The Home Office is told, then answers: a response dated before the notice is refused, by name.
    await record(id, 'HOME_OFFICE_INFORMED', day('sentAt', 9), 'Home Office notice recorded');
    expect(await tasksOf(id)).toContain('Record the Home Office’s response to the decision');
    expect(await tasksOf(id)).not.toContain('Close the review');
    const form = await open(`/reviews/${id}/tasks/HOME_OFFICE_RESPONSE`);
    expect(form.text).toContain('What did the Home Office say?');
    const noOutcome = await send(id, 'HOME_OFFICE_RESPONSE', day('receivedAt', 5));
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.text).toMatch(/<a href="#outcome">Select what the Home Office said<\/a>/);
    const backwards = await send(id, 'HOME_OFFICE_RESPONSE', { ...day('receivedAt', 12), outcome: 'accepted' });
    expect(backwards.status).toBe(400);
    expect(visibleText(backwards.text)).toMatch(
      /The date this happened must not be before the notice to the Home Office on \d{1,2} [A-Z][a-z]+ \d{4}, midday/,
    );

    // A challenge does not let the review close; a later acceptance does.
    await record(
      id,
      'HOME_OFFICE_RESPONSE',
      { ...day('receivedAt', 5), outcome: 'challenged', note: 'The panel asks the partnership to look again.' },
      'Home Office response recorded: it challenged the decision not to hold a review',
    );
    const challenged = await tasksOf(id);
    expect(challenged).not.toContain('Close the review');
    expect(challenged).toContain('Record that the partnership reconsidered and will hold a review');
    await record(
      id,
      'HOME_OFFICE_RESPONSE',
      { ...day('receivedAt', 2), outcome: 'accepted', note: 'The partnership’s further reasons were accepted.' },
      'Home Office response recorded: it accepted the decision not to hold a review',
    );
    expect((await reviewOf(id)).homeOfficeResponse).toMatchObject({ outcome: 'accepted' });
    expect(visibleText((await open(`/reviews/${id}`)).text)).toMatch(
      /Home Office response Accepted the decision, \d{1,2} [A-Z][a-z]+ \d{4}/,
    );
    expect(await tasksOf(id)).toContain('Close the review');
    await record(id, 'CLOSE', {}, 'Review closed');
    expect((await reviewOf(id)).stage).toBe('closed');

    const timeline = visibleText((await open(`/reviews/${id}/timeline`)).text);
    for (const words of [
      'Decision not to hold a review recorded',
      'Kind of death: a suicide after domestic abuse',
      'Decided by: CSP board',
      'Home Office notice recorded',
      'Home Office response recorded: it challenged the decision not to hold a review',
      'The panel asks the partnership to look again.',
      'Home Office response recorded: it accepted the decision not to hold a review',
      'Review closed',
    ])
      expect(timeline).toContain(words);
  });

  it('after a challenge, records the reconsidered decision: the review is commissioned', async () => {
    const id = await declined('Adult Hazel');
    expect(await tasksOf(id)).not.toContain('Record that the partnership reconsidered');
    await record(
      id,
      'HOME_OFFICE_RESPONSE',
      { ...day('receivedAt', 5), outcome: 'challenged' },
      'Home Office response recorded: it challenged the decision not to hold a review',
    );
    const form = await open(`/reviews/${id}/tasks/RECONSIDER_DECISION`);
    expect(form.text).toContain('Record the reconsidered decision to hold a review');
    const nobody = await send(id, 'RECONSIDER_DECISION', { ...day('decidedAt', 3), rationale: 'The Home Office is right.' });
    expect(nobody.status).toBe(400);
    expect(nobody.text).toMatch(/<a href="#decisionMaker">Enter who made the decision<\/a>/);
    await record(
      id,
      'RECONSIDER_DECISION',
      { ...day('decidedAt', 3), decisionMaker: 'CSP board', rationale: 'The Home Office is right.' },
      'Reconsidered decision recorded: the review is commissioned',
    );
    const review = await reviewOf(id);
    expect(review.stage).toBe('setup');
    expect(review.decision).toMatchObject({ outcome: 'reconsidered', decidedBy: { role: 'CSP board' } });
    const timeline = visibleText((await open(`/reviews/${id}/timeline`)).text);
    expect(timeline).toContain('Reconsidered decision recorded: the review is commissioned');
    expect(timeline).toContain('Decided by: CSP board');
  });

  it('shows no id in the text of any page visited', () => {
    expect(pages.length).toBeGreaterThan(20);
    for (const html of pages) expect(visibleText(html)).not.toMatch(UUID);
  });
});
