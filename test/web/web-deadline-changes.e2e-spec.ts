import request from 'supertest';
import { seedPartnership, Seed } from '../support/actors';
import { daysAgo, reviewBody, send } from '../support/review-driver';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { Agent, csrfOf, visibleText, webSignIn } from '../support/web-forms';

const PASSWORD = 'a-long-enough-test-password';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const LONG = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** A London date some days from now: as the API takes it (YYYY-MM-DD), as a date input's boxes, and as the pages write it. */
function dayAhead(days: number, prefix = 'dueAt') {
  const at = new Date(Date.now() + days * 86_400_000);
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at);
  const [year, month, day] = iso.split('-');
  return {
    iso,
    boxes: { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year },
    words: `5pm on ${LONG.format(new Date(`${iso}T12:00:00Z`))}`,
  };
}

/** 5pm London on a date, as an instant: summer or winter. */
const fivePm = (iso: string) => {
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' })
    .formatToParts(new Date(`${iso}T12:00:00Z`))
    .find((p) => p.type === 'timeZoneName')!.value;
  return new Date(`${iso}T${offset === 'GMT+1' ? '16' : '17'}:00:00.000Z`).toISOString();
};

interface Deadline {
  id: string;
  kind: string;
  agencyId?: string;
  dueAt: string;
  status: string;
  extension?: { previousDueAt: string; reason: string };
}

/**
 * Deadlines, requests and holds in the pages, as a browser without JavaScript (issue 11, items
 * 3, 4 and 7): changing a due date from the Deadlines page (the date sent as a date, 5pm London;
 * CSRF; errors naming the field; the chair moves the completion deadline but not an IMR's),
 * withdrawing a request after "Check and confirm" and asking again, a hold on publication only
 * beside a hold on the whole review, and due dates written "5pm on 9 December 2026".
 */
