import type { TestApp } from './test-app';
import { ADMIN } from './test-app';

export interface Session {
  id: string;
  token: string;
  auth: { Authorization: string };
}

export async function login(t: TestApp, email: string, password: string): Promise<Session> {
  const res = await t.http().post('/api/auth/token').send({ email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: '', token: res.body.accessToken, auth: { Authorization: `Bearer ${res.body.accessToken}` } };
}

const PASSWORD = 'a-long-enough-test-password';

/**
 * A partnership with two agencies and one user of every role. Once the administrator has set up
 * two-factor, the token endpoint wants their security code: pass a session taken before.
 */
export async function seedPartnership(t: TestApp, code: string, adminSession?: Session) {
  const admin = adminSession ?? (await login(t, ADMIN.email, ADMIN.password));
  const post = async (path: string, body: object, session: Session = admin) => {
    const res = await t.http().post(path).set(session.auth).send(body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const partnership = await post('/api/partnerships', { name: `${code} CSP`, code });
  const police = await post('/api/agencies', { partnershipId: partnership.id, name: `${code} Police`, kind: 'police' });
  const health = await post('/api/agencies', { partnershipId: partnership.id, name: `${code} NHS Trust`, kind: 'health' });
  const user = async (role: string, agencyId?: string, label = role) => {
    const email = `${label}.${code.toLowerCase()}@dhr.test`;
    const created = await post('/api/users', {
      email,
      name: `${role} ${code}`,
      password: PASSWORD,
      role,
      partnershipId: partnership.id,
      agencyId,
    });
    return { ...(await login(t, email, PASSWORD)), id: created.id as string, email };
  };
  return {
    admin,
    partnership,
    police,
    health,
    coordinator: await user('coordinator'),
    cspChair: await user('csp_chair'),
    chair: await user('independent_chair'),
    policeContact: await user('agency_contact', police.id, 'police-contact'),
    healthContact: await user('agency_contact', health.id, 'health-contact'),
  };
}

export type Seed = Awaited<ReturnType<typeof seedPartnership>>;
