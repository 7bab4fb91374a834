import request from 'supertest';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createRedis } from '@dhr/jobs';
import { login, seedPartnership, Seed, Session } from '../support/actors';
import { reviewBody } from '../support/review-driver';
import { ReceivedEmail, SmtpSink } from '../support/smtp-sink';
import { ADMIN } from '../support/test-app';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { Agent, csrfOf, freshCode, submit, webSignIn } from '../support/web-forms';

const PASSWORD = 'a-long-enough-test-password';
const NEW_PASSWORD = 'heron mosaic quill fifty-eight';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The link in an email's text part (quoted-printable soft breaks undone). */
const linkIn = (mail: ReceivedEmail, path: string) =>
  new RegExp(`/${path}/([A-Za-z0-9_-]{43})`).exec(mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '='))?.[1];

/**
 * Accounts an organisation can run, the missing pieces: editing users, partnerships and agencies
 * (audited, with the error summary; coordinators only their own partnership's), resending an
 * invitation (the old link stops working), a password change or two-factor reset ending the
 * person's other sessions and API tokens, and the forgotten-password limits.
 */
describe('web: editing accounts, resending invitations, ending sessions, forgotten-password limits', () => {
  let t: WebTestApp;
  let s: Seed;
  let other: Seed;
  let smtp: SmtpSink;
  let admin: Agent;
  let chairToken: Session;
  const secrets = new Map<string, string>();

  const db = () => t.app.get<DataSource>(getDataSourceToken());
  const audit = async (action: string, entityId: string) =>
    (await db().query(`SELECT changes FROM audit_entries WHERE action = $1 AND entity_id = $2 ORDER BY id`, [action, entityId])) as {
      changes: Record<string, { before: unknown; after: unknown }>;
    }[];

  async function mailTo(address: string, after: number): Promise<ReceivedEmail> {
    for (let i = 0; i < 100; i++) {
      const mail = smtp.received.slice(after).find((m) => m.to.includes(address));
      if (mail) return mail;
      await sleep(50);
    }
    throw new Error(`no email to ${address}`);
  }

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startWebTestApp({
      env: {
        SMTP_URL: smtp.url,
        LOGIN_MAX_ATTEMPTS_PER_IP: '1000',
        PASSWORD_RESET_MAX_PER_ACCOUNT: '2',
        PASSWORD_RESET_MAX_PER_IP: '5',
        PUBLIC_URL: 'http://dhr.example.gov.uk',
      },
    });
    s = await seedPartnership(t, 'EDT');
    other = await seedPartnership(t, 'OTH');
    // Taken while the password alone still gives a token (before two-factor is set up).
    chairToken = await login(t, s.cspChair.email, PASSWORD);
    admin = request.agent(t.server);
    expect((await webSignIn(admin, ADMIN.email, ADMIN.password, secrets)).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('lets an administrator change a user’s name, role and agency: audited, with the error summary for a bad answer', async () => {
    const page = await admin.get(`/administration/users/${s.chair.id}/edit`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Change independent_chair EDT’s details');
    expect(page.text).toContain('name="role"');
    expect((await admin.get('/administration/users')).text).toContain(`/administration/users/${s.chair.id}/edit`);

    const empty = await submit(admin, `/administration/users/${s.chair.id}/edit`, `/administration/users/${s.chair.id}/edit`, {
      name: ' ',
    });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('There is a problem');
    expect(empty.text).toContain('href="#name"');
    const noAgency = await submit(admin, `/administration/users/${s.chair.id}/edit`, `/administration/users/${s.chair.id}/edit`, {
      name: 'Robin Chair',
      role: 'agency_contact',
      agencyId: other.police.id, // another partnership's agency is not theirs to join
    });
    expect(noAgency.status).toBe(400);
    expect(noAgency.text).toContain('href="#agencyId"');

    const saved = await submit(admin, `/administration/users/${s.chair.id}/edit`, `/administration/users/${s.chair.id}/edit`, {
      name: 'Robin Chair',
      role: 'agency_contact',
      agencyId: s.health.id,
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/administration/users');
    const list = await admin.get('/administration/users');
    expect(list.text).toContain('Changes to Robin Chair saved');
    expect(list.text).toContain('Robin Chair');
    const [row] = await db().query(`SELECT name, role, agency_id FROM users WHERE id = $1`, [s.chair.id]);
    expect(row).toEqual({ name: 'Robin Chair', role: 'agency_contact', agency_id: s.health.id });
    const [entry] = await audit('user.update', s.chair.id);
    expect(entry.changes).toEqual({
      name: { before: 'independent_chair EDT', after: 'Robin Chair' },
      role: { before: 'independent_chair', after: 'agency_contact' },
      agencyId: { before: null, after: s.health.id },
    });
    // The banner is shown once.
    expect((await admin.get('/administration/users')).text).not.toContain('Changes to Robin Chair saved');

    // An administrator's own role is not on their form, and not changed whatever is posted.
    const [{ id: adminId }] = await db().query(`SELECT id FROM users WHERE email = $1`, [ADMIN.email]);
    const self = await admin.get(`/administration/users/${adminId}/edit`);
    expect(self.text).not.toContain('name="role"');
    await submit(admin, `/administration/users/${adminId}/edit`, `/administration/users/${adminId}/edit`, {
      name: 'Administrator',
      role: 'coordinator',
    });
    expect((await db().query(`SELECT role FROM users WHERE id = $1`, [adminId]))[0].role).toBe('admin');
    expect((await admin.get(`/administration/users/${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}/edit`)).status).toBe(404);
  });

  it('changes a partnership’s name, and its code only while no review reference uses it', async () => {
    const fresh = (await t.http().post('/api/partnerships').set(s.admin.auth).send({ name: 'Fresh CSP', code: 'FRSH' })).body;
    const form = await admin.get(`/administration/partnerships/${fresh.id}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="code"');
    const taken = await submit(admin, `/administration/partnerships/${fresh.id}/edit`, `/administration/partnerships/${fresh.id}/edit`, {
      name: 'Fresh CSP',
      code: 'OTH',
    });
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('A partnership with this code already exists');
    const ok = await submit(admin, `/administration/partnerships/${fresh.id}/edit`, `/administration/partnerships/${fresh.id}/edit`, {
      name: 'Freshfield CSP',
      code: 'frf',
    });
    expect(ok.status).toBe(303);
    expect((await admin.get('/administration/partnerships')).text).toContain('Changes to Freshfield CSP saved');
    const [entry] = await audit('partnership.update', fresh.id);
    expect(entry.changes).toEqual({ name: { before: 'Fresh CSP', after: 'Freshfield CSP' }, code: { before: 'FRSH', after: 'FRF' } });

    // A review reference made with EDT: the code is shown, not asked, and stays.
    expect((await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).status).toBe(201);
    const locked = await admin.get(`/administration/partnerships/${s.partnership.id}/edit`);
    expect(locked.text).toContain('The code cannot be changed');
    expect(locked.text).not.toContain('name="code"');
    const renamed = await submit(
      admin,
      `/administration/partnerships/${s.partnership.id}/edit`,
      `/administration/partnerships/${s.partnership.id}/edit`,
      { name: 'Edtown CSP', code: 'NEWCODE' },
    );
    expect(renamed.status).toBe(303);
    expect((await db().query(`SELECT name, code FROM partnerships WHERE id = $1`, [s.partnership.id]))[0]).toEqual({
      name: 'Edtown CSP',
      code: 'EDT',
    });
  });

  it('sets the sender and contact of a partnership’s emails, with GOV.UK messages; its invitations then go out as it', async () => {
    const page = `/administration/partnerships/${other.partnership.id}/edit`;
    const form = await admin.get(page);
    expect(form.text).toContain('Emails about its reviews');
    for (const label of [
      'Sender name (optional)',
      'Sender email address (optional)',
      'Contact name (optional)',
      'Contact email address (optional)',
    ]) {
      expect(form.text).toContain(label);
    }
    const bad = await submit(admin, page, page, {
      name: 'OTH CSP',
      code: 'OTH',
      senderName: 'OTH DHR team',
      senderEmail: 'dhr at oth',
      contactName: 'Ana Patel',
      contactEmail: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('There is a problem');
    expect(bad.text).toContain('<a href="#senderEmail">Enter an email address in the correct format, like dhr@croydon.gov.uk</a>');
    expect(bad.text).toContain('<a href="#contactEmail">Enter the contact’s email address, or remove the contact name</a>');
    expect(bad.text).toContain('value="dhr at oth"'); // what was typed stays in the form
    const row = async () =>
      (
        await db().query(`SELECT sender_name, sender_email, contact_name, contact_email FROM partnerships WHERE id = $1`, [
          other.partnership.id,
        ])
      )[0];
    expect(await row()).toEqual({ sender_name: null, sender_email: null, contact_name: null, contact_email: null });

    const ok = await submit(admin, page, page, {
      name: 'OTH CSP',
      code: 'OTH',
      senderName: 'OTH DHR team',
      senderEmail: 'dhr@oth.gov.uk',
      contactName: 'Ana Patel',
      contactEmail: 'ana.patel@oth.gov.uk',
    });
    expect(ok.status).toBe(303);
    expect(await row()).toEqual({
      sender_name: 'OTH DHR team',
      sender_email: 'dhr@oth.gov.uk',
      contact_name: 'Ana Patel',
      contact_email: 'ana.patel@oth.gov.uk',
    });
    const [entry] = await audit('partnership.update', other.partnership.id);
    expect(entry.changes).toMatchObject({
      senderEmail: { before: null, after: 'dhr@oth.gov.uk' },
      contactName: { before: null, after: 'Ana Patel' },
    });
    expect((await admin.get(page)).text).toContain('value="ana.patel@oth.gov.uk"');

    // An invitation to that partnership comes from its sender, with replies to its contact.
    const before = smtp.received.length;
    const sent = await submit(admin, '/administration/users/invite', '/administration/users/invite', {
      name: 'Pat Oth',
      email: 'pat.oth@oth.test',
      role: 'agency_contact',
      agencyId: other.police.id,
    });
    expect(sent.status).toBe(200);
    const mail = await mailTo('pat.oth@oth.test', before);
    expect(mail.raw).toMatch(/^From: OTH DHR team <dhr@oth\.gov\.uk>\r?$/m);
    expect(mail.raw).toMatch(/^Reply-To: Ana Patel <ana\.patel@oth\.gov\.uk>\r?$/m);
    expect(mail.subject).toBe('Set up your account for Domestic homicide reviews [OFFICIAL-SENSITIVE]');

    // Blank again: the defaults (MAIL_FROM, the coordinators) apply.
    expect((await submit(admin, page, page, { name: 'OTH CSP', code: 'OTH' })).status).toBe(303);
    expect(await row()).toEqual({ sender_name: null, sender_email: null, contact_name: null, contact_email: null });
  });

  it('lets a coordinator change only their own partnership’s agencies and agency contacts (404 otherwise, 403 for partnerships)', async () => {
    const coordinator = request.agent(t.server);
    expect((await webSignIn(coordinator, s.coordinator.email, PASSWORD, secrets)).status).toBe(200);
    const agencies = await coordinator.get('/administration/agencies');
    expect(agencies.text).toContain(`/administration/agencies/${s.police.id}/edit`);
    const bad = await submit(coordinator, `/administration/agencies/${s.police.id}/edit`, `/administration/agencies/${s.police.id}/edit`, {
      name: 'X',
      kind: 'spaceship',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#name"');
    expect(bad.text).toContain('href="#kind"');
    const ok = await submit(coordinator, `/administration/agencies/${s.police.id}/edit`, `/administration/agencies/${s.police.id}/edit`, {
      name: 'Edtown Police',
      kind: 'police',
    });
    expect(ok.status).toBe(303);
    expect((await coordinator.get('/administration/agencies')).text).toContain('Changes to Edtown Police saved');
    const [entry] = await audit('agency.update', s.police.id);
    expect(entry.changes).toEqual({ name: { before: 'EDT Police', after: 'Edtown Police' } });
    const chain = await db().query(`SELECT chain FROM audit_entries WHERE action = 'agency.update' AND entity_id = $1`, [s.police.id]);
    expect(chain[0].chain).toBe(s.partnership.id);

    // Their agency contact: name and agency, never a role.
    const contact = await submit(
      coordinator,
      `/administration/users/${s.policeContact.id}/edit`,
      `/administration/users/${s.policeContact.id}/edit`,
      { name: 'Pat Police', agencyId: s.health.id, role: 'coordinator' },
    );
    expect(contact.status).toBe(303);
    expect((await db().query(`SELECT name, role, agency_id FROM users WHERE id = $1`, [s.policeContact.id]))[0]).toEqual({
      name: 'Pat Police',
      role: 'agency_contact',
      agency_id: s.health.id,
    });

    expect((await coordinator.get(`/administration/agencies/${other.police.id}/edit`)).status).toBe(404);
    const foreign = await coordinator
      .post(`/administration/agencies/${other.police.id}/edit`)
      .type('form')
      .send({ _csrf: csrfOf(agencies.text), name: 'Mine now', kind: 'police' });
    expect(foreign.status).toBe(404);
    expect((await coordinator.get(`/administration/users/${other.policeContact.id}/edit`)).status).toBe(404);
    expect((await coordinator.get(`/administration/users/${s.cspChair.id}/edit`)).status).toBe(404);
    expect((await coordinator.get(`/administration/partnerships/${s.partnership.id}/edit`)).status).toBe(403);
    expect((await db().query(`SELECT name FROM agencies WHERE id = $1`, [other.police.id]))[0].name).toBe('OTH Police');
  });

  it('shows an invitation not yet accepted in the users list and resends it: a new link, the old one works no more', async () => {
    const before = smtp.received.length;
    const sent = await submit(admin, '/administration/users/invite', '/administration/users/invite', {
      name: 'Sam Slow',
      email: 'sam.slow@edt.test',
      role: 'agency_contact',
      agencyId: s.police.id,
    });
    expect(sent.status).toBe(200);
    const first = linkIn(await mailTo('sam.slow@edt.test', before), 'invitations')!;
    const [{ id }] = await db().query(`SELECT id FROM invitations WHERE email = 'sam.slow@edt.test'`);
    const list = await admin.get('/administration/users');
    expect(list.text).toContain('Sam Slow');
    expect(list.text).toContain('Invited — not yet accepted');
    expect(list.text).toContain(`/administration/invitations/${id}/resend`);

    const again = smtp.received.length;
    const resent = await admin
      .post(`/administration/invitations/${id}/resend`)
      .type('form')
      .send({ _csrf: csrfOf(list.text) });
    expect(resent.status).toBe(200);
    expect(resent.text).toContain('Invitation sent again');
    const second = linkIn(await mailTo('sam.slow@edt.test', again), 'invitations')!;
    expect(second).not.toBe(first);
    expect((await request.agent(t.server).get(`/invitations/${first}`)).status).toBe(404);
    expect((await request.agent(t.server).get(`/invitations/${second}`)).status).toBe(200);
    expect(await audit('invitation.resend', id)).toHaveLength(1);

    // An expired invitation says so, and can be sent again too.
    await db().query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    expect((await admin.get('/administration/users')).text).toContain('Invitation expired');

    // A coordinator of another partnership cannot see or resend it; nor is there a CSRF-less resend.
    const coordinator = request.agent(t.server);
    expect((await webSignIn(coordinator, other.coordinator.email, PASSWORD, secrets)).status).toBe(200);
    const theirs = await coordinator.get('/administration/users');
    expect(theirs.text).not.toContain('Sam Slow');
    const refused = await coordinator
      .post(`/administration/invitations/${id}/resend`)
      .type('form')
      .send({ _csrf: csrfOf(theirs.text) });
    expect(refused.status).toBe(404);
    expect((await admin.post(`/administration/invitations/${id}/resend`).type('form').send({})).status).toBe(403);
  });

  it('ends every other session and API token of a person who resets their password', async () => {
    const elsewhere = request.agent(t.server);
    expect((await webSignIn(elsewhere, s.cspChair.email, PASSWORD, secrets)).status).toBe(200);
    expect((await elsewhere.get('/reviews')).status).toBe(200);
    expect((await t.http().get('/api/me').set(chairToken.auth)).status).toBe(200);

    const before = smtp.received.length;
    await submit(request.agent(t.server), '/forgotten-password', '/forgotten-password', { email: s.cspChair.email });
    const token = linkIn(await mailTo(s.cspChair.email, before), 'reset-password')!;
    const here = request.agent(t.server);
    const page = await here.get(`/reset-password/${token}`);
    const changed = await here
      .post(`/reset-password/${token}`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(changed.status).toBe(200);

    const next = await elsewhere.get('/reviews');
    expect(next.status).toBe(303);
    expect(next.headers.location).toBe('/sign-in');
    expect((await t.http().get('/api/me').set(chairToken.auth)).status).toBe(401);

    // A token's issue time is in whole seconds: one from the next second on works.
    await sleep(1100);
    const again = request.agent(t.server);
    expect((await webSignIn(again, s.cspChair.email, NEW_PASSWORD, secrets)).status).toBe(303);
    expect((await again.get('/reviews')).status).toBe(200);
    const fresh = await t
      .http()
      .post('/api/auth/token')
      .send({ email: s.cspChair.email, password: NEW_PASSWORD, code: await freshCode(secrets.get(s.cspChair.email)!) });
    expect(fresh.status).toBe(200);
    expect((await t.http().get('/api/me').set('Authorization', `Bearer ${fresh.body.accessToken}`)).status).toBe(200);
  });

  it('ends a person’s sessions and tokens when an administrator resets their two-factor', async () => {
    const token = await login(t, other.chair.email, PASSWORD);
    const agent = request.agent(t.server);
    expect((await webSignIn(agent, other.chair.email, PASSWORD, secrets)).status).toBe(200);
    expect((await agent.get('/reviews')).status).toBe(200);
    const done = await submit(
      admin,
      `/administration/users/${other.chair.id}/reset-two-factor`,
      `/administration/users/${other.chair.id}/reset-two-factor`,
    );
    expect(done.status).toBe(200);
    expect((await agent.get('/reviews')).headers.location).toBe('/sign-in');
    expect((await t.http().get('/api/me').set(token.auth)).status).toBe(401);
  });

  it('limits forgotten-password emails per address and per source, answering the same page and sending nothing more', async () => {
    // Counters from the tests above are cleared: this test counts from zero.
    const redis = createRedis(t.config.REDIS_URL);
    const keys = await redis.keys(`${t.config.QUEUE_PREFIX}:password-reset:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();

    const ask = (email: string) => submit(request.agent(t.server), '/forgotten-password', '/forgotten-password', { email });
    const same = (html: string, email: string) =>
      html
        .replace(email, 'EMAIL')
        .replace(/nonce="[^"]+"/g, '')
        .replace(/name="_csrf" value="[^"]+"/g, '');
    const address = other.policeContact.email;
    const before = smtp.received.length;
    const first = await ask(address);
    await ask(address);
    const third = await ask(address); // over PASSWORD_RESET_MAX_PER_ACCOUNT (2)
    expect(third.status).toBe(200);
    expect(same(third.text, address)).toBe(same(first.text, address));
    await mailTo(address, before);
    await sleep(500);
    expect(smtp.received.slice(before).filter((m) => m.to.includes(address))).toHaveLength(2);

    // Three requests from this source so far; two more reach PASSWORD_RESET_MAX_PER_IP (5), and the next is over it.
    await ask('nobody.one@edt.test');
    await ask('nobody.two@edt.test');
    const known = other.cspChair.email;
    const over = await ask(known);
    expect(over.status).toBe(200);
    expect(same(over.text, known)).toBe(same(first.text, address));
    await sleep(500);
    expect(smtp.received.slice(before).some((m) => m.to.includes(known))).toBe(false);
    const requested = await db().query(`SELECT count(*)::int AS n FROM invitations WHERE kind = 'password_reset' AND email = $1`, [known]);
    expect(requested[0].n).toBe(0);
  });
});
