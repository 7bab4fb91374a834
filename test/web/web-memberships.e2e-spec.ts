import request from 'supertest';
import { seedPartnership, Seed } from '../support/actors';
import { ADMIN } from '../support/test-app';
import { daysAgo, reviewBody, send } from '../support/review-driver';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { Agent, csrfOf, submit, visibleText, webSignIn } from '../support/web-forms';
import { SmtpSink } from '../support/smtp-sink';

const PASSWORD = 'a-long-enough-test-password';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * One person, several partnerships, in the pages: an administrator adds a partnership to an
 * independent chair; the chair works in one partnership at a time (the header says which, with
 * a switcher), and a link to a review of the other partnership opens it there.
 */
describe('web: one person, several partnerships', () => {
  let t: WebTestApp;
  let a: Seed;
  let b: Seed;
  let admin: Agent;
  let smtp: SmtpSink;
  let reviewA: { id: string; reference: string };
  let reviewB: { id: string; reference: string };
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startWebTestApp({ env: { SMTP_URL: smtp.url, LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } });
    a = await seedPartnership(t, 'MWA');
    b = await seedPartnership(t, 'MWB', a.admin);
    const create = async (s: Seed) => {
      const res = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
      await send(t, s.cspChair, res.body.id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
      return { id: res.body.id as string, reference: res.body.reference as string };
    };
    reviewA = await create(a);
    reviewB = await create(b);
    await send(t, a.coordinator, reviewA.id, { type: 'APPOINT_CHAIR', userId: a.chair.id });
    admin = request.agent(t.server);
    expect((await webSignIn(admin, ADMIN.email, ADMIN.password, secrets)).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('an administrator adds a partnership to the chair through the Partnerships page, with GOV.UK errors', async () => {
    const users = await admin.get('/administration/users');
    expect(users.text).toContain(`/administration/users/${a.chair.id}/partnerships`);

    const page = await admin.get(`/administration/users/${a.chair.id}/partnerships`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('MWA CSP');
    expect(page.text).toContain('(home partnership)');

    const missing = await admin
      .post(`/administration/users/${a.chair.id}/partnerships`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), partnershipId: b.partnership.id });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('There is a problem');
    expect(missing.text).toContain('Select their role in that partnership');

    const added = await admin
      .post(`/administration/users/${a.chair.id}/partnerships`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), partnershipId: b.partnership.id, role: 'independent_chair' });
    expect(added.status).toBe(303);
    const after = await admin.get(`/administration/users/${a.chair.id}/partnerships`);
    expect(visibleText(after.text)).toContain('MWB CSP Independent chair');
    expect(visibleText(after.text)).not.toMatch(UUID);
    await send(t, b.coordinator, reviewB.id, { type: 'APPOINT_CHAIR', userId: a.chair.id });
  });

  it('the chair works in their home partnership first, opens the other partnership’s review from its link, and switches back', async () => {
    const chair = request.agent(t.server);
    expect((await webSignIn(chair, a.chair.email, PASSWORD, secrets)).status).toBe(200);

    const home = await chair.get('/reviews');
    expect(home.text).toContain('MWA CSP');
    expect(home.text).toContain('Change partnership');
    expect(home.text).toContain(reviewA.reference);
    expect(home.text).not.toContain(reviewB.reference);

    // The link in an email: the review opens in its own partnership, and the pages now work in B.
    const linked = await chair.get(`/reviews/${reviewB.id}`);
    expect(linked.status).toBe(200);
    expect(linked.text).toContain(reviewB.reference);
    expect(linked.text).toContain('MWB CSP');
    const listB = await chair.get('/reviews');
    expect(listB.text).toContain(reviewB.reference);
    expect(listB.text).not.toContain(reviewA.reference);

    const choose = await chair.get('/partnership');
    expect(choose.status).toBe(200);
    expect(choose.text).toContain('Which partnership do you want to work in?');
    const bad = await chair
      .post('/partnership')
      .type('form')
      .send({ _csrf: csrfOf(choose.text), partnershipId: a.police.id });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Select the partnership you want to work in');
    const back = await chair
      .post('/partnership')
      .type('form')
      .send({ _csrf: csrfOf(choose.text), partnershipId: a.partnership.id });
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe('/reviews');
    const listA = await chair.get('/reviews');
    expect(listA.text).toContain(reviewA.reference);
    expect(listA.text).not.toContain(reviewB.reference);
  });

  it('someone of one partnership sees its name and no switcher, and cannot choose another partnership', async () => {
    const coordinator = request.agent(t.server);
    expect((await webSignIn(coordinator, a.coordinator.email, PASSWORD, secrets)).status).toBe(200);
    const page = await coordinator.get('/reviews');
    expect(page.text).toContain('MWA CSP');
    expect(page.text).not.toContain('Change partnership');
    const refused = await submit(coordinator, '/partnership', '/partnership', { partnershipId: b.partnership.id });
    expect(refused.status).toBe(400);
    expect((await coordinator.get(`/reviews/${reviewB.id}`)).status).toBe(404);
  });

  it('when a membership ends, the pages working in it fall back to the home partnership at the next request', async () => {
    const chair = request.agent(t.server);
    // Signed in before: the security code step, then the landing page.
    expect((await webSignIn(chair, a.chair.email, PASSWORD, secrets)).status).toBe(303);
    expect((await chair.get(`/reviews/${reviewB.id}`)).status).toBe(200);
    const page = await admin.get(`/administration/users/${a.chair.id}/partnerships`);
    const removed = await admin
      .post(`/administration/users/${a.chair.id}/partnerships/${b.partnership.id}/remove`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect(removed.status).toBe(303);
    expect((await chair.get(`/reviews/${reviewB.id}`)).status).toBe(404);
    const list = await chair.get('/reviews');
    expect(list.text).toContain(reviewA.reference);
    expect(list.text).not.toContain('Change partnership');
  });

  it('a coordinator inviting the email of an existing agency contact adds them to their agency instead, and emails them', async () => {
    const coordinator = request.agent(t.server);
    await webSignIn(coordinator, b.coordinator.email, PASSWORD, secrets);
    const before = smtp.received.length;
    const done = await submit(coordinator, '/administration/users/invite', '/administration/users/invite', {
      name: 'Someone else entirely',
      email: a.healthContact.email.toUpperCase(),
      agencyId: b.health.id,
    });
    expect(done.status).toBe(200);
    expect(visibleText(done.text)).toContain('agency_contact MWA added to MWB CSP');
    const email = smtp.received.slice(before).find((e) => e.to.includes(a.healthContact.email));
    // The marking ends every subject; the wording is as before.
    expect(email?.subject).toBe('You can now work in another partnership in Domestic homicide reviews [OFFICIAL-SENSITIVE]');
    expect(email?.raw.replace(/=\r?\n/g, '')).toContain('You have been added to MWB CSP as Agency contact for MWB NHS Trust');

    const users = await coordinator.get('/administration/users');
    expect(users.text).toContain(a.healthContact.email);
    // Once a member, inviting them again is refused as before.
    const twice = await submit(coordinator, '/administration/users/invite', '/administration/users/invite', {
      name: 'x',
      email: a.healthContact.email,
      agencyId: b.health.id,
    });
    expect(twice.status).toBe(400);
    expect(twice.text).toContain('A user with this email address already exists');

    // Their requests page lists what B's agency is asked for too, named by partnership, while they work in A.
    await send(t, b.coordinator, reviewB.id, { type: 'REQUEST_SCOPING', agencyId: b.health.id });
    const contact = request.agent(t.server);
    await webSignIn(contact, a.healthContact.email, PASSWORD, secrets);
    const requests = await contact.get('/requests');
    expect(requests.status).toBe(200);
    expect(visibleText(requests.text)).toContain(`${reviewB.reference} MWB CSP Scoping information`);
    expect(requests.text).toContain('MWA CSP'); // the partnership the pages work in
  });
});
