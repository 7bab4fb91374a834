import request from 'supertest';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { seedPartnership, Seed } from '../support/actors';
import { ADMIN } from '../support/test-app';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { freshCode, submit, webSignIn } from '../support/web-forms';

const PASSWORD = 'a-long-enough-test-password';

/**
 * Accounts an organisation can run: deactivation (sessions and tokens end at their next request),
 * administrators resetting two-factor, the token endpoint asking for the security code.
 */
describe('web: deactivation, two-factor reset, the token endpoint and two-factor', () => {
  let t: WebTestApp;
  let s: Seed;
  let admin: ReturnType<typeof request.agent>;
  const secrets = new Map<string, string>();

  const auditActions = async (entityId: string) =>
    (
      await t.app
        .get<DataSource>(getDataSourceToken())
        .query(`SELECT action FROM audit_entries WHERE entity_id = $1 ORDER BY id`, [entityId])
    ).map((r: { action: string }) => r.action);

  beforeAll(async () => {
    t = await startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } });
    s = await seedPartnership(t, 'ACC');
    admin = request.agent(t.server);
    const done = await webSignIn(admin, ADMIN.email, ADMIN.password, secrets);
    expect(done.status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists users with role, partnership, agency by name, status and two-factor', async () => {
    const page = await admin.get('/administration/users');
    expect(page.status).toBe(200);
    expect(page.text).toContain('agency_contact ACC');
    expect(page.text).toContain('ACC Police');
    expect(page.text).toContain('ACC CSP');
    expect(page.text).toContain('Active');
    expect(page.text).toContain('Agency contact');
  });

  it('ends a deactivated user’s web session and bearer token at their next request, and refuses their sign-in', async () => {
    const contact = request.agent(t.server);
    const signedIn = await webSignIn(contact, s.healthContact.email, PASSWORD, secrets);
    expect(signedIn.status).toBe(200);
    expect((await contact.get('/requests')).status).toBe(200);
    expect((await t.http().get('/api/me').set(s.healthContact.auth)).status).toBe(200);

    const confirm = await admin.get(`/administration/users/${s.healthContact.id}/deactivate`);
    expect(confirm.text).toContain('Deactivate account');
    const done = await submit(
      admin,
      `/administration/users/${s.healthContact.id}/deactivate`,
      `/administration/users/${s.healthContact.id}/deactivate`,
    );
    expect(done.status).toBe(200);
    expect(done.text).toContain('account is deactivated');

    const next = await contact.get('/requests');
    expect(next.status).toBe(303);
    expect(next.headers.location).toMatch(/^\/sign-in/);
    expect((await t.http().get('/api/me').set(s.healthContact.auth)).status).toBe(401);

    const again = await submit(request.agent(t.server), '/sign-in', '/sign-in', { email: s.healthContact.email, password: PASSWORD });
    expect(again.status).toBe(400);
    expect(again.text).toContain('Enter a correct email address and password');
    const token = await t.http().post('/api/auth/token').send({ email: s.healthContact.email, password: PASSWORD });
    expect(token.status).toBe(401);
    expect(token.body.error).toBe('invalid_credentials');

    const list = await t.http().get('/api/users').set(s.admin.auth);
    const row = list.body.items.find((u: { id: string }) => u.id === s.healthContact.id);
    expect(row.active).toBe(false);
    expect(list.body.items.find((u: { id: string }) => u.id === s.coordinator.id).active).toBe(true);
    expect((await auditActions(s.healthContact.id)).includes('user.deactivate')).toBe(true);
  });

  it('lets a coordinator manage only the agency contacts of their partnership', async () => {
    const coordinator = request.agent(t.server);
    expect((await webSignIn(coordinator, s.coordinator.email, PASSWORD, secrets)).status).toBe(200);
    const page = await coordinator.get('/administration/users');
    expect(page.status).toBe(200);
    expect(page.text).toContain(s.policeContact.email);
    expect(page.text).not.toContain(s.chair.email);
    expect((await coordinator.get(`/administration/users/${s.chair.id}/deactivate`)).status).toBe(404);
    expect((await coordinator.get('/administration')).status).toBe(403);
  });

  it('asks for the security code at POST /api/auth/token once two-factor is set up, and counts a wrong one', async () => {
    const email = s.policeContact.email;
    // Not set up yet: the password alone still works (API_REQUIRE_TWO_FACTOR is off).
    expect((await t.http().post('/api/auth/token').send({ email, password: PASSWORD })).status).toBe(200);
    expect((await webSignIn(request.agent(t.server), email, PASSWORD, secrets)).status).toBe(200);
    const without = await t.http().post('/api/auth/token').send({ email, password: PASSWORD });
    expect(without.status).toBe(401);
    expect(without.body.error).toBe('invalid_credentials');
    expect((await t.http().post('/api/auth/token').send({ email, password: PASSWORD, code: '000000' })).status).toBe(401);
    const ok = await t
      .http()
      .post('/api/auth/token')
      .send({ email, password: PASSWORD, code: await freshCode(secrets.get(email)!) });
    expect(ok.status).toBe(200);
    expect(ok.body.accessToken).toEqual(expect.any(String));
  });

  it('lets an administrator reset a user’s two-factor: they set it up again at their next sign-in', async () => {
    const email = s.policeContact.email;
    const confirm = await admin.get(`/administration/users/${s.policeContact.id}/reset-two-factor`);
    expect(confirm.status).toBe(200);
    const done = await submit(
      admin,
      `/administration/users/${s.policeContact.id}/reset-two-factor`,
      `/administration/users/${s.policeContact.id}/reset-two-factor`,
    );
    expect(done.status).toBe(200);
    const first = await submit(request.agent(t.server), '/sign-in', '/sign-in', { email, password: PASSWORD });
    expect(first.headers.location).toBe('/sign-in/set-up-two-factor');
    // And the token endpoint takes the password alone again until then.
    expect((await t.http().post('/api/auth/token').send({ email, password: PASSWORD })).status).toBe(200);
    expect((await auditActions(s.policeContact.id)).includes('user.two_factor_reset')).toBe(true);
  });

  it('adds partnerships and agencies through forms, with the error summary for a bad answer', async () => {
    const bad = await submit(admin, '/administration/partnerships/new', '/administration/partnerships/new', {
      name: 'Bad',
      code: 'no way!',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('There is a problem');
    expect(bad.text).toContain('href="#code"');
    const ok = await submit(admin, '/administration/partnerships/new', '/administration/partnerships/new', {
      name: 'Newtown CSP',
      code: 'NEWT',
    });
    expect(ok.status).toBe(303);
    const list = await admin.get('/administration/partnerships');
    expect(list.text).toContain('Newtown CSP');
    const taken = await submit(admin, '/administration/partnerships/new', '/administration/partnerships/new', {
      name: 'Again',
      code: 'NEWT',
    });
    expect(taken.status).toBe(400);
    const partnershipId = (await t.http().get('/api/partnerships').set(s.admin.auth)).body.items.find(
      (p: { code: string }) => p.code === 'NEWT',
    ).id;
    const agency = await submit(admin, '/administration/agencies/new', '/administration/agencies/new', {
      name: 'Newtown Police',
      kind: 'police',
      partnershipId,
    });
    expect(agency.status).toBe(303);
    expect((await admin.get('/administration/agencies')).text).toMatch(/Newtown Police[\s\S]*Police[\s\S]*Newtown CSP/);

    const coordinator = request.agent(t.server);
    expect((await webSignIn(coordinator, s.coordinator.email, PASSWORD, secrets)).status).toBe(303);
    expect((await coordinator.get('/administration/partnerships')).status).toBe(403);
    // A coordinator's agency goes to their own partnership, whatever the form says.
    const own = await submit(coordinator, '/administration/agencies/new', '/administration/agencies/new', {
      name: 'ACC Housing',
      kind: 'housing',
      partnershipId,
    });
    expect(own.status).toBe(303);
    const agencies = await coordinator.get('/administration/agencies');
    expect(agencies.text).toContain('ACC Housing');
    expect(agencies.text).not.toContain('Newtown Police');
    const created = (await t.http().get(`/api/agencies?partnershipId=${s.partnership.id}`).set(s.admin.auth)).body.items;
    expect(created.map((a: { name: string }) => a.name)).toContain('ACC Housing');
  });

  it('refuses the forms without a CSRF token', async () => {
    const none = await admin.post(`/administration/users/${s.chair.id}/deactivate`).type('form').send({});
    expect(none.status).toBe(403);
  });
});

describe('POST /api/auth/token with API_REQUIRE_TWO_FACTOR', () => {
  let t: WebTestApp;
  beforeAll(async () => {
    t = await startWebTestApp({ env: { API_REQUIRE_TWO_FACTOR: 'true' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a user who has not set up two-factor, and admits one who has, with the code', async () => {
    const refused = await t.http().post('/api/auth/token').send(ADMIN);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_credentials');
    const secrets = new Map<string, string>();
    expect((await webSignIn(request.agent(t.server), ADMIN.email, ADMIN.password, secrets)).status).toBe(200);
    const ok = await t
      .http()
      .post('/api/auth/token')
      .send({ ...ADMIN, code: await freshCode(secrets.get(ADMIN.email)!) });
    expect(ok.status).toBe(200);
  });
});
