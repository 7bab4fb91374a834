import request from 'supertest';
import { seedPartnership, Seed } from '../support/actors';
import { reviewBody } from '../support/review-driver';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { Agent, csrfOf, visibleText, webSignIn } from '../support/web-forms';

const PASSWORD = 'a-long-enough-test-password';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const UUID_PATH = /\/reviews\/([0-9a-f-]{36})$/;

/** Today (or days before) in London as a date input's day, month and year. */
function today(prefix: string, daysBefore = 0): Record<string, string> {
  const when = new Date(Date.now() - daysBefore * 86_400_000);
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(when).split('-');
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year };
}

/**
 * Doing a review's work in the pages, as a browser without JavaScript: recording a
 * notification, the tasks each person may do now as forms, "Check and confirm" for an
 * irreversible step, the errors and banners, and the timeline — never an id in the text.
 */
describe('web: a review’s work through the forms', () => {
  let t: WebTestApp;
  let s: Seed;
  let reviewId: string;
  const secrets = new Map<string, string>();
  const agents: Record<string, Agent> = {};
  const pages: string[] = [];

  /** GET a page, remembered for the "no id in the text" check. */
  async function open(agent: Agent, path: string, status = 200): Promise<request.Response> {
    const res = await agent.get(path);
    expect(res.status).toBe(status);
    pages.push(res.text);
    return res;
  }

  /** GET the form, then POST it with its CSRF token and expectedVersion and these answers. */
  async function send(agent: Agent, path: string, fields: Record<string, string>): Promise<request.Response> {
    const form = await open(agent, path);
    const version = /name="expectedVersion" value="(\d+)"/.exec(form.text)?.[1];
    const res = await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfOf(form.text), ...(version ? { expectedVersion: version } : {}), ...fields });
    if (res.status !== 303) pages.push(res.text);
    return res;
  }

  /** Send a task's form and follow to the review page with its success banner. */
  async function record(agent: Agent, type: string, fields: Record<string, string>, banner: string): Promise<request.Response> {
    const res = await send(agent, `/reviews/${reviewId}/tasks/${type}`, fields);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/reviews/${reviewId}`);
    const page = await open(agent, `/reviews/${reviewId}`);
    expect(page.text).toContain('govuk-notification-banner--success');
    expect(page.text).toContain(banner);
    return page;
  }

  const stageOf = async (agent: Agent) => /govuk-tag--blue">([^<]+)</.exec((await open(agent, `/reviews/${reviewId}`)).text)?.[1];

  beforeAll(async () => {
    t = await startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } });
    s = await seedPartnership(t, 'WRK');
    for (const [who, email] of [
      ['coordinator', s.coordinator.email],
      ['chair', s.chair.email],
      ['csp', s.cspChair.email],
      ['police', s.policeContact.email],
      ['health', s.healthContact.email],
    ]) {
      agents[who] = request.agent(t.server);
      const done = await webSignIn(agents[who], email, PASSWORD, secrets);
      expect(done.status).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records a notification: a bad date named in the error summary, check your answers, then the new review', async () => {
    const caseload = await open(agents.coordinator, '/reviews');
    expect(caseload.text).toContain('href="/reviews/new"');
    expect(caseload.text).toContain('Record a notification');
    expect((await open(agents.csp, '/reviews')).text).not.toContain('href="/reviews/new"');
    await open(agents.csp, '/reviews/new', 403);

    const form = await open(agents.coordinator, '/reviews/new');
    expect(form.text).toContain('Do not use real names');
    expect(form.text).toContain('Police force area');

    const answers = {
      ...today('notifiedAt', 1),
      'notifiedAt-time': '9am',
      notifiedBy: 'WRK Police',
      'deathDate-day': '31',
      'deathDate-month': '2',
      'deathDate-year': '2026',
      victimPseudonym: 'Adult A',
      perpetratorPseudonym: 'Adult B',
      policeForceArea: 'Wessex',
    };
    const bad = await send(agents.coordinator, '/reviews/new', answers);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('There is a problem');
    expect(bad.text).toMatch(/<a href="#deathDate-day">Date of death must be a real date<\/a>/);
    expect(bad.text).toContain('value="Adult A"');

    const missing = await send(agents.coordinator, '/reviews/new', { ...answers, 'deathDate-day': '', victimPseudonym: '' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('href="#deathDate-day"');
    expect(missing.text).toContain('href="#victimPseudonym"');

    const ok = await send(agents.coordinator, '/reviews/new', { ...answers, 'deathDate-day': '14', 'deathDate-month': '9' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/reviews/new/check');
    const check = await open(agents.coordinator, '/reviews/new/check');
    expect(check.text).toContain('Check your answers');
    expect(check.text).toContain('14 September 2026');
    expect(check.text).toContain('Adult A');
    const created = await agents.coordinator
      .post('/reviews/new/check')
      .type('form')
      .send({ _csrf: csrfOf(check.text) });
    expect(created.status).toBe(303);
    reviewId = UUID_PATH.exec(created.headers.location)![1];
    const review = await open(agents.coordinator, `/reviews/${reviewId}`);
    expect(review.text).toContain('Notification recorded');
    expect(review.text).toMatch(/DHR-WRK-\d{4}-\d{3}/);
    expect(review.text).toContain('moj-sub-navigation');
    expect(review.text).toContain(`href="/reviews/${reviewId}/tasks"`);
    // The banner is shown once.
    expect((await open(agents.coordinator, `/reviews/${reviewId}`)).text).not.toContain('govuk-notification-banner--success');
  });

  it('lists what each person may do now; a CSP chair sees no coordinator-only task and may not open one', async () => {
    const mine = await open(agents.coordinator, `/reviews/${reviewId}/tasks`);
    expect(mine.text).toContain('Record the decision to hold a review');
    expect(mine.text).toContain('Record the decision not to hold a review');
    expect(mine.text).toContain('Ask an agency for scoping information');
    const csp = await open(agents.csp, `/reviews/${reviewId}/tasks`);
    expect(csp.text).toContain('Record the decision to hold a review');
    expect(csp.text).not.toContain('Ask an agency for scoping information');
    expect(csp.text).not.toContain('Put the review on hold');
    await open(agents.csp, `/reviews/${reviewId}/tasks/REQUEST_SCOPING`, 403);
    // Not theirs to see: the 404 page, for the tasks and the timeline alike.
    await open(agents.health, `/reviews/${reviewId}/tasks`, 404);
    await open(agents.health, `/reviews/${reviewId}/timeline`, 404);
    await open(agents.coordinator, `/reviews/${reviewId}/tasks/NOT_AN_EVENT`, 404);
  });

  it('asks an agency for scoping information; its contact records it returned', async () => {
    await record(agents.coordinator, 'REQUEST_SCOPING', { agencyId: s.police.id }, 'Scoping information requested');
    const offered = await open(agents.coordinator, `/reviews/${reviewId}/tasks/REQUEST_SCOPING`);
    expect(offered.text).not.toContain('WRK Police');
    expect(offered.text).toContain('WRK NHS Trust');
    const police = await open(agents.police, `/reviews/${reviewId}/tasks/RECEIVE_SCOPING`);
    expect(police.text).toContain('WRK Police');
    await record(
      agents.police,
      'RECEIVE_SCOPING',
      { agencyId: s.police.id, ...today('receivedAt') },
      'Scoping information recorded as received',
    );
  });

  it('an irreversible step goes through "Check and confirm" first', async () => {
    const res = await send(agents.coordinator, `/reviews/${reviewId}/tasks/DECIDE_NOT_TO_COMMISSION`, {
      ...today('decidedAt'),
      deathType: 'other',
      deathTypeDescription: 'A death in a care home',
      decisionMaker: 'CSP board',
      rationale: 'Not a domestic homicide.',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/reviews/${reviewId}/tasks/DECIDE_NOT_TO_COMMISSION/confirm`);
    const confirm = await open(agents.coordinator, res.headers.location);
    expect(confirm.text).toContain('Are you sure you want to record the decision not to hold a review?');
    expect(confirm.text).toContain('Not a domestic homicide.');
    // v3: the decision on the record, as answered.
    expect(visibleText(confirm.text)).toContain('What kind of death is it Something else');
    expect(visibleText(confirm.text)).toContain('A death in a care home');
    expect(visibleText(confirm.text)).toContain('Who made the decision CSP board');
    expect(confirm.text).toContain('govuk-button--warning');
    expect(confirm.text).toContain(`action="/reviews/${reviewId}/tasks/DECIDE_NOT_TO_COMMISSION/confirm"`);
    // Not confirmed: nothing recorded; a Change link comes back to the answers given.
    expect(await stageOf(agents.coordinator)).toBe('Notification');
    const change = await open(agents.coordinator, `/reviews/${reviewId}/tasks/DECIDE_NOT_TO_COMMISSION`);
    expect(change.text).toContain('Not a domestic homicide.');
    expect(change.text).toMatch(/name="deathType" type="radio" value="other" checked/);
    expect(change.text).toContain('value="A death in a care home"');
  });

  it('records an irreversible step once confirmed', async () => {
    const other = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
    expect(other.status).toBe(201);
    const path = `/reviews/${other.body.id}/tasks/DECIDE_NOT_TO_COMMISSION`;
    const res = await send(agents.csp, path, { ...today('decidedAt'), deathType: 'homicide', rationale: 'Not a domestic homicide.' });
    expect(res.headers.location).toBe(`${path}/confirm`);
    const confirm = await open(agents.csp, `${path}/confirm`);
    const done = await agents.csp
      .post(`${path}/confirm`)
      .type('form')
      .send({ _csrf: csrfOf(confirm.text) });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/reviews/${other.body.id}`);
    const page = await open(agents.csp, done.headers.location);
    expect(page.text).toContain('Decision not to hold a review recorded');
    expect(page.text).toContain('Not commissioned');
    // Confirming again has nothing waiting: back to the form, which now says it cannot be done.
    const again = await agents.csp
      .post(`${path}/confirm`)
      .type('form')
      .send({ _csrf: csrfOf(confirm.text) });
    expect(again.headers.location).toBe(path);
    expect((await open(agents.csp, path)).text).toContain('You cannot do this now');
  });

  it('decides to commission with "when did this happen?": a bad date is named, then it is recorded', async () => {
    const form = await open(agents.coordinator, `/reviews/${reviewId}/tasks/DECIDE_TO_COMMISSION`);
    expect(form.text).toContain('When did this happen?');
    const { 'decidedAt-day': day } = today('decidedAt');
    expect(form.text).toContain(`name="decidedAt-day" type="text" value="${day}"`);
    expect(form.text).toContain('govuk-character-count');
    // v3: the kind of death (radios, then a description for "Something else") and who made the decision.
    expect(form.text).toContain('What kind of death is it?');
    expect(form.text).toMatch(/name="deathType" type="radio" value="other"[\s\S]*If something else, describe the kind of death/);
    expect(form.text).toContain('Who made the decision?');
    const decision = { deathType: 'homicide', decisionMaker: 'CSP chair at the board meeting' };
    const unanswered = await send(agents.coordinator, `/reviews/${reviewId}/tasks/DECIDE_TO_COMMISSION`, {
      ...today('decidedAt'),
      deathType: 'other',
      rationale: 'Criteria met.',
    });
    expect(unanswered.status).toBe(400);
    expect(unanswered.text).toMatch(/<a href="#deathTypeDescription">Enter the description of the kind of death<\/a>/);
    expect(unanswered.text).toMatch(/<a href="#decisionMaker">Enter who made the decision<\/a>/);
    const noKind = await send(agents.coordinator, `/reviews/${reviewId}/tasks/DECIDE_TO_COMMISSION`, {
      ...today('decidedAt'),
      ...decision,
      deathType: '',
      rationale: 'Criteria met.',
    });
    expect(noKind.status).toBe(400);
    expect(noKind.text).toMatch(/<a href="#deathType">Select what kind of death it is<\/a>/);

    const bad = await send(agents.coordinator, `/reviews/${reviewId}/tasks/DECIDE_TO_COMMISSION`, {
      ...today('decidedAt'),
      ...decision,
      'decidedAt-month': '13',
      rationale: 'Criteria met.',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/<a href="#decidedAt-month">The date this happened must be a real date<\/a>/);
    expect(bad.text).toContain('Criteria met.');

    const future = await send(agents.coordinator, `/reviews/${reviewId}/tasks/DECIDE_TO_COMMISSION`, {
      ...today('decidedAt'),
      'decidedAt-year': String(new Date().getUTCFullYear() + 1),
      ...decision,
      rationale: 'Criteria met.',
    });
    // The domain checks the date when the confirmed step is sent: the form again, with the error.
    expect(future.headers.location).toBe(`/reviews/${reviewId}/tasks/DECIDE_TO_COMMISSION/confirm`);
    const futureConfirm = await open(agents.coordinator, future.headers.location);
    const refused = await agents.coordinator
      .post(future.headers.location)
      .type('form')
      .send({ _csrf: csrfOf(futureConfirm.text) });
    expect(refused.status).toBe(400);
    pages.push(refused.text);
    expect(refused.text).toMatch(/<a href="#decidedAt-day">The date this happened must not be in the future<\/a>/);
    expect(refused.text).toContain('Criteria met.');

    const noReason = await send(agents.coordinator, `/reviews/${reviewId}/tasks/DECIDE_TO_COMMISSION`, {
      ...today('decidedAt'),
      ...decision,
      rationale: '',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('href="#rationale"');

    const stale = await open(agents.coordinator, `/reviews/${reviewId}/tasks/DECIDE_TO_COMMISSION`);
    // Irreversible: "Check and confirm" first, then recorded.
    const decided = await send(agents.coordinator, `/reviews/${reviewId}/tasks/DECIDE_TO_COMMISSION`, {
      ...today('decidedAt', 1),
      'decidedAt-time': '9:15am',
      ...decision,
      rationale: 'Criteria met.',
    });
    expect(decided.headers.location).toBe(`/reviews/${reviewId}/tasks/DECIDE_TO_COMMISSION/confirm`);
    const confirm = await open(agents.coordinator, decided.headers.location);
    expect(confirm.text).toContain('Are you sure you want to record the decision to hold a review?');
    const confirmed = await agents.coordinator
      .post(decided.headers.location)
      .type('form')
      .send({ _csrf: csrfOf(confirm.text) });
    expect(confirmed.headers.location).toBe(`/reviews/${reviewId}`);
    expect((await open(agents.coordinator, `/reviews/${reviewId}`)).text).toContain('Decision to hold a review recorded');
    expect(await stageOf(agents.coordinator)).toBe('Setting up');

    // The same form again: no longer allowed, a banner says so and lists what can be done now.
    const again = await agents.coordinator
      .post(`/reviews/${reviewId}/tasks/DECIDE_TO_COMMISSION`)
      .type('form')
      .send({ _csrf: csrfOf(stale.text), ...today('decidedAt'), ...decision, rationale: 'Again.' });
    expect(again.status).toBe(409);
    pages.push(again.text);
    expect(again.text).toContain('govuk-notification-banner');
    expect(again.text).toContain('You cannot do this now');
    expect(again.text).toContain('Appoint the independent chair');
    const opened = await open(agents.coordinator, `/reviews/${reviewId}/tasks/DECIDE_TO_COMMISSION`);
    expect(opened.text).toContain('You cannot do this now');
  });

  it('appoints the chair by name and adds a panel agency; the chair agrees the terms of reference', async () => {
    const form = await open(agents.coordinator, `/reviews/${reviewId}/tasks/APPOINT_CHAIR`);
    expect(form.text).toContain('independent_chair WRK');
    expect(form.text).not.toContain('coordinator WRK</label>');
    await record(agents.coordinator, 'APPOINT_CHAIR', { userId: s.chair.id }, 'Independent chair appointed');

    const agencies = await open(agents.coordinator, `/reviews/${reviewId}/tasks/ADD_PANEL_AGENCY`);
    expect(agencies.text).toContain('WRK Police');
    expect(agencies.text).toContain('WRK NHS Trust');
    const none = await send(agents.coordinator, `/reviews/${reviewId}/tasks/ADD_PANEL_AGENCY`, {});
    expect(none.status).toBe(400);
    expect(none.text).toMatch(/<a href="#agencyId">Select an agency<\/a>/);
    await record(agents.coordinator, 'ADD_PANEL_AGENCY', { agencyId: s.police.id }, 'Agency added to the panel');

    const chairTasks = await open(agents.chair, `/reviews/${reviewId}/tasks`);
    expect(chairTasks.text).toContain('Record the agreed terms of reference');
    expect(chairTasks.text).not.toContain('Appoint the independent chair');
    const backwards = await send(agents.chair, `/reviews/${reviewId}/tasks/AGREE_TERMS_OF_REFERENCE`, {
      ...today('agreedAt'),
      'periodFrom-day': '1',
      'periodFrom-month': '1',
      'periodFrom-year': '2026',
      'periodTo-day': '1',
      'periodTo-month': '1',
      'periodTo-year': '2021',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain('href="#periodTo-day"');
    await record(
      agents.chair,
      'AGREE_TERMS_OF_REFERENCE',
      {
        ...today('agreedAt'),
        'periodFrom-day': '1',
        'periodFrom-month': '1',
        'periodFrom-year': '2021',
        'periodTo-day': '14',
        'periodTo-month': '9',
        'periodTo-year': '2026',
      },
      'Terms of reference recorded',
    );
    expect(await stageOf(agents.chair)).toBe('Information gathering');
  });

  it('asks for an IMR, the police contact records it received, the chair begins drafting', async () => {
    await record(agents.coordinator, 'ADD_PANEL_AGENCY', { agencyId: s.health.id }, 'Agency added to the panel');
    await record(agents.coordinator, 'REQUEST_IMR', { agencyId: s.police.id }, 'IMR (individual management review) requested');
    await record(
      agents.chair,
      'WAIVE_IMR',
      { agencyId: s.health.id, reason: 'No contact with either person.' },
      'IMR (individual management review) recorded as not needed',
    );
    const police = await open(agents.police, `/reviews/${reviewId}/tasks`);
    expect(police.text).toContain('Record an IMR (individual management review) received');
    expect(police.text).not.toContain('Begin drafting');
    await record(
      agents.police,
      'RECEIVE_IMR',
      { agencyId: s.police.id, ...today('receivedAt') },
      'IMR (individual management review) recorded as received',
    );
    await record(agents.chair, 'BEGIN_DRAFTING', {}, 'Drafting begun');
    expect(await stageOf(agents.chair)).toBe('Drafting');
  });

  it('puts the review on hold and resumes it; records the Home Office told', async () => {
    await record(agents.coordinator, 'HOME_OFFICE_INFORMED', today('sentAt'), 'Home Office notice recorded');
    const held = await record(
      agents.coordinator,
      'PUT_ON_HOLD',
      // What the hold stops is a required answer since workflow v2 (an inquest usually holds publication only).
      { kind: 'inquest', scope: 'review', reason: 'Inquest opened.', reference: 'INQ-1' },
      'Review put on hold',
    );
    expect(held.text).toContain('This review is on hold');
    expect(visibleText(held.text)).toContain('Because of an inquest (reference INQ-1)');
    expect(visibleText(held.text)).toContain('Reason given: Inquest opened.');
    const tasks = await open(agents.coordinator, `/reviews/${reviewId}/tasks`);
    expect(tasks.text).toContain('Resume the review');
    expect(tasks.text).not.toContain('Put the review on hold');
    await record(agents.coordinator, 'RESUME', {}, 'Review resumed');
    expect(await stageOf(agents.coordinator)).toBe('Drafting');
  });

  it('says so when someone else changed the review first', async () => {
    const form = await open(agents.coordinator, `/reviews/${reviewId}/tasks/PUT_ON_HOLD`);
    const res = await agents.coordinator
      .post(`/reviews/${reviewId}/tasks/PUT_ON_HOLD`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), expectedVersion: '1', kind: 'other', scope: 'review', reason: 'Waiting.' });
    expect(res.status).toBe(409);
    pages.push(res.text);
    expect(res.text).toContain('Someone else changed this review');
  });

  it('shows the timeline: the events in words, who by name, dates in GOV.UK style', async () => {
    const page = await open(agents.coordinator, `/reviews/${reviewId}/timeline`);
    const text = visibleText(page.text);
    expect(page.text).toContain('moj-timeline');
    for (const words of [
      'Notification recorded',
      'Decision to hold a review recorded',
      'Independent chair appointed',
      'Agency added to the panel',
      'Terms of reference recorded',
      'IMR (individual management review) recorded as received',
      'Drafting begun',
      'Scoping information recorded as received',
      'IMR (individual management review) recorded as not needed',
      'Review put on hold',
      'Review resumed',
    ])
      expect(text).toContain(words);
    expect(text).toContain('by coordinator WRK');
    expect(text).toContain('by independent_chair WRK');
    expect(text).toContain('by agency_contact WRK');
    expect(text).toContain('Chair: independent_chair WRK');
    expect(text).toContain('Agency: WRK Police');
    expect(text).toContain('Kind of death: a homicide');
    expect(text).toContain('Decided by: CSP chair at the board meeting');
    expect(text).toMatch(/\d{1,2} [A-Z][a-z]+ \d{4}, 9:15am/);
    expect(text.indexOf('Drafting begun')).toBeLessThan(text.indexOf('Notification recorded'));
  });

  it('shows no id in the text of any page visited', () => {
    expect(pages.length).toBeGreaterThan(30);
    for (const html of pages) expect(visibleText(html)).not.toMatch(UUID);
  });
});
