import { login, seedPartnership, Seed, Session } from './support/actors';
import { sql } from './support/notifications-db';
import { daysAgo, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';

const PASSWORD = 'a-long-enough-test-password';

/**
 * One person, several partnerships (issue 10): an independent chair or an agency contact holds a
 * role in each partnership they serve; a token acts in one membership, and the access rules of
 * that membership apply — the home one unless the token was asked for another.
 */
describe('memberships: one account, several partnerships', () => {
  let t: TestApp;
  let a: Seed;
  let b: Seed;
  let reviewA: string;
  let reviewB: string;

  beforeAll(async () => {
    t = await startTestApp();
    a = await seedPartnership(t, 'MSA');
    b = await seedPartnership(t, 'MSB', a.admin);
    reviewA = (await t.http().post('/api/reviews').set(a.coordinator.auth).send(reviewBody(a.partnership.id))).body.id;
    reviewB = (await t.http().post('/api/reviews').set(b.coordinator.auth).send(reviewBody(b.partnership.id))).body.id;
    for (const [s, id] of [
      [a, reviewA],
      [b, reviewB],
    ] as const)
      await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
  });
  afterAll(() => t?.close());

  const tokenIn = async (email: string, partnershipId?: string): Promise<Session> => {
    const res = await t.http().post('/api/auth/token').send({ email, password: PASSWORD, partnershipId });
    expect(res.status).toBe(200);
    return { id: '', token: res.body.accessToken, auth: { Authorization: `Bearer ${res.body.accessToken}` } };
  };
  const memberships = (session: Session, userId: string) => t.http().get(`/api/users/${userId}/memberships`).set(session.auth);
  const addMembership = (session: Session, userId: string, body: object) =>
    t.http().post(`/api/users/${userId}/memberships`).set(session.auth).send(body);

  it('an administrator makes A’s independent chair a member of B too; only a chair or agency contact role may be added', async () => {
    const refused = await addMembership(a.admin, a.chair.id, { partnershipId: b.partnership.id, role: 'coordinator' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('role');

    const added = await addMembership(a.admin, a.chair.id, { partnershipId: b.partnership.id, role: 'independent_chair' });
    expect(added.status).toBe(201);
    expect(added.body.items).toEqual([
      {
        partnershipId: a.partnership.id,
        partnershipName: 'MSA CSP',
        role: 'independent_chair',
        agencyId: null,
        agencyName: null,
        home: true,
      },
      {
        partnershipId: b.partnership.id,
        partnershipName: 'MSB CSP',
        role: 'independent_chair',
        agencyId: null,
        agencyName: null,
        home: false,
      },
    ]);
    const again = await addMembership(a.admin, a.chair.id, { partnershipId: b.partnership.id, role: 'independent_chair' });
    expect(again.status).toBe(400);
    expect(again.body.fields[0]).toMatchObject({ field: 'partnershipId' });

    const [audit] = await sql<{ chain: string }>(t.config, `SELECT chain FROM audit_entries WHERE action = 'user.membership_add'`);
    expect(audit.chain).toBe(b.partnership.id);
  });

  it('B’s coordinator appoints them to chair B’s review; their home token never sees it, a token for B does', async () => {
    await send(t, b.coordinator, reviewB, { type: 'APPOINT_CHAIR', userId: a.chair.id });
    await send(t, a.coordinator, reviewA, { type: 'APPOINT_CHAIR', userId: a.chair.id });

    const home = a.chair; // a token taken before the membership existed: home partnership
    expect((await t.http().get(`/api/reviews/${reviewB}`).set(home.auth)).status).toBe(404);
    expect((await t.http().get(`/api/reviews/${reviewA}`).set(home.auth)).status).toBe(200);

    const inB = await tokenIn(a.chair.email, b.partnership.id);
    const list = await t.http().get('/api/reviews').set(inB.auth);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([reviewB]);
    expect((await t.http().get(`/api/reviews/${reviewA}`).set(inB.auth)).status).toBe(404);
    const review = await t.http().get(`/api/reviews/${reviewB}`).set(inB.auth);
    expect(review.status).toBe(200);
    expect(review.body.allowedEvents).toContain('ADD_PANEL_AGENCY');

    const me = await t.http().get('/api/me').set(inB.auth);
    expect(me.body).toMatchObject({ role: 'independent_chair', partnershipId: b.partnership.id, partnershipName: 'MSB CSP' });
    expect(me.body.memberships.map((m: { partnershipName: string }) => m.partnershipName)).toEqual(['MSA CSP', 'MSB CSP']);
  });

  it('a token for a partnership the person is not a member of is refused, naming the field', async () => {
    const res = await t.http().post('/api/auth/token').send({ email: b.chair.email, password: PASSWORD, partnershipId: a.partnership.id });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'partnershipId', reason: 'you are not a member of this partnership' }]);
    const bad = await t.http().post('/api/auth/token').send({ email: b.chair.email, password: PASSWORD, partnershipId: 'nope' });
    expect(bad.status).toBe(400);
  });

  it('a coordinator adds an agency contact of another partnership to their own agencies, and nothing else', async () => {
    const asChair = await addMembership(b.coordinator, a.policeContact.id, { partnershipId: b.partnership.id, role: 'independent_chair' });
    expect(asChair.status).toBe(403);
    const elsewhere = await addMembership(a.coordinator, a.policeContact.id, {
      partnershipId: b.partnership.id,
      role: 'agency_contact',
      agencyId: b.police.id,
    });
    expect(elsewhere.status).toBe(403);
    const wrongAgency = await addMembership(b.coordinator, a.policeContact.id, {
      partnershipId: b.partnership.id,
      role: 'agency_contact',
      agencyId: a.police.id,
    });
    expect(wrongAgency.status).toBe(400);
    expect(wrongAgency.body.fields[0].field).toBe('agencyId');

    const added = await addMembership(b.coordinator, a.policeContact.id, {
      partnershipId: b.partnership.id,
      role: 'agency_contact',
      agencyId: b.police.id,
    });
    expect(added.status).toBe(201);
    // B's coordinator now lists them among B's people, as a contact of B's police.
    const users = await t.http().get('/api/users').set(b.coordinator.auth);
    expect(users.body.items).toContainEqual(
      expect.objectContaining({ id: a.policeContact.id, role: 'agency_contact', partnershipId: b.partnership.id, agencyId: b.police.id }),
    );
    // A's coordinator reads their memberships (a member of A); a stranger's are not found.
    expect((await memberships(a.coordinator, a.policeContact.id)).status).toBe(200);
    expect((await memberships(a.coordinator, b.healthContact.id)).status).toBe(404);
    expect((await memberships(a.cspChair, a.policeContact.id)).status).toBe(403);

    // Asked for B's scoping return, B's police now includes them: their token for B sees the review, agency view.
    await send(t, b.coordinator, reviewB, { type: 'REQUEST_SCOPING', agencyId: b.police.id });
    const inB = await tokenIn(a.policeContact.email, b.partnership.id);
    const review = await t.http().get(`/api/reviews/${reviewB}`).set(inB.auth);
    expect(review.status).toBe(200);
    expect('family' in review.body).toBe(false);
    expect((await t.http().get(`/api/reviews/${reviewB}`).set(a.policeContact.auth)).status).toBe(404);
  });

  it('ending a membership stops its tokens at once; the home membership cannot be ended', async () => {
    const inB = await tokenIn(a.chair.email, b.partnership.id);
    const home = await t.http().delete(`/api/users/${a.chair.id}/memberships/${a.partnership.id}`).set(a.admin.auth);
    expect(home.status).toBe(400);
    expect((await t.http().delete(`/api/users/${a.chair.id}/memberships/not-a-uuid`).set(a.admin.auth)).status).toBe(404);

    const removed = await t.http().delete(`/api/users/${a.chair.id}/memberships/${b.partnership.id}`).set(a.admin.auth);
    expect(removed.status).toBe(200);
    expect(removed.body.items).toHaveLength(1);
    expect((await t.http().get('/api/me').set(inB.auth)).status).toBe(401);
    expect((await t.http().get('/api/me').set(a.chair.auth)).status).toBe(200);
    const [audit] = await sql<{ n: number }>(
      t.config,
      `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'user.membership_remove'`,
    );
    expect(audit.n).toBe(1);
  });

  it('a changed home partnership moves the home membership with it (kept by the database)', async () => {
    const user = (await login(t, a.healthContact.email, PASSWORD)) && a.healthContact;
    await sql(t.config, `UPDATE users SET partnership_id = $1, agency_id = $2 WHERE id = $3`, [b.partnership.id, b.health.id, user.id]);
    const rows = await sql<{ partnership_id: string; agency_id: string }>(
      t.config,
      `SELECT partnership_id, agency_id FROM user_memberships WHERE user_id = $1`,
      [user.id],
    );
    expect(rows).toEqual([{ partnership_id: b.partnership.id, agency_id: b.health.id }]);
  });
});
