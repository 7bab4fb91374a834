import request from 'supertest';
import { seedPartnership, Seed } from '../support/actors';
import { daysAgo, reviewBody, send } from '../support/review-driver';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { Agent, visibleText, webSignIn } from '../support/web-forms';

const PASSWORD = 'a-long-enough-test-password';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The references listed in the caseload's table, in order. */
const referencesOf = (html: string) =>
  [...html.matchAll(/<td class="govuk-table__cell[^"]*"><a class="govuk-link" href="\/reviews\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
const unescape = (href: string) => href.replace(/&amp;/g, '&');

/**
 * The caseload as a browser without JavaScript uses it: the filter is a plain GET form, each
 * filter in the address (stage, overdue, on hold, chair, agency, search by reference or
 * pseudonym), removable selected filters, sort links, pages that keep the filters; bad values
 * are ignored or a form error, never a 500; another partnership's reviews are never listed.
 */
describe('web: the caseload’s filters, search and sort', () => {
  let t: WebTestApp;
  let s: Seed;
  let other: Seed;
  const secrets = new Map<string, string>();
  const agents: Record<string, Agent> = {};
  const ref: Record<string, string> = {};
  const pages: string[] = [];
  // Two dozen reviews made through the API first: more than a minute on a busy machine.
  jest.setTimeout(180_000);

  async function open(path: string, who = 'coordinator', status = 200): Promise<request.Response> {
    const res = await agents[who].get(path);
    expect([path, res.status]).toEqual([path, status]);
    pages.push(res.text);
    return res;
  }

  beforeAll(async () => {
    t = await startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } });
    s = await seedPartnership(t, 'CSL');
    other = await seedPartnership(t, 'CSX');
    const create = async (seed: Seed, overrides: Record<string, unknown>) => {
      const res = await t.http().post('/api/reviews').set(seed.coordinator.auth).send(reviewBody(seed.partnership.id, overrides));
      expect(res.status).toBe(201);
      return res.body as { id: string; reference: string };
    };
    // Notified 50 days ago: its one-month decision is overdue.
    ref.alder = (
      await create(s, { notifiedAt: daysAgo(50), victimPseudonym: 'Adult Alder', perpetratorPseudonym: 'Adult Hazel' })
    ).reference;
    for (let i = 0; i < 21; i++) await create(s, { notifiedAt: daysAgo(20), victimPseudonym: `Adult Filler ${i}` });
    const beech = await create(s, { notifiedAt: daysAgo(3), victimPseudonym: 'Adult Beech' });
    const cedar = await create(s, { notifiedAt: daysAgo(10), victimPseudonym: 'Adult Cedar' });
    ref.beech = beech.reference;
    ref.cedar = cedar.reference;
    for (const id of [beech.id, cedar.id]) {
      await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met' });
      await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    }
    await send(t, s.coordinator, beech.id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await send(t, s.coordinator, cedar.id, { type: 'PUT_ON_HOLD', kind: 'criminal_trial', scope: 'review', reason: 'Trial listed' });
    ref.foreign = (await create(other, { victimPseudonym: 'Adult Alder' })).reference;
    for (const [who, email] of [
      ['coordinator', s.coordinator.email],
      ['csp', s.cspChair.email],
      ['chair', s.chair.email],
    ]) {
      agents[who] = request.agent(t.server);
      expect((await webSignIn(agents[who], email, PASSWORD, secrets)).status).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists 20 a page by next deadline first, with the filter form (GET) and sortable columns', async () => {
    const page = await open('/reviews');
    const refs = referencesOf(page.text);
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe(ref.alder);
    expect(page.text).toContain('<form method="get" action="/reviews"');
    expect(page.text).toContain('Apply filters');
    for (const label of ['Reference or pseudonym', 'Stage', 'Overdue only', 'On hold only', 'Independent chair', 'Agency', 'Sort by'])
      expect(page.text).toContain(label);
    // Chairs and agencies by name, never another partnership's.
    expect(page.text).toContain(`<option value="${s.chair.id}">independent_chair CSL</option>`);
    expect(page.text).toContain(`<option value="${s.police.id}">CSL Police</option>`);
    expect(page.text).not.toContain('CSX Police');
    expect(page.text).toContain('aria-sort="ascending"');
    expect(page.text).toContain('href="/reviews?sort=reference"');
    expect(page.text).not.toContain('Selected filters');
    expect(page.text).toContain('Overdue');
  });

  it('filters by stage (one or several), each selected filter a tag that removes it', async () => {
    const setup = await open('/reviews?stage=setup');
    expect(referencesOf(setup.text).sort()).toEqual([ref.beech, ref.cedar].sort());
    expect(setup.text).toContain('Selected filters');
    expect(setup.text).toMatch(
      /<a class="moj-filter__tag" href="\/reviews"><span class="govuk-visually-hidden">Remove this filter<\/span> Setting up<\/a>/,
    );
    expect(setup.text).toMatch(/value="setup" checked/);
    const two = await open('/reviews?stage=setup&stage=notification&sort=reference');
    expect(visibleText(two.text)).toContain('of 24 total results');
    const removeSetup =
      /<a class="moj-filter__tag" href="([^"]+)"><span class="govuk-visually-hidden">Remove this filter<\/span> Setting up/.exec(
        two.text,
      )![1];
    expect(unescape(removeSetup)).toBe('/reviews?stage=notification&sort=reference');
  });

  it('filters to the overdue, the on hold, a chair’s and an agency’s reviews', async () => {
    expect(referencesOf((await open('/reviews?overdue=yes')).text)).toEqual([ref.alder]);
    expect(referencesOf((await open('/reviews?onHold=yes')).text)).toEqual([ref.cedar]);
    expect(referencesOf((await open(`/reviews?chair=${s.chair.id}&sort=reference`)).text)).toEqual([ref.beech, ref.cedar].sort());
    const agency = await open(`/reviews?agency=${s.police.id}`);
    expect(referencesOf(agency.text)).toEqual([ref.beech]);
    expect(agency.text).toContain('Remove this filter</span> CSL Police');
    const both = await open(`/reviews?chair=${s.chair.id}&onHold=yes`);
    expect(referencesOf(both.text)).toEqual([ref.cedar]);
    expect(both.text).toContain('Remove this filter</span> independent_chair CSL');
    expect(both.text).toContain('Remove this filter</span> On hold only');
    expect(both.text).toContain('Clear filters');
  });

  it('searches by reference or pseudonym, any case; another partnership’s review never listed', async () => {
    expect(referencesOf((await open(`/reviews?search=${encodeURIComponent(ref.cedar.toLowerCase())}`)).text)).toEqual([ref.cedar]);
    expect(referencesOf((await open('/reviews?search=beech')).text)).toEqual([ref.beech]);
    expect(referencesOf((await open('/reviews?search=HAZEL')).text)).toEqual([ref.alder]);
    const alder = await open('/reviews?search=%20Alder%20');
    expect(referencesOf(alder.text)).toEqual([ref.alder]);
    expect(alder.text).toContain('value="Alder"');
    const none = await open('/reviews?search=Nobody');
    expect(referencesOf(none.text)).toEqual([]);
    expect(none.text).toContain('No reviews match these filters');
    expect(referencesOf((await open(`/reviews?search=${encodeURIComponent(ref.foreign)}`)).text)).toEqual([]);
  });

  it('sorts by reference, by date notified and by next deadline', async () => {
    const byReference = referencesOf((await open('/reviews?sort=reference&stage=setup&stage=notification')).text);
    expect(byReference).toEqual([...byReference].sort());
    const byNotified = await open('/reviews?sort=notified');
    expect(referencesOf(byNotified.text).slice(0, 2)).toEqual([ref.beech, ref.cedar]);
    expect(byNotified.text).toContain('aria-sort="descending"');
    expect(visibleText(byNotified.text)).toContain('latest notified first');
  });

  it('keeps the filters from page to page', async () => {
    const first = await open('/reviews?stage=notification&sort=reference');
    expect(referencesOf(first.text)).toHaveLength(20);
    const next = /href="([^"]+)" rel="next"/.exec(first.text)?.[1];
    expect(unescape(next!)).toBe('/reviews?stage=notification&sort=reference&page=2');
    const second = await open(unescape(next!));
    expect(referencesOf(second.text)).toHaveLength(2);
    expect([...referencesOf(first.text), ...referencesOf(second.text)]).not.toContain(ref.beech);
  });

  it('ignores values the form cannot send, names a search too long, and never answers 500', async () => {
    for (const q of [
      'stage=nowhere',
      'stage[]=setup',
      'stage=%27%20OR%201%3D1',
      'overdue=maybe',
      'onHold=1',
      'chair=not-an-id',
      `chair=${other.chair.id}`,
      `agency=${other.police.id}`,
      'sort=id;DROP',
      'page=abc',
      'page=99999',
      'search=a&search=b',
      'search=%25',
      '%FF=1',
      '__proto__[x]=1',
    ]) {
      const res = await agents.coordinator.get(`/reviews?${q}`);
      expect([q, res.status]).toEqual([q, 200]);
      expect(referencesOf(res.text)).not.toContain(ref.foreign);
    }
    const foreignAgency = await open(`/reviews?agency=${other.police.id}`);
    expect(referencesOf(foreignAgency.text)).toHaveLength(20);
    const long = await open(`/reviews?search=${'x'.repeat(101)}`, 'coordinator', 400);
    expect(long.text).toContain('There is a problem');
    expect(long.text).toMatch(/<a href="#search">Search must be 100 characters or fewer<\/a>/);
  });

  it('is the CSP chair’s too (as before); an independent chair sees their own reviews without a chair filter', async () => {
    const csp = await open('/reviews?stage=setup', 'csp');
    expect(referencesOf(csp.text).sort()).toEqual([ref.beech, ref.cedar].sort());
    expect(csp.text).not.toContain('href="/reviews/new"');
    const chair = await open('/reviews', 'chair');
    expect(referencesOf(chair.text).sort()).toEqual([ref.beech, ref.cedar].sort());
    expect(chair.text).not.toContain('Independent chair</label>');
    expect(referencesOf((await open(`/reviews?chair=${s.chair.id}&search=alder`, 'chair')).text)).toEqual([]);
  });

  it('shows no id in the text of any page visited', () => {
    expect(pages.length).toBeGreaterThan(20);
    for (const html of pages) expect(visibleText(html)).not.toMatch(UUID);
  });
});
