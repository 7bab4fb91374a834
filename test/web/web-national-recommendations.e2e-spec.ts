import request from 'supertest';
import { seedPartnership, Seed } from '../support/actors';
import { sql } from '../support/notifications-db';
import { ReviewFileData, seedReviewFile } from '../support/review-file-data';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { Agent, csrfOf, webSignIn, visibleText as pageText } from '../support/web-forms';

const PASSWORD = 'a-long-enough-test-password';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const visibleText = (html: string) =>
  pageText(html)
    .replace(/&#39;/g, "'")
    .replace(/&rsquo;|’/g, "'");

/** A London date `days` from today, as YYYY-MM-DD and as a date input's fields named `name`. */
function londonDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + days * 86_400_000));
}
function dateFields(name: string, days: number): Record<string, string> {
  const [year, month, day] = londonDate(days).split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
}
const longDate = (days: number) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(
    new Date(`${londonDate(days)}T12:00:00Z`),
  );

/**
 * Where a national recommendation was sent and the department's response, through the Action
 * plan's pages as a browser without JavaScript: "Record where it was sent" and "Record the
 * response", each bad answer named in a GOV.UK error summary (400), who may and may not.
 */
describe('web: recording where a national recommendation was sent, and the response', () => {
  jest.setTimeout(120_000);
  let t: WebTestApp;
  let s: Seed;
  let other: Seed;
  let r: ReviewFileData;
  let national: string;
  let unsent: string;
  let local: string;
  const secrets = new Map<string, string>();
  const agents: Record<string, Agent> = {};
  const pages: string[] = [];

  async function open(agent: Agent, path: string, status = 200): Promise<request.Response> {
    const res = await agent.get(path);
    expect({ path, status: res.status }).toEqual({ path, status });
    if (status === 200) pages.push(res.text);
    return res;
  }

  /** GETs the form, then POSTs it with its CSRF token. */
  async function post(agent: Agent, page: string, fields: Record<string, string>): Promise<request.Response> {
    const form = await open(agent, page);
    const res = await agent
      .post(page)
      .type('form')
      .send({ _csrf: csrfOf(form.text), ...fields });
    if (res.status !== 303) pages.push(res.text);
    return res;
  }

  beforeAll(async () => {
    t = await startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } });
    s = await seedPartnership(t, 'NRW');
    other = await seedPartnership(t, 'ONR');
    r = await seedReviewFile(t, s, 'Adult N'); // in drafting, with local recommendation 1
    const add = async (body: object) => {
      const res = await t.http().post(`/api/reviews/${r.id}/recommendations`).set(s.coordinator.auth).send(body);
      expect(res.status).toBe(201);
      return res.body as { id: string; number: number };
    };
    national = (await add({ scope: 'national', text: 'Home Office to revise the statutory guidance' })).id;
    unsent = (await add({ scope: 'national', text: 'DHSC to fund routine enquiry training' })).id;
    const plan = await t.http().get(`/api/reviews/${r.id}/action-plan`).set(s.coordinator.auth);
    local = (plan.body.recommendations as { id: string; scope: string }[]).find((x) => x.scope === 'local')!.id;
    for (const [who, email] of [
      ['coordinator', s.coordinator.email],
      ['csp', s.cspChair.email],
      ['chair', s.chair.email],
      ['police', s.policeContact.email],
      ['otherCoordinator', other.coordinator.email],
    ]) {
      agents[who] = request.agent(t.server);
      expect((await webSignIn(agents[who], email, PASSWORD, secrets)).status).toBe(200);
    }
  });
  afterAll(() => t?.close());

  const sentPage = (id: string) => `/reviews/${r.id}/action-plan/recommendations/${id}/sent`;
  const responsePage = (id: string) => `/reviews/${r.id}/action-plan/recommendations/${id}/response`;

  it('shows each national recommendation’s routing on the Action plan, with the forms for those who manage recommendations', async () => {
    const plan = await open(agents.coordinator, `/reviews/${r.id}/action-plan`);
    expect(plan.text).toContain(`href="${sentPage(national)}"`);
    expect(plan.text).not.toContain(`href="${sentPage(local)}"`);
    expect(plan.text).not.toContain(`href="${responsePage(national)}"`); // not sent yet
    expect(visibleText(plan.text)).toMatch(
      /Home Office to revise the statutory guidance.*Where it was sent\s*Not sent\s*Sent to\s*Not sent yet/,
    );
    for (const who of ['csp', 'police']) {
      const seen = await open(agents[who], `/reviews/${r.id}/action-plan`);
      expect(seen.text).not.toContain('/sent"');
    }
  });

  it('"Record where it was sent": each bad answer named in the error summary, the answers kept', async () => {
    const blank = await post(agents.coordinator, sentPage(national), { department: ' ' });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('<a href="#department">Enter the government department or national body it was sent to</a>');
    expect(blank.text).toContain('<a href="#sentOn-day">Enter the date it was sent</a>');
    expect(blank.text).toMatch(/<title>Error: Record where it was sent/);

    const future = await post(agents.coordinator, sentPage(national), { department: 'Home Office', ...dateFields('sentOn', 2) });
    expect(future.status).toBe(400);
    expect(future.text).toContain('<a href="#sentOn-day">The date it was sent must be today or in the past</a>');
    expect(future.text).toContain('value="Home Office"');
    const incomplete = await post(agents.coordinator, sentPage(national), {
      department: 'Home Office',
      'sentOn-day': '3',
      'sentOn-year': '2026',
    });
    expect(incomplete.text).toContain('The date it was sent must include a month');
    const unreal = await post(agents.coordinator, sentPage(national), {
      department: 'Home Office',
      'sentOn-day': '31',
      'sentOn-month': '2',
      'sentOn-year': '2026',
    });
    expect(unreal.text).toContain('The date it was sent must be a real date');
    const long = await post(agents.coordinator, sentPage(national), { department: 'x'.repeat(201), ...dateFields('sentOn', -1) });
    expect(long.text).toContain('The department or national body must be 200 characters or fewer');
    expect((await t.http().get(`/api/reviews/${r.id}/action-plan`).set(s.coordinator.auth)).body.recommendations[1].routing.status).toBe(
      'not_sent',
    );
  });

  it('records where it was sent, then the response; the Action plan shows both, and each is in the audit trail', async () => {
    const sent = await post(agents.chair, sentPage(national), { department: 'Home Office', ...dateFields('sentOn', -10) });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/reviews/${r.id}/action-plan`);
    let text = visibleText((await open(agents.chair, `/reviews/${r.id}/action-plan`)).text);
    expect(text).toContain('where it was sent has been recorded');
    expect(text).toMatch(
      new RegExp(`Awaiting response\\s*Sent to\\s*Home Office\\s*Date sent\\s*${longDate(-10)}\\s*Response\\s*No response yet`),
    );

    // The form for a change starts from what was recorded.
    const change = await open(agents.coordinator, sentPage(national));
    expect(change.text).toContain('value="Home Office"');
    expect(change.text).toContain(`name="sentOn-year" type="text" value="${londonDate(-10).slice(0, 4)}"`);

    const early = await post(agents.coordinator, responsePage(national), { response: 'Agreed', ...dateFields('respondedOn', -11) });
    expect(early.status).toBe(400);
    expect(early.text).toContain(
      '<a href="#respondedOn-day">The date the response was received must be the same as or after the date the recommendation was sent</a>',
    );
    const blank = await post(agents.coordinator, responsePage(national), {});
    expect(blank.text).toContain('<a href="#response">Enter the response from the department</a>');
    expect(blank.text).toContain('<a href="#respondedOn-day">Enter the date the response was received</a>');

    const answered = await post(agents.coordinator, responsePage(national), {
      response: 'The guidance will be revised in the next edition.',
      ...dateFields('respondedOn', -2),
    });
    expect(answered.status).toBe(303);
    text = visibleText((await open(agents.csp, `/reviews/${r.id}/action-plan`)).text);
    expect(text).toMatch(
      new RegExp(
        `Response received\\s*Sent to\\s*Home Office\\s*Date sent\\s*${longDate(-10)}\\s*Response\\s*The guidance will be revised in the next edition.\\s*Response received\\s*${longDate(-2)}`,
      ),
    );
    // A sent date after the response came is refused on this form too.
    const late = await post(agents.coordinator, sentPage(national), { department: 'Home Office', ...dateFields('sentOn', -1) });
    expect(late.text).toContain('The date it was sent must be the same as or before the date the response was received');

    const audit = await sql<{ action: string; changes: Record<string, unknown> }>(
      t.config,
      `SELECT action, changes FROM audit_entries WHERE entity_id = $1 AND action = 'recommendation.update' ORDER BY id`,
      [national],
    );
    expect(audit.map((a) => Object.keys(a.changes).sort())).toEqual([
      ['department', 'sentOn'],
      ['respondedOn', 'response'],
    ]);
  });

  it('the response waits for the recommendation to be sent; local ones have no routing; who may not', async () => {
    const notYet = await open(agents.coordinator, responsePage(unsent));
    expect(visibleText(notYet.text)).toContain('The response cannot be recorded yet');
    expect(notYet.text).toContain(`href="${sentPage(unsent)}"`);
    const refused = await agents.coordinator
      .post(responsePage(unsent))
      .type('form')
      .send({ _csrf: csrfOf(notYet.text), response: 'x', ...dateFields('respondedOn', -1) });
    expect(refused.status).toBe(409);

    await open(agents.coordinator, sentPage(local), 404);
    await open(agents.coordinator, `/reviews/${r.id}/action-plan/recommendations/not-an-id/sent`, 404);
    await open(agents.csp, sentPage(unsent), 403);
    await open(agents.police, responsePage(national), 403);
    await open(agents.otherCoordinator, sentPage(unsent), 404);
    const noToken = await agents.coordinator
      .post(sentPage(unsent))
      .type('form')
      .send({ department: 'Home Office', ...dateFields('sentOn', -1) });
    expect(noToken.status).toBe(403);
    // The CSP chair's own token (the sign-out form on every page): refused for the role, not the token.
    const cspToken = csrfOf((await open(agents.csp, `/reviews/${r.id}/action-plan`)).text);
    expect(cspToken).not.toBe('');
    const cspPost = await agents.csp
      .post(sentPage(unsent))
      .type('form')
      .send({ _csrf: cspToken, department: 'Home Office', ...dateFields('sentOn', -1) });
    expect(cspPost.status).toBe(403);
    expect((await t.http().get(`/api/reviews/${r.id}/action-plan`).set(s.coordinator.auth)).body.recommendations[2].routing.status).toBe(
      'not_sent',
    );
  });

  it('never shows an id in the text a person reads', () => {
    expect(pages.length).toBeGreaterThan(15);
    for (const html of pages) expect(visibleText(html)).not.toMatch(UUID);
  });
});