describe('web: due dates changed, requests withdrawn, holds of either scope', () => {
  let t: WebTestApp;
  let s: Seed;
  let reviewId: string;
  let reference: string;
  const secrets = new Map<string, string>();
  const agents: Record<string, Agent> = {};
  const pages: string[] = [];
  const imrDue = dayAhead(30);
  jest.setTimeout(180_000);

  async function open(who: string, path: string, status = 200): Promise<request.Response> {
    const res = await agents[who].get(path);
    expect([path, res.status]).toEqual([path, status]);
    pages.push(res.text);
    return res;
  }

  /** POST a form with the CSRF token of the page it is on (or of `from`), without following the redirect. */
  async function post(who: string, path: string, fields: Record<string, string>, from = path): Promise<request.Response> {
    const page = await agents[who].get(from);
    const version = /name="expectedVersion" value="(\d+)"/.exec(page.text)?.[1];
    const res = await agents[who]
      .post(path)
      .type('form')
      .send({ _csrf: csrfOf(page.text), ...(version ? { expectedVersion: version } : {}), ...fields });
    if (res.status !== 303) pages.push(res.text);
    return res;
  }

  const deadlines = async (): Promise<Deadline[]> =>
    (await t.http().get(`/api/reviews/${reviewId}/deadlines`).set(s.coordinator.auth)).body as Deadline[];
  const deadline = async (kind: string, agencyId?: string) =>
    (await deadlines()).find((d) => d.kind === kind && d.agencyId === agencyId && d.status !== 'cancelled')!;
  const changePath = (d: Deadline) => `/reviews/${reviewId}/deadlines/${d.id}/change`;

  beforeAll(async () => {
    t = await startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } });
    s = await seedPartnership(t, 'DDL');
    const created = await t
      .http()
      .post('/api/reviews')
      .set(s.coordinator.auth)
      .send(reviewBody(s.partnership.id, { notifiedAt: daysAgo(20), victimPseudonym: 'Adult D' }));
    reviewId = created.body.id;
    reference = created.body.reference;
    await send(t, s.coordinator, reviewId, { type: 'REQUEST_SCOPING', agencyId: s.health.id });
    await send(t, s.cspChair, reviewId, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(15), rationale: 'criteria met' });
    await send(t, s.coordinator, reviewId, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.coordinator, reviewId, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await send(t, s.chair, reviewId, { type: 'AGREE_TERMS_OF_REFERENCE', periodFrom: '2021-01-01', periodTo: '2026-01-01' });
    await send(t, s.coordinator, reviewId, { type: 'REQUEST_IMR', agencyId: s.police.id, dueAt: imrDue.iso });
    for (const [who, email] of [
      ['coordinator', s.coordinator.email],
      ['chair', s.chair.email],
      ['csp', s.cspChair.email],
      ['police', s.policeContact.email],
    ]) {
      agents[who] = request.agent(t.server);
      expect((await webSignIn(agents[who], email, PASSWORD, secrets)).status).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes due dates as "5pm on …" and offers "Change due date" on the deadlines each person may move, naming which', async () => {
    expect((await deadline('imr', s.police.id)).dueAt).toBe(fivePm(imrDue.iso));
    const page = await open('coordinator', `/reviews/${reviewId}/deadlines`);
    const text = visibleText(page.text);
    expect(text).toContain(imrDue.words);
    expect(text).toContain('Change due date for IMR (individual management review), DDL Police');
    expect(text).toContain('Change due date for Review completed, independent_chair DDL');
    expect(text).toContain('Withdraw request for IMR (individual management review), DDL Police');
    expect(text).toContain('Withdraw request for Scoping information, DDL NHS Trust');
    expect(visibleText((await open('coordinator', `/reviews/${reviewId}`)).text)).toContain(imrDue.words);

    const chair = visibleText((await open('chair', `/reviews/${reviewId}/deadlines`)).text);
    expect(chair).toContain('Change due date for Review completed');
    expect(chair).not.toContain('Change due date for IMR');
    expect(chair).toContain('Withdraw request for IMR');
    for (const who of ['csp', 'police']) {
      const other = visibleText((await open(who, `/reviews/${reviewId}/deadlines`)).text);
      expect(other).not.toContain('Change due date');
      expect(other).not.toContain('Withdraw request');
    }
    // The tasks page sends the coordinator to the Deadlines page for it.
    const tasks = await open('coordinator', `/reviews/${reviewId}/tasks`);
    expect(tasks.text).toContain(`href="/reviews/${reviewId}/deadlines"`);
    expect(tasks.text).toContain('Change a due date');
    expect(tasks.text).not.toContain('Some tasks cannot be done from these pages yet');
  });

  it('changes an IMR’s due date: refused without a token, errors named on the field, then the Deadlines page says what changed', async () => {
    const imr = await deadline('imr', s.police.id);
    const form = await open('coordinator', changePath(imr));
    const words = visibleText(form.text);
    expect(words).toContain('Change the due date');
    expect(words).toContain('IMR (individual management review)');
    expect(words).toContain(`Due now ${imrDue.words}`);
    expect(form.text).toContain('name="dueAt-day"');

    const noToken = await agents.coordinator
      .post(changePath(imr))
      .type('form')
      .send({ ...dayAhead(40).boxes, reason: 'Agreed' });
    expect(noToken.status).toBe(403);

    const notADate = await post('coordinator', changePath(imr), { ...dayAhead(40).boxes, 'dueAt-month': '13', reason: 'Agreed by phone' });
    expect(notADate.status).toBe(400);
    expect(notADate.text).toContain('There is a problem');
    expect(notADate.text).toMatch(/<a href="#dueAt-month">The new due date must be a real date<\/a>/);
    expect(notADate.text).toContain('Agreed by phone');
    const missing = await post('coordinator', changePath(imr), { reason: 'Agreed by phone' });
    expect(missing.text).toMatch(/<a href="#dueAt-day">Enter the new due date<\/a>/);
    // In the past: the domain's field error (dueAt), on the date's first box.
    const past = await post('coordinator', changePath(imr), { ...dayAhead(-1).boxes, reason: 'Agreed by phone' });
    expect(past.status).toBe(400);
    expect(past.text).toMatch(/<a href="#dueAt-day">The new due date must be in the future<\/a>/);
    const noReason = await post('coordinator', changePath(imr), { ...dayAhead(40).boxes, reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toMatch(/<a href="#reason">Enter the reason<\/a>/);
    expect((await deadline('imr', s.police.id)).dueAt).toBe(imr.dueAt);

    const agreed = dayAhead(40);
    const done = await post('coordinator', changePath(imr), { ...agreed.boxes, reason: 'Agreed with the police: staff on leave' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/reviews/${reviewId}/deadlines`);
    const page = visibleText((await open('coordinator', done.headers.location)).text);
    expect(page).toContain(`Due date changed: IMR (individual management review), DDL Police – now due ${agreed.words}`);
    expect(page).toContain(`Extended from ${imrDue.words}`);
    expect(page).toContain('Reason: Agreed with the police: staff on leave');
    // The API has the date at 5pm London, and the date it replaced.
    const moved = await deadline('imr', s.police.id);
    expect(moved.dueAt).toBe(fivePm(agreed.iso));
    expect(moved.extension).toMatchObject({ previousDueAt: imr.dueAt, reason: 'Agreed with the police: staff on leave' });
    // The agency sees its new date and why; the timeline says what moved.
    const police = visibleText((await open('police', `/reviews/${reviewId}/deadlines`)).text);
    expect(police).toContain(agreed.words);
    expect(police).toContain(`Extended from ${imrDue.words}`);
    const timeline = visibleText((await open('coordinator', `/reviews/${reviewId}/timeline`)).text);
    expect(timeline).toContain('Due date changed');
    expect(timeline).toContain(`Due date moved from ${imrDue.words} to ${agreed.words}`);
  });

  it('lets the chair move the completion deadline, but not an IMR’s; other roles not at all', async () => {
    const imr = await deadline('imr', s.police.id);
    await open('chair', changePath(imr), 403);
    const refused = await post(
      'chair',
      changePath(imr),
      { ...dayAhead(50).boxes, reason: 'Chair tries' },
      `/reviews/${reviewId}/deadlines`,
    );
    expect(refused.status).toBe(403);
    expect((await deadline('imr', s.police.id)).dueAt).toBe(imr.dueAt);
    await open('csp', changePath(imr), 403);
    await open('police', changePath(imr), 403);
    await open('coordinator', `/reviews/${reviewId}/deadlines/not-a-deadline/change`, 404);
    await open('coordinator', `/reviews/${reviewId}/deadlines/${reviewId}/change`, 404);

    const completion = await deadline('completion');
    const later = dayAhead(250);
    const done = await post('chair', changePath(completion), { ...later.boxes, reason: 'Panel agreed a later date with the partnership' });
    expect(done.status).toBe(303);
    expect(visibleText((await open('chair', done.headers.location)).text)).toContain(
      `Due date changed: Review completed, independent_chair DDL – now due ${later.words}`,
    );
    expect((await deadline('completion')).dueAt).toBe(fivePm(later.iso));
  });

  it('withdraws a request after "Check and confirm", shows it withdrawn, and asks the agency again', async () => {
    const tasks = await open('coordinator', `/reviews/${reviewId}/tasks`);
    expect(tasks.text).toContain('Withdraw a request to an agency');
    const path = `/reviews/${reviewId}/tasks/WITHDRAW_REQUEST`;
    // From the Deadlines page's link: that request chosen.
    const form = await open('coordinator', `${path}?request=imr:${s.police.id}`);
    expect(form.text).toContain('IMR (individual management review) from DDL Police');
    expect(form.text).toContain('Scoping information from DDL NHS Trust');
    expect(form.text).toMatch(new RegExp(`value="imr:${s.police.id}" checked`));

    const none = await post('coordinator', path, { reason: 'Not needed' });
    expect(none.status).toBe(400);
    expect(none.text).toMatch(/<a href="#request">Select the request to withdraw<\/a>/);
    const noToken = await agents.coordinator
      .post(path)
      .type('form')
      .send({ request: `imr:${s.police.id}`, reason: 'Not needed' });
    expect(noToken.status).toBe(403);

    const checked = await post('coordinator', path, {
      request: `imr:${s.police.id}`,
      reason: 'The police had no contact with either person',
    });
    expect(checked.status).toBe(303);
    expect(checked.headers.location).toBe(`${path}/confirm`);
    const confirm = await open('coordinator', checked.headers.location);
    const words = visibleText(confirm.text);
    expect(words).toContain('Are you sure you want to withdraw a request to an agency?');
    expect(words).toContain('IMR (individual management review) from DDL Police');
    expect(words).toContain('A withdrawn request cannot be brought back. If it is needed after all, ask the agency again.');
    expect((await deadline('imr', s.police.id)).status).toBe('open');
    const done = await agents.coordinator
      .post(`${path}/confirm`)
      .type('form')
      .send({ _csrf: csrfOf(confirm.text) });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/reviews/${reviewId}`);

    const review = visibleText((await open('coordinator', done.headers.location)).text);
    expect(review).toContain('Request withdrawn');
    expect(review).toMatch(/DDL Police Withdrawn/);
    const page = visibleText((await open('coordinator', `/reviews/${reviewId}/deadlines`)).text);
    expect(page).toContain('Withdrawn The request was withdrawn');
    expect(page).not.toContain('Change due date for IMR');
    expect(visibleText((await open('police', '/requests')).text)).toContain('Withdrawn');
    const timeline = visibleText((await open('coordinator', `/reviews/${reviewId}/timeline`)).text);
    expect(timeline).toContain('Request withdrawn');
    expect(timeline).toContain('Request: IMR (individual management review)');

    // The scoping request too, from its own link; the review page lists it withdrawn.
    await post('coordinator', path, { request: `scoping:${s.health.id}`, reason: 'Health had no contact' });
    const confirmScoping = await open('coordinator', `${path}/confirm`);
    await agents.coordinator
      .post(`${path}/confirm`)
      .type('form')
      .send({ _csrf: csrfOf(confirmScoping.text) });
    expect(visibleText((await open('coordinator', `/reviews/${reviewId}`)).text)).toMatch(/Scoping requests .*DDL NHS Trust Withdrawn/);

    // Asked again: the agency is offered once more, and the new request runs its own clock.
    const again = await open('coordinator', `/reviews/${reviewId}/tasks/REQUEST_IMR`);
    expect(again.text).toContain('DDL Police');
    const due = dayAhead(35);
    const asked = await post('coordinator', `/reviews/${reviewId}/tasks/REQUEST_IMR`, { agencyId: s.police.id, ...due.boxes });
    expect(asked.status).toBe(303);
    const reviewAgain = visibleText((await open('coordinator', `/reviews/${reviewId}`)).text);
    expect(reviewAgain).toMatch(/DDL Police Requested/);
    expect(reviewAgain).toContain(due.words);
    const both = visibleText((await open('coordinator', `/reviews/${reviewId}/deadlines`)).text);
    expect(both).toContain('Change due date for IMR (individual management review), DDL Police');
    expect(both).toContain('Withdrawn The request was withdrawn');
    expect((await deadline('imr', s.police.id)).dueAt).toBe(fivePm(due.iso));
  });

  it('asks what a hold stops: a hold on publication leaves the work going, a hold on the whole review pauses it', async () => {
    const path = `/reviews/${reviewId}/tasks/PUT_ON_HOLD`;
    const form = await open('coordinator', path);
    const words = visibleText(form.text);
    expect(words).toContain('What does the hold stop?');
    expect(words).toContain('Publication only – work on the review carries on');
    expect(words).toContain('The whole review – its deadlines stop');
    expect(words).toContain('Usually publication only for a criminal trial or an inquest');
    expect(form.text).not.toMatch(/name="scope" type="radio" value="[a-z]+" checked/);

    // Not answered: required, and the form comes back with the kind's usual answer chosen.
    const unanswered = await post('coordinator', path, { kind: 'criminal_trial', reason: 'Trial listed for March' });
    expect(unanswered.status).toBe(400);
    expect(unanswered.text).toMatch(/<a href="#scope">Select what the hold stops<\/a>/);
    expect(unanswered.text).toMatch(/name="scope" type="radio" value="publication" checked/);

    const held = await post('coordinator', path, { kind: 'criminal_trial', scope: 'publication', reason: 'Trial listed for March' });
    expect(held.status).toBe(303);
    const review = visibleText((await open('coordinator', `/reviews/${reviewId}`)).text);
    expect(review).toContain('Publication put on hold');
    expect(review).toContain('Information gathering Publication on hold');
    expect(review).toContain('Publication is on hold. Work on the review carries on');
    expect(review).toContain('Because of a criminal trial');
    expect(review).toContain('Reason given: Trial listed for March');
    expect(review).not.toContain('This review is on hold');
    // The caseload tags it; its "on hold" filter stays the whole-review holds.
    expect(visibleText((await open('coordinator', '/reviews')).text)).toMatch(
      new RegExp(`${reference} Adult D Information gathering Publication on hold`),
    );
    expect((await open('coordinator', '/reviews?onHold=yes')).text).not.toContain(reference);
    const deadlinesPage = visibleText((await open('coordinator', `/reviews/${reviewId}/deadlines`)).text);
    expect(deadlinesPage).toContain('Change due date for IMR');
    expect(deadlinesPage).not.toContain('Paused');
    const tasks = visibleText((await open('coordinator', `/reviews/${reviewId}/tasks`)).text);
    expect(tasks).toContain('End the hold on publication');
    expect(tasks).not.toContain('Put the review on hold');
    const ended = await post('coordinator', `/reviews/${reviewId}/tasks/RESUME`, {});
    expect(ended.status).toBe(303);
    expect(visibleText((await open('coordinator', `/reviews/${reviewId}`)).text)).toContain('Hold on publication ended');

    const whole = await post('coordinator', path, {
      kind: 'iopc',
      scope: 'review',
      reason: 'IOPC investigation opened',
      reference: 'IOPC-7',
    });
    expect(whole.status).toBe(303);
    const onHold = visibleText((await open('coordinator', `/reviews/${reviewId}`)).text);
    expect(onHold).toContain('Review put on hold');
    expect(onHold).toContain('On hold');
    expect(onHold).toContain('This review is on hold. Its deadlines are paused until it resumes.');
    expect(onHold).toContain('(reference IOPC-7)');
    expect((await open('coordinator', '/reviews?onHold=yes')).text).toContain(reference);
    // An agency contact sees that it is on hold, not why.
    const police = visibleText((await open('police', `/reviews/${reviewId}`)).text);
    expect(police).toContain('This review is on hold');
    expect(police).not.toContain('IOPC investigation opened');
    // A paused deadline cannot be moved; a request can still be withdrawn.
    const paused = visibleText((await open('coordinator', `/reviews/${reviewId}/deadlines`)).text);
    expect(paused).toContain('Paused while the review is on hold');
    expect(paused).not.toContain('Change due date for IMR');
    expect(paused).toContain('Withdraw request for IMR');
    const imr = await deadline('imr', s.police.id);
    expect(visibleText((await open('coordinator', changePath(imr))).text)).toContain('This deadline is paused while the review is on hold');
    const refused = await post('coordinator', changePath(imr), { ...dayAhead(60).boxes, reason: 'Try' }, `/reviews/${reviewId}/deadlines`);
    expect(refused.status).toBe(409);
    await post('coordinator', `/reviews/${reviewId}/tasks/RESUME`, {});
    expect(visibleText((await open('coordinator', `/reviews/${reviewId}`)).text)).toContain('Review resumed');
  });

  it('shows no id in the text of any page visited', () => {
    expect(pages.length).toBeGreaterThan(30);
    for (const html of pages) expect(visibleText(html)).not.toMatch(UUID);
  });
});
