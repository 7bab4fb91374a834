import request from 'supertest';
import { seedPartnership, Seed } from '../support/actors';
import { PDF, ReviewFileData, seedReviewFile } from '../support/review-file-data';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { Agent, csrfOf, visibleText, webSignIn } from '../support/web-forms';

const PASSWORD = 'a-long-enough-test-password';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const SECTIONS = ['deadlines', 'documents', 'chronology', 'family', 'meetings', 'action-plan', 'audit'] as const;

/** A London date `days` from today as a date input's day, month and year. */
function londonDate(prefix: string, days: number): Record<string, string> {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
    .format(new Date(Date.now() + days * 86_400_000))
    .split('-');
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year };
}

/** The sub-navigation's items, by their text. */
const subNavigation = (html: string) =>
  [...(/<nav class="moj-sub-navigation"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '').matchAll(/<a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1].trim());

/**
 * The review's sub-pages through HTTP, as a browser without JavaScript: each part for each
 * role exactly as the API's access rules allow, names and words not ids, the 404 page for a
 * review not theirs, the download route's access, and the family forms' errors.
 */
describe('web: the review file’s sub-pages', () => {
  let t: WebTestApp;
  let s: Seed;
  let other: Seed;
  let r: ReviewFileData;
  const secrets = new Map<string, string>();
  const agents: Record<string, Agent> = {};
  const pages: string[] = [];

  async function open(agent: Agent, path: string, status = 200): Promise<request.Response> {
    const res = await agent.get(path);
    expect({ path, status: res.status }).toEqual({ path, status });
    if (status === 200) pages.push(res.text);
    return res;
  }

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
    s = await seedPartnership(t, 'FIL');
    other = await seedPartnership(t, 'OFL');
    r = await seedReviewFile(t, s);
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
  });

  it('coordinator: every part, each with the review heading and all ten items of the sub-navigation', async () => {
    for (const section of SECTIONS) {
      const page = await open(agents.coordinator, `/reviews/${r.id}/${section}`);
      expect(page.text).toContain(r.reference);
      expect(subNavigation(page.text)).toEqual([
        'Overview',
        'Tasks',
        'Deadlines',
        'Timeline',
        'Documents',
        'Chronology',
        'Family',
        'Meetings',
        'Action plan',
        'Audit',
      ]);
      expect(page.text).toMatch(
        new RegExp(`aria-current="page"[^>]*href="/reviews/${r.id}/${section}"|href="/reviews/${r.id}/${section}"[^>]*aria-current="page"`),
      );
    }
    // The existing pages list the same items.
    expect(subNavigation((await open(agents.coordinator, `/reviews/${r.id}`)).text)).toContain('Audit');
    expect(subNavigation((await open(agents.coordinator, `/reviews/${r.id}/timeline`)).text)).toContain('Action plan');
  });

  it('deadlines: every clock in words, whose it is, the due date and time, open first, met ones with when', async () => {
    const text = visibleText((await open(agents.coordinator, `/reviews/${r.id}/deadlines`)).text);
    expect(text).toContain('IMR (individual management review)');
    expect(text).toContain('FIL Police');
    expect(text).toContain('Review completed');
    expect(text).toContain('independent_chair FIL');
    expect(text).toMatch(/Met on \d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}(:\d{2})?(am|pm)/);
    // Due dates as people work to them: at the end of the working day (issue 11).
    expect(text).toMatch(/Review completed independent_chair FIL 5pm on \d{1,2} [A-Z][a-z]+ \d{4}/);
    // Open ones come before met ones.
    expect(text.indexOf('Review completed')).toBeLessThan(text.indexOf('Met on'));
  });

  it('documents: by kind in words, versions with who and when, a download per version, the upload links for who may upload', async () => {
    const page = await open(agents.coordinator, `/reviews/${r.id}/documents`);
    const text = visibleText(page.text);
    for (const words of ['IMR (individual management review)', 'Chronology', 'Overview report draft', 'Letter', 'Letter to the family'])
      expect(text).toContain(words);
    expect(text).toContain('agency_contact FIL'); // the police contact uploaded the IMR
    expect(text).toContain('coordinator FIL');
    expect(page.text).toContain(`href="/reviews/${r.id}/documents/${r.letterId}/versions/2"`);
    expect(page.text).toContain(`href="/reviews/${r.id}/documents/${r.letterId}/versions/1"`);
    expect(page.text).toContain(`href="/reviews/${r.id}/documents/upload"`);
    expect(page.text).toContain(`href="/reviews/${r.id}/drafts"`);
    const chair = await open(agents.chair, `/reviews/${r.id}/documents`);
    expect(chair.text).toContain(`href="/reviews/${r.id}/drafts"`);
    const csp = await open(agents.csp, `/reviews/${r.id}/documents`);
    expect(csp.text).not.toContain(`href="/reviews/${r.id}/drafts"`);
    const police = await open(agents.police, `/reviews/${r.id}/documents`);
    expect(police.text).toContain(`href="/reviews/${r.id}/documents/upload"`);
    expect(police.text).not.toContain(`href="/reviews/${r.id}/drafts"`);
    expect(visibleText(police.text)).toContain('Police IMR');
    expect(police.text).not.toContain('Letter to the family');
    expect(police.text).not.toContain(r.letterId);
  });

  it('the download route: the bytes as an attachment for who may read them, the 404 page for anyone else or anything else', async () => {
    const v1 = await agents.coordinator.get(`/reviews/${r.id}/documents/${r.letterId}/versions/1`).buffer(true);
    expect(v1.status).toBe(200);
    expect(v1.headers['content-type']).toBe('application/pdf');
    expect(v1.headers['content-disposition']).toMatch(/^attachment; filename="letter.pdf"/);
    expect(v1.headers['cache-control']).toBe('no-store');
    expect(Buffer.from(v1.body).equals(PDF)).toBe(true);
    const v2 = await agents.coordinator.get(`/reviews/${r.id}/documents/${r.letterId}/versions/2`).buffer(true);
    expect(v2.status).toBe(200);
    expect(Buffer.from(v2.body).length).toBeGreaterThan(PDF.length);
    expect((await agents.police.get(`/reviews/${r.id}/documents/${r.imrId}/versions/1`)).status).toBe(200);
    expect((await agents.chair.get(`/reviews/${r.id}/documents/${r.draftId}/versions/1`)).status).toBe(200);
    for (const [agent, path] of [
      [agents.police, `/reviews/${r.id}/documents/${r.letterId}/versions/1`],
      [agents.health, `/reviews/${r.id}/documents/${r.imrId}/versions/1`],
      [agents.otherCoordinator, `/reviews/${r.id}/documents/${r.letterId}/versions/1`],
      [agents.coordinator, `/reviews/${r.id}/documents/${r.letterId}/versions/3`],
      [agents.coordinator, `/reviews/${r.id}/documents/${r.letterId}/versions/0`],
      [agents.coordinator, `/reviews/${r.id}/documents/${r.letterId}/versions/latest`],
      [agents.coordinator, `/reviews/${r.id}/documents/not-an-id/versions/1`],
      [agents.coordinator, `/reviews/not-an-id/documents/${r.letterId}/versions/1`],
    ] as const) {
      const res = await agent.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.text).toContain('Page not found');
    }
  });

  it('chronology: the merged entries with dates in words, and the download', async () => {
    const page = await open(agents.coordinator, `/reviews/${r.id}/chronology`);
    const text = visibleText(page.text);
    expect(text).toContain('14 February 2023, 10:15pm');
    expect(text).toContain('1 March 2023');
    expect(text).toContain('Domestic incident reported, officers attended');
    expect(page.text).toContain(`href="/reviews/${r.id}/chronology/download?format=csv"`);
    const csv = await agents.coordinator.get(`/reviews/${r.id}/chronology/download?format=csv`).buffer(true);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toContain(`attachment; filename="chronology-${r.reference}.csv"`);
    expect((await agents.police.get(`/reviews/${r.id}/chronology/download`)).status).toBe(200);
    expect((await agents.health.get(`/reviews/${r.id}/chronology/download`)).status).toBe(404);
  });

  it('family, meetings, action plan: pseudonyms and names, words for every code', async () => {
    const family = visibleText((await open(agents.coordinator, `/reviews/${r.id}/family`)).text);
    for (const words of ['Sister of Adult K', 'sister', 'Through their advocate', 'AAFDA', 'Involved', 'Phone call', 'We contacted them'])
      expect(family).toContain(words);
    expect(family).toContain('Explained the review and offered advocacy');
    const meetings = visibleText((await open(agents.coordinator, `/reviews/${r.id}/meetings`)).text);
    expect(meetings).toContain('Meeting 1');
    expect(meetings).toMatch(/\d{1,2} [A-Z][a-z]+ \d{4}, 10am to midday/);
    expect(meetings).toContain('Town hall, room 4');
    expect(meetings).toContain('agency_contact FIL');
    expect(meetings).toContain('independent_chair FIL');
    expect(meetings).toContain('Scheduled');
    const plan = visibleText((await open(agents.coordinator, `/reviews/${r.id}/action-plan`)).text);
    expect(plan).toContain('Recommendation 1');
    expect(plan).toContain('Local');
    expect(plan).toContain('Police to refresh domestic abuse risk training');
    expect(plan).toContain('No actions have been agreed for this recommendation yet');
    expect(plan).toContain('FIL Police');
  });

  it('audit: coordinators only, who by name, what in words, newest first, verified', async () => {
    const page = await open(agents.coordinator, `/reviews/${r.id}/audit`);
    const text = visibleText(page.text);
    const second = visibleText((await open(agents.coordinator, `/reviews/${r.id}/audit?page=2`)).text);
    expect(text).toContain('Verified');
    expect(text).not.toContain('Not verified');
    expect(text).toContain('Uploaded a document');
    expect(text).toContain('Looked at the documents');
    // Newest first: the first page has the reads of this suite, the second the review's first steps.
    expect(second).toContain('Recorded the notification');
    expect(second).toContain('Decision to hold a review recorded');
    expect(second).toContain('csp_chair FIL');
    expect(second.indexOf('Decision to hold a review recorded')).toBeLessThan(second.indexOf('Recorded the notification'));
    expect(text).toMatch(/Showing\s*1\s*to\s*50\s*of\s*\d+/);
    expect(second).toMatch(/Showing\s*51\s*to/);
    for (const who of ['csp', 'chair', 'police']) await open(agents[who], `/reviews/${r.id}/audit`, 403);
    await open(agents.otherCoordinator, `/reviews/${r.id}/audit`, 404);
  });

  it('CSP chair and independent chair: every part but Audit; agency contact of an involved agency: not Family either, and their own agency’s part', async () => {
    for (const who of ['csp', 'chair']) {
      for (const section of SECTIONS.filter((x) => x !== 'audit')) {
        const page = await open(agents[who], `/reviews/${r.id}/${section}`);
        expect(subNavigation(page.text)).toEqual([
          'Overview',
          'Tasks',
          'Deadlines',
          'Timeline',
          'Documents',
          'Chronology',
          'Family',
          'Meetings',
          'Action plan',
        ]);
      }
    }
    for (const section of ['deadlines', 'documents', 'chronology', 'meetings', 'action-plan']) {
      const page = await open(agents.police, `/reviews/${r.id}/${section}`);
      expect(subNavigation(page.text)).toEqual([
        'Overview',
        'Tasks',
        'Deadlines',
        'Timeline',
        'Documents',
        'Chronology',
        'Meetings',
        'Action plan',
      ]);
    }
    await open(agents.police, `/reviews/${r.id}/family`, 403);
    const deadlines = visibleText((await open(agents.police, `/reviews/${r.id}/deadlines`)).text);
    expect(deadlines).toContain('FIL Police');
    expect(deadlines).not.toContain('Review completed');
    expect(subNavigation((await open(agents.police, `/reviews/${r.id}`)).text)).not.toContain('Family');
  });

  it('the 404 page for a review not theirs (another partnership, an agency not involved) or a bad id', async () => {
    for (const section of SECTIONS) {
      await open(agents.otherCoordinator, `/reviews/${r.id}/${section}`, 404);
      if (section !== 'family' && section !== 'audit') await open(agents.health, `/reviews/${r.id}/${section}`, 404);
      await open(agents.coordinator, `/reviews/not-a-review/${section}`, 404);
      await open(agents.coordinator, `/reviews/00000000-0000-4000-8000-000000000000/${section}`, 404);
    }
  });

  it('family forms: add a member and record a contact, each bad answer named in the error summary (400), then the Family page with a banner', async () => {
    const add = `/reviews/${r.id}/family/add-member`;
    const blank = await post(agents.coordinator, add, { pseudonym: ' ', relationship: '', advocateOrganisation: '' });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('There is a problem');
    expect(blank.text).toContain('<a href="#pseudonym">Enter a pseudonym</a>');
    expect(blank.text).toContain('href="#relationship"');
    expect(blank.text).toContain('<a href="#contactPreference">Select how they prefer to be contacted</a>');
    const long = await post(agents.coordinator, add, {
      pseudonym: 'x'.repeat(201),
      relationship: 'brother',
      contactPreference: 'carrier_pigeon',
    });
    expect(long.status).toBe(400);
    expect(long.text).toContain('A pseudonym must be 200 characters or fewer');
    expect(long.text).toContain('href="#contactPreference"');
    expect(long.text).toContain('value="brother"');
    const added = await post(agents.coordinator, add, {
      pseudonym: 'Brother of Adult K',
      relationship: 'brother',
      contactPreference: 'email',
    });
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe(`/reviews/${r.id}/family`);
    const family = await open(agents.coordinator, `/reviews/${r.id}/family`);
    expect(family.text).toContain('govuk-notification-banner--success');
    expect(visibleText(family.text)).toContain('Brother of Adult K');
    expect(visibleText(family.text)).toContain('Not contacted yet');

    const contact = `/reviews/${r.id}/family/record-contact`;
    const bad = await post(agents.coordinator, contact, {
      ...londonDate('occurredAt', 5),
      summary: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<a href="#familyMemberId">Select the family member</a>');
    expect(bad.text).toContain('<a href="#occurredAt-day">The date of the contact must be today or in the past</a>');
    expect(bad.text).toContain('href="#method"');
    expect(bad.text).toContain('href="#direction"');
    expect(bad.text).toContain('<a href="#summary">Enter a summary of the contact</a>');
    const invalid = await post(agents.coordinator, contact, { 'occurredAt-day': '31', 'occurredAt-month': '2', 'occurredAt-year': '2026' });
    expect(invalid.text).toContain('The date of the contact must be a real date');
    const form = await open(agents.coordinator, contact);
    const memberId = /name="familyMemberId" type="radio" value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*>\s*Brother of Adult K/.exec(
      form.text,
    )?.[1];
    expect(memberId).toBeDefined();
    const recorded = await post(agents.coordinator, contact, {
      familyMemberId: memberId!,
      ...londonDate('occurredAt', -1),
      'occurredAt-time': '2:30pm',
      method: 'email',
      direction: 'inbound',
      summary: 'Asked when the draft will be ready',
    });
    expect(recorded.status).toBe(303);
    const after = visibleText((await open(agents.coordinator, `/reviews/${r.id}/family`)).text);
    expect(after).toContain('Contact with Brother of Adult K recorded');
    expect(after).toContain('Asked when the draft will be ready');
    expect(after).toContain('They contacted us');
    expect(after).toContain('2:30pm');

    // Who may not: a CSP chair (403), another partnership (404); and no form without its CSRF token.
    await open(agents.csp, add, 403);
    await open(agents.otherCoordinator, add, 404);
    const noToken = await agents.coordinator.post(add).type('form').send({ pseudonym: 'x', relationship: 'y', contactPreference: 'email' });
    expect(noToken.status).toBe(403);
  });

  it('never shows an id in the text a person reads', () => {
    expect(pages.length).toBeGreaterThan(40);
    for (const html of pages) expect(visibleText(html)).not.toMatch(UUID);
  });
});
