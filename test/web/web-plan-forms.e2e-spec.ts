import request from 'supertest';
import { JobWorkers } from '@dhr/jobs';
import { seedPartnership, Seed } from '../support/actors';
import { notificationIdOf, sql } from '../support/notifications-db';
import { reviewBody } from '../support/review-driver';
import { ReviewFileData, seedReviewFile } from '../support/review-file-data';
import { SmtpSink } from '../support/smtp-sink';
import { waitFor } from '../support/wait-for';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { Agent, csrfOf, webSignIn, visibleText as pageText } from '../support/web-forms';

const PASSWORD = 'a-long-enough-test-password';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** What a person reads: the page without its tags, attributes and scripts. */
/** The page's text, apostrophes as typed. */
const visibleText = (html: string) => pageText(html).replace(/&#39;/g, "'");

/** A London date `days` from today as a date input's day, month and year. */
function londonDate(days: number): Record<string, string> {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
    .format(new Date(Date.now() + days * 86_400_000))
    .split('-');
  return { 'date-day': String(Number(day)), 'date-month': String(Number(month)), 'date-year': year };
}

/** The value of the checkbox (or option) whose label or hint follows it with this text. */
function choiceValue(html: string, name: string, label: string): string | undefined {
  const pattern = new RegExp(`name="${name}" type="checkbox" value="([0-9a-f-]{36})"[^>]*>\\s*<label[^>]*>\\s*${label}`);
  return pattern.exec(html)?.[1];
}

/**
 * The Meetings and Action plan forms through HTTP, as a browser without JavaScript: schedule a
 * panel meeting (people by name and role, agencies as a group) whose invitations reach a real
 * SMTP server through the worker, change and cancel it, add recommendations; each bad answer
 * named in a GOV.UK error summary (400); who may and may not, as the API's rules.
 */
describe('web: the review file’s meeting and action-plan forms', () => {
  jest.setTimeout(180_000);
  let t: WebTestApp;
  let smtp: SmtpSink;
  let s: Seed;
  let other: Seed;
  let r: ReviewFileData;
  const secrets = new Map<string, string>();
  const agents: Record<string, Agent> = {};
  const pages: string[] = [];
  /** The meeting this suite schedules, changes and cancels. */
  let meetingId: string;

  async function open(agent: Agent, path: string, status = 200): Promise<request.Response> {
    const res = await agent.get(path);
    expect({ path, status: res.status }).toEqual({ path, status });
    if (status === 200) pages.push(res.text);
    return res;
  }

  /** GETs the form, then POSTs it with its CSRF token (checkbox answers as arrays, as a browser repeats the name). */
  async function post(agent: Agent, page: string, fields: Record<string, string | string[]>, action = page): Promise<request.Response> {
    const form = await open(agent, page);
    const body = new URLSearchParams({ _csrf: csrfOf(form.text) });
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    const res = await agent.post(action).type('form').send(body.toString());
    if (res.status !== 303) pages.push(res.text);
    return res;
  }

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000', SMTP_URL: smtp.url } });
    // The worker in this process, as `npm start` runs it: the meetings lib's notifications are emailed by the pipeline.
    await t.app.get(JobWorkers).start();
    s = await seedPartnership(t, 'PLF');
    other = await seedPartnership(t, 'OPF');
    r = await seedReviewFile(t, s, 'Adult P');
    for (const [who, email] of [
      ['coordinator', s.coordinator.email],
      ['csp', s.cspChair.email],
      ['chair', s.chair.email],
      ['police', s.policeContact.email],
      ['health', s.healthContact.email],
      ['otherCoordinator', other.coordinator.email],
    ]) {
      agents[who] = request.agent(t.server);
      expect((await webSignIn(agents[who], email, PASSWORD, secrets)).status).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  /** The emails this meeting's notifications sent to a person (the Message-ID names the notification). */
  async function meetingMails(email: string) {
    const ids = new Set(
      (await sql<{ id: string }>(t.config, 'SELECT id FROM notifications WHERE meeting_id = $1', [meetingId])).map((n) => n.id),
    );
    return smtp.received.filter((m) => m.to.includes(email) && ids.has(notificationIdOf(m.messageId)));
  }

  const schedulePage = () => `/reviews/${r.id}/meetings/schedule`;
  const good = () => ({ ...londonDate(7), startTime: '10am', endTime: '11:30am', location: 'Civic centre, committee room 2' });

  it('Meetings page: "Schedule a meeting" for the coordinator and the chair, not for the CSP chair or an agency contact', async () => {
    for (const who of ['coordinator', 'chair'])
      expect((await open(agents[who], `/reviews/${r.id}/meetings`)).text).toContain(`href="${schedulePage()}"`);
    for (const who of ['csp', 'police']) expect((await open(agents[who], `/reviews/${r.id}/meetings`)).text).not.toContain(schedulePage());
  });

  it('the schedule form: the people who take part by name and role, the review’s agencies as a group, who is always invited', async () => {
    const page = await open(agents.coordinator, schedulePage());
    const text = visibleText(page.text);
    expect(text).toContain('You and the independent chair, independent_chair PLF, are always invited.');
    expect(text).toContain('CSP chair');
    expect(text).toContain('Agency contact for PLF Police');
    // The health agency takes no part in this review: neither it nor its contact is offered; nor is anyone of another partnership.
    expect(text).not.toContain('PLF NHS Trust');
    expect(text).not.toContain('OPF');
    expect(choiceValue(page.text, 'agencyIds', 'PLF Police')).toBe(s.police.id);
    expect(choiceValue(page.text, 'attendeeUserIds', 'csp_chair PLF')).toBe(s.cspChair.id);
    expect(choiceValue(page.text, 'attendeeUserIds', 'agency_contact PLF')).toBe(s.policeContact.id);
    // The person arranging and the chair are not offered: they are always invited.
    expect(page.text).not.toContain(`value="${s.coordinator.id}"`);
    expect(page.text).not.toContain(`value="${s.chair.id}"`);
    expect(page.text).toContain('govuk-character-count');
  });

  it('each bad answer named in the error summary (400), the answers kept', async () => {
    const blank = await post(agents.coordinator, schedulePage(), { startTime: '', endTime: '', location: '' });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('There is a problem');
    expect(blank.text).toContain('<a href="#date-day">Enter the date of the meeting</a>');
    expect(blank.text).toContain('<a href="#startTime">Enter the start time</a>');
    expect(blank.text).toContain('<a href="#endTime">Enter the end time</a>');
    expect(blank.text).toContain('<a href="#location">Enter where the meeting is: a place or a video link</a>');

    const backwards = await post(agents.coordinator, schedulePage(), { ...good(), startTime: '2pm', endTime: '1:30pm' });
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain('<a href="#endTime">The end time must be after the start time</a>');
    expect(backwards.text).toContain('value="Civic centre, committee room 2"');
    expect(backwards.text).toContain('value="2pm"');

    const badTime = await post(agents.coordinator, schedulePage(), { ...good(), startTime: '25 o’clock' });
    expect(badTime.text).toContain('Enter the start time like 10am or 2:30pm');
    const past = await post(agents.coordinator, schedulePage(), { ...good(), ...londonDate(-3) });
    expect(past.text).toContain('<a href="#date-day">The date of the meeting must be today or in the future</a>');
    const unreal = await post(agents.coordinator, schedulePage(), { ...good(), 'date-day': '31', 'date-month': '2', 'date-year': '2030' });
    expect(unreal.text).toContain('The date of the meeting must be a real date');
    const tooLong = await post(agents.coordinator, schedulePage(), { ...good(), startTime: '8am', endTime: '9pm' });
    expect(tooLong.text).toContain('A meeting can last at most 12 hours');

    // Someone who takes no part in the review: another partnership's coordinator, the health agency's contact, the health agency.
    const strangers = await post(agents.coordinator, schedulePage(), {
      ...good(),
      attendeeUserIds: [s.cspChair.id, other.coordinator.id, s.healthContact.id],
      agencyIds: [s.health.id],
    });
    expect(strangers.status).toBe(400);
    expect(strangers.text).toContain('<a href="#agencyIds">Select only agencies that take part in the review</a>');
    expect(strangers.text).toContain('<a href="#attendeeUserIds">Select only people who take part in the review</a>');
    // The one who does take part stays ticked.
    expect(strangers.text).toMatch(new RegExp(`value="${s.cspChair.id}" checked`));
    expect(await sql(t.config, 'SELECT 1 FROM meetings WHERE review_id = $1', [r.id])).toHaveLength(1);
  });

  it('schedules a meeting: listed on the Meetings page with names, an invitation emailed to each person invited', async () => {
    const scheduled = await post(agents.coordinator, schedulePage(), {
      ...good(),
      agenda: 'Terms of reference; IMR timetable',
      agencyIds: [s.police.id],
      attendeeUserIds: [s.cspChair.id],
    });
    expect(scheduled.status).toBe(303);
    expect(scheduled.headers.location).toBe(`/reviews/${r.id}/meetings`);
    const page = await open(agents.coordinator, `/reviews/${r.id}/meetings`);
    const text = visibleText(page.text);
    expect(page.text).toContain('govuk-notification-banner--success');
    expect(text).toMatch(/Meeting 2 on \d{1,2} [A-Z][a-z]+ \d{4} scheduled: invitations are on their way/);
    expect(text).toMatch(/\d{1,2} [A-Z][a-z]+ \d{4}, 10am to 11:30am/);
    expect(text).toContain('Civic centre, committee room 2');
    for (const name of ['coordinator PLF', 'csp_chair PLF', 'independent_chair PLF', 'agency_contact PLF']) expect(text).toContain(name);
    const [row] = await sql<{ id: string }>(t.config, 'SELECT id FROM meetings WHERE review_id = $1 AND number = 2', [r.id]);
    meetingId = row.id;
    expect(page.text).toContain(`href="/reviews/${r.id}/meetings/${meetingId}/change"`);
    expect(page.text).toContain(`href="/reviews/${r.id}/meetings/${meetingId}/cancel"`);

    const invited = [s.coordinator.email, s.chair.email, s.cspChair.email, s.policeContact.email].sort();
    const notifications = await sql<{ email: string }>(
      t.config,
      `SELECT u.email FROM notifications n JOIN users u ON u.id = n.recipient_user_id WHERE n.meeting_id = $1 AND n.template = 'meeting.invitation' ORDER BY u.email`,
      [meetingId],
    );
    expect(notifications.map((n) => n.email)).toEqual(invited);
    // Through the notification pipeline to a real SMTP server: the CSP chair's invitation, with its calendar.
    const [mail] = await waitFor('the CSP chair’s invitation', async () => {
      const found = await meetingMails(s.cspChair.email);
      return found.length ? found : null;
    });
    expect(mail.subject).toContain(r.reference);
    expect(mail.subject).not.toMatch(/Adult P|Civic centre/);
    expect(mail.raw).toMatch(/Content-Type: text\/calendar/i);
  });

  it('changes the meeting: the form shows it as it is; the new place listed; the people invited are sent the update', async () => {
    const change = `/reviews/${r.id}/meetings/${meetingId}/change`;
    const form = await open(agents.chair, change);
    expect(form.text).toContain('value="10am"');
    expect(form.text).toContain('value="11:30am"');
    expect(form.text).toContain('Terms of reference; IMR timetable');
    const bad = await post(agents.chair, change, { ...good(), location: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<a href="#location">Enter where the meeting is: a place or a video link</a>');
    const changed = await post(agents.chair, change, { ...good(), endTime: '12pm', location: 'Video call: link in the invitation' });
    expect(changed.status).toBe(303);
    const text = visibleText((await open(agents.chair, `/reviews/${r.id}/meetings`)).text);
    expect(text).toMatch(/Meeting 2 on .* changed: everyone invited is sent the update/);
    expect(text).toContain('Video call: link in the invitation');
    // GOV.UK style: midday, not 12pm.
    expect(text).toMatch(/10am to midday/);
    await waitFor('the CSP chair’s update', async () => (await meetingMails(s.cspChair.email)).length >= 2);
  });

  it('cancels the meeting after a confirmation; then it can no longer be changed or cancelled', async () => {
    const cancel = `/reviews/${r.id}/meetings/${meetingId}/cancel`;
    const confirm = await open(agents.coordinator, cancel);
    expect(visibleText(confirm.text)).toContain('Are you sure you want to cancel meeting 2?');
    expect(visibleText(confirm.text)).toContain('The 4 people invited are sent a cancellation.');
    const cancelled = await post(agents.coordinator, cancel, {});
    expect(cancelled.status).toBe(303);
    const page = await open(agents.coordinator, `/reviews/${r.id}/meetings`);
    expect(visibleText(page.text)).toMatch(/Meeting 2 on .* cancelled: everyone invited is told/);
    expect(visibleText(page.text)).toContain('Cancelled');
    expect(page.text).not.toContain(`/meetings/${meetingId}/change`);
    const again = await open(agents.coordinator, cancel);
    expect(visibleText(again.text)).toContain('This meeting has been cancelled.');
    const twice = await agents.coordinator
      .post(cancel)
      .type('form')
      .send({ _csrf: csrfOf(again.text) });
    expect(twice.status).toBe(409);
    await waitFor('the CSP chair’s cancellation', async () => (await meetingMails(s.cspChair.email)).length >= 3);
  });

  it('who may not: the CSP chair and agency contacts (403, as the API), another partnership or a bad id (404), no CSRF token (403)', async () => {
    for (const who of ['csp', 'police', 'health']) {
      await open(agents[who], schedulePage(), 403);
      await open(agents[who], `/reviews/${r.id}/action-plan/add-recommendation`, 403);
      const refused = await agents[who]
        .post(schedulePage())
        .type('form')
        .send({ _csrf: csrfOf((await agents[who].get('/reviews')).text) });
      expect(refused.status).toBe(403);
    }
    await open(agents.otherCoordinator, schedulePage(), 404);
    await open(agents.otherCoordinator, `/reviews/${r.id}/meetings/${meetingId}/cancel`, 404);
    await open(agents.otherCoordinator, `/reviews/${r.id}/action-plan/add-recommendation`, 404);
    await open(agents.coordinator, `/reviews/${r.id}/meetings/not-a-meeting/change`, 404);
    await open(agents.coordinator, `/reviews/${r.id}/meetings/00000000-0000-4000-8000-000000000000/cancel`, 404);
    await open(agents.coordinator, '/reviews/not-a-review/meetings/schedule', 404);
    const noToken = await agents.coordinator
      .post(schedulePage())
      .type('form')
      .send({ ...good() });
    expect(noToken.status).toBe(403);
    expect(await sql(t.config, 'SELECT 1 FROM meetings WHERE review_id = $1', [r.id])).toHaveLength(2);
  });

  it('adds recommendations: errors named, then listed on the Action plan with their number, scope and owner by name', async () => {
    const add = `/reviews/${r.id}/action-plan/add-recommendation`;
    const plan = await open(agents.coordinator, `/reviews/${r.id}/action-plan`);
    expect(plan.text).toContain(`href="${add}"`);
    const form = await open(agents.coordinator, add);
    expect(form.text).toContain(`<option value="${s.police.id}">PLF Police</option>`);
    expect(form.text).toContain(`<option value="${s.health.id}">PLF NHS Trust</option>`);
    expect(form.text).not.toContain('OPF');

    const blank = await post(agents.coordinator, add, { text: ' ' });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('<a href="#scope">Select whether the recommendation is local or national</a>');
    expect(blank.text).toContain('<a href="#text">Enter the recommendation</a>');
    const noOwner = await post(agents.coordinator, add, { scope: 'local', text: 'Health to share risk information', ownerAgencyId: '' });
    expect(noOwner.status).toBe(400);
    expect(noOwner.text).toContain('href="#ownerAgencyId">Select the agency that owns a local recommendation');
    expect(noOwner.text).toContain('Health to share risk information');
    const foreign = await post(agents.coordinator, add, { scope: 'local', text: 'x', ownerAgencyId: other.police.id });
    expect(foreign.text).toContain('href="#ownerAgencyId"');
    const long = await post(agents.coordinator, add, { scope: 'national', text: 'x'.repeat(4001) });
    expect(long.text).toContain('The recommendation must be 4,000 characters or fewer');

    const local = await post(agents.coordinator, add, {
      scope: 'local',
      text: 'Health to share risk information',
      ownerAgencyId: s.health.id,
    });
    expect(local.status).toBe(303);
    expect(local.headers.location).toBe(`/reviews/${r.id}/action-plan`);
    const national = await post(agents.chair, add, { scope: 'national', text: 'Home Office to update the statutory guidance' });
    expect(national.status).toBe(303);
    const text = visibleText((await open(agents.chair, `/reviews/${r.id}/action-plan`)).text);
    expect(text).toContain('Recommendation 3 added');
    expect(text).toMatch(/Recommendation 2 Local .*Health to share risk information.*PLF NHS Trust/);
    expect(text).toMatch(/Recommendation 3 National .*Home Office to update the statutory guidance.*Not for one agency/);
  });

  it('offers "Add an action" (the Tasks page’s ADD_ACTION form) exactly when the review allows it now', async () => {
    const review = await t.http().get(`/api/reviews/${r.id}`).set(s.coordinator.auth);
    const page = await open(agents.coordinator, `/reviews/${r.id}/action-plan`);
    expect(page.text.includes(`href="/reviews/${r.id}/tasks/ADD_ACTION"`)).toBe(
      (review.body.allowedEvents as string[]).includes('ADD_ACTION'),
    );
  });

  it('before drafting, a recommendation cannot be added yet (the lib’s stage gate)', async () => {
    const early = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body as { id: string };
    const plan = await open(agents.coordinator, `/reviews/${early.id}/action-plan`);
    expect(plan.text).not.toContain('/add-recommendation');
    const page = await open(agents.coordinator, `/reviews/${early.id}/action-plan/add-recommendation`);
    expect(visibleText(page.text)).toContain('Recommendations are recorded from drafting until the review is closed.');
    const refused = await agents.coordinator
      .post(`/reviews/${early.id}/action-plan/add-recommendation`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), scope: 'national', text: 'Too early' });
    expect(refused.status).toBe(409);
  });

  it('never shows an id in the text a person reads', () => {
    expect(pages.length).toBeGreaterThan(30);
    for (const html of pages) expect(visibleText(html)).not.toMatch(UUID);
  });
});
