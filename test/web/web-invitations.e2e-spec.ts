import request from 'supertest';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { seedPartnership, Seed } from '../support/actors';
import { ReceivedEmail, SmtpSink } from '../support/smtp-sink';
import { ADMIN } from '../support/test-app';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { Agent, csrfOf, freshCode, secretOf, submit, webSignIn } from '../support/web-forms';

const PASSWORD = 'a-long-enough-test-password';
const NEW_PASSWORD = 'heron mosaic quill fifty-eight';

/** The text/plain part of an email, decoded (quoted-printable or base64). */
function textOf(mail: ReceivedEmail): string {
  const part = mail.raw.split(/\r?\n--/).find((p) => /^Content-Type: text\/plain/im.test(p)) ?? mail.raw;
  const [head, ...rest] = part.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const encoding = /Content-Transfer-Encoding: *(\S+)/i.exec(head)?.[1].toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/**
 * Invitations and forgotten passwords, through real SMTP: the email's link, a password, two-factor
 * set-up, signed in; links used once and expiring; coordinators inviting only their agency contacts.
 */
describe('web: invitations and forgotten passwords', () => {
  let t: WebTestApp;
  let s: Seed;
  let smtp: SmtpSink;
  let admin: Agent;
  const secrets = new Map<string, string>();

  async function mailTo(address: string, after: number): Promise<ReceivedEmail> {
    for (let i = 0; i < 100; i++) {
      const mail = smtp.received.slice(after).find((m) => m.to.includes(address));
      if (mail) return mail;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no email to ${address}`);
  }

  const db = () => t.app.get<DataSource>(getDataSourceToken());

  async function invite(agent: Agent, fields: Record<string, string>) {
    return submit(agent, '/administration/users/invite', '/administration/users/invite', fields);
  }

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startWebTestApp({ env: { SMTP_URL: smtp.url, LOGIN_MAX_ATTEMPTS_PER_IP: '1000', PUBLIC_URL: 'http://dhr.example.gov.uk' } });
    s = await seedPartnership(t, 'INV');
    admin = request.agent(t.server);
    expect((await webSignIn(admin, ADMIN.email, ADMIN.password, secrets)).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('invites a coordinator by email: the link sets a password, enrols two-factor and signs them in; the link then works no more', async () => {
    const form = await admin.get('/administration/users/invite');
    expect(form.status).toBe(200);
    expect(form.text).toContain('INV CSP');
    const before = smtp.received.length;
    const sent = await invite(admin, {
      name: 'Casey Coordinator',
      email: 'casey@inv.test',
      role: 'coordinator',
      partnershipId: s.partnership.id,
    });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('Invitation sent');

    const mail = await mailTo('casey@inv.test', before);
    expect(mail.subject).not.toMatch(/Casey|casey|INV/);
    const body = textOf(mail);
    const token = /http:\/\/dhr\.example\.gov\.uk\/invitations\/([A-Za-z0-9_-]{43})/.exec(body)?.[1];
    expect(token).toBeDefined();
    // Only the hash is kept.
    const stored = await db().query(`SELECT token_hash, invited_by FROM invitations WHERE email = 'casey@inv.test'`);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token!);
    const audit = await db().query(`SELECT changes::text AS c FROM audit_entries WHERE action LIKE 'invitation.%'`);
    expect(JSON.stringify(audit)).not.toContain(token!);

    const casey = request.agent(t.server);
    const page = await casey.get(`/invitations/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Create a password');
    expect(page.text).toContain('casey@inv.test');
    const weak = await casey
      .post(`/invitations/${token}`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), password: 'password', confirmPassword: 'password' });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('There is a problem');
    const mismatch = await casey
      .post(`/invitations/${token}`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), password: NEW_PASSWORD, confirmPassword: 'something else entirely' });
    expect(mismatch.text).toContain('The passwords do not match');
    const accepted = await casey
      .post(`/invitations/${token}`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.location).toBe('/sign-in/set-up-two-factor');
    const setUp = await casey.get('/sign-in/set-up-two-factor');
    const secret = secretOf(setUp.text);
    const done = await casey
      .post('/sign-in/set-up-two-factor')
      .type('form')
      .send({ _csrf: csrfOf(setUp.text), code: await freshCode(secret) });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Save your recovery codes');
    expect((await casey.get('/reviews')).status).toBe(200);

    const again = await request.agent(t.server).get(`/invitations/${token}`);
    expect(again.status).toBe(404);
    expect(again.text).toContain('This link has expired or has already been used');
    const users = await t.http().get('/api/users').set(s.admin.auth);
    const created = users.body.items.find((u: { email: string }) => u.email === 'casey@inv.test');
    expect(created).toMatchObject({ role: 'coordinator', partnershipId: s.partnership.id, active: true });
  });

  it('shows the same clear page for an unknown token, and refuses a second invitation for an existing account', async () => {
    const unknown = await request.agent(t.server).get(`/invitations/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('This link has expired or has already been used');
    expect((await request.agent(t.server).get('/invitations/short')).status).toBe(404);
    const existing = await invite(admin, {
      name: 'Someone',
      email: s.chair.email,
      role: 'independent_chair',
      partnershipId: s.partnership.id,
    });
    expect(existing.status).toBe(400);
    expect(existing.text).toContain('A user with this email address already exists');
  });

  it('refuses an expired invitation', async () => {
    const before = smtp.received.length;
    await invite(admin, { name: 'Late Person', email: 'late@inv.test', role: 'agency_contact', agencyId: s.police.id });
    const token = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(textOf(await mailTo('late@inv.test', before)))![1];
    await db().query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE email = 'late@inv.test'`);
    const page = await request.agent(t.server).get(`/invitations/${token}`);
    expect(page.status).toBe(404);
    expect(page.text).toContain('This link has expired or has already been used');
  });

  it('lets a coordinator invite agency contacts of their own partnership only (403 otherwise)', async () => {
    const coordinator = request.agent(t.server);
    expect((await webSignIn(coordinator, s.coordinator.email, PASSWORD, secrets)).status).toBe(200);
    const form = await coordinator.get('/administration/users/invite');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Invite an agency contact');
    expect(form.text).not.toContain('name="role"');
    const before = smtp.received.length;
    const ok = await invite(coordinator, { name: 'Pat Police', email: 'pat@inv.test', agencyId: s.police.id });
    expect(ok.status).toBe(200);
    await mailTo('pat@inv.test', before);
    const row = await db().query(`SELECT role, partnership_id, agency_id, invited_by FROM invitations WHERE email = 'pat@inv.test'`);
    expect(row[0]).toMatchObject({
      role: 'agency_contact',
      partnership_id: s.partnership.id,
      agency_id: s.police.id,
      invited_by: s.coordinator.id,
    });

    const other = await seedPartnership(t, 'OTI', s.admin);
    const foreign = await invite(coordinator, { name: 'Not Mine', email: 'notmine@inv.test', agencyId: other.police.id });
    expect(foreign.status).toBe(403);
    // A role other than agency contact is not theirs to give, whatever the form says.
    const chairRole = await invite(coordinator, {
      name: 'Chair',
      email: 'chair2@inv.test',
      role: 'coordinator',
      partnershipId: s.partnership.id,
      agencyId: s.health.id,
    });
    expect(chairRole.status).toBe(200);
    const chairRow = await db().query(`SELECT role FROM invitations WHERE email = 'chair2@inv.test'`);
    expect(chairRow[0].role).toBe('agency_contact');
    const chair = request.agent(t.server);
    expect((await webSignIn(chair, s.chair.email, PASSWORD, secrets)).status).toBe(200);
    expect((await chair.get('/administration/users/invite')).status).toBe(403);
  });

  it('forgotten password: the same answer for any email, a link by email, a new password, the link used once', async () => {
    const before = smtp.received.length;
    const unknown = await submit(request.agent(t.server), '/forgotten-password', '/forgotten-password', { email: 'nobody@inv.test' });
    expect(unknown.status).toBe(200);
    expect(unknown.text).toContain('Check your email');
    const known = await submit(request.agent(t.server), '/forgotten-password', '/forgotten-password', { email: s.healthContact.email });
    expect(known.status).toBe(200);
    const same = (html: string) => html.replace(/nonce="[^"]+"/g, '').replace(/name="_csrf" value="[^"]+"/g, '');
    expect(same(known.text.replace(s.healthContact.email, 'nobody@inv.test'))).toBe(same(unknown.text));
    const mail = await mailTo(s.healthContact.email, before);
    expect(smtp.received.slice(before).some((m) => m.to.includes('nobody@inv.test'))).toBe(false);
    expect(mail.subject).toContain('Reset your password');
    const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(textOf(mail))![1];

    const agent = request.agent(t.server);
    const page = await agent.get(`/reset-password/${token}`);
    expect(page.text).toContain('Choose a new password');
    const changed = await agent
      .post(`/reset-password/${token}`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(changed.status).toBe(200);
    expect(changed.text).toContain('Your password has been changed');
    expect((await request.agent(t.server).get(`/reset-password/${token}`)).status).toBe(404);

    const old = await submit(request.agent(t.server), '/sign-in', '/sign-in', { email: s.healthContact.email, password: PASSWORD });
    expect(old.status).toBe(400);
    const fresh = await submit(request.agent(t.server), '/sign-in', '/sign-in', { email: s.healthContact.email, password: NEW_PASSWORD });
    expect(fresh.status).toBe(303);
    const audit = await db().query(`SELECT action FROM audit_entries WHERE entity_id = $1`, [s.healthContact.id]);
    expect(audit.map((r: { action: string }) => r.action)).toContain('user.password_reset');
  });
});
