import { seedPartnership, Seed } from './support/actors';
import { daysAgo, daysAhead, dateDaysAgo, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';

describe('bad input, identity and visibility', () => {
  let t: TestApp;
  let s: Seed;
  let other: Seed;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedPartnership(t, 'INPT');
    other = await seedPartnership(t, 'OTHR');
  });
  afterAll(() => t.close());

  const fieldsOf = (body: { fields?: { field: string }[] }) => (body.fields ?? []).map((f) => f.field);

  it('issues tokens only for the right password, and 401s without one', async () => {
    expect((await t.http().post('/api/auth/token').send({ email: s.coordinator.email, password: 'wrong-password-here' })).status).toBe(401);
    expect((await t.http().post('/api/auth/token').send({ email: 'nobody@dhr.test', password: 'wrong-password-here' })).status).toBe(401);
    expect((await t.http().get('/api/reviews')).status).toBe(401);
    expect((await t.http().get('/api/reviews').set({ Authorization: 'Bearer not.a.token' })).status).toBe(401);
  });

  it('refuses bad review bodies with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ notifiedAt: daysAhead(2) }, 'notifiedAt'],
      [{ notifiedAt: daysAgo(70) }, 'notifiedAt'], // before the death
      [{ deathDate: '2026-02-30' }, 'deathDate'],
      [{ victimPseudonym: '' }, 'victimPseudonym'],
      [{ victimPseudonym: 42 }, 'victimPseudonym'],
      [{ partnershipId: 'not-a-uuid' }, 'partnershipId'],
      [{ unexpected: 'x' }, 'unexpected'],
      [{ partnershipId: other.partnership.id }, 'partnershipId'],
    ];
    for (const [override, field] of cases) {
      const res = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id, override));
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(fieldsOf(res.body)).toContain(field);
    }
    const listed = await t.http().get('/api/reviews').set(s.coordinator.auth);
    expect(listed.body.total).toBe(0); // nothing half-written
  });

  it('refuses bad events with 400 naming the field, and malformed JSON cleanly', async () => {
    const id = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id;
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'NO_SUCH_EVENT' }, 'type'],
      [{}, 'type'],
      [{ type: 'DECIDE_TO_COMMISSION' }, 'rationale'],
      [{ type: 'DECIDE_TO_COMMISSION', rationale: 'x', decidedAt: daysAhead(1) }, 'decidedAt'],
      [{ type: 'DECIDE_TO_COMMISSION', rationale: 'x', decidedAt: `${dateDaysAgo(80)}T10:00:00Z` }, 'decidedAt'],
      [{ type: 'DECIDE_TO_COMMISSION', rationale: 'x', occurredAt: 'yesterday' }, 'occurredAt'],
      [{ type: 'DECIDE_TO_COMMISSION', rationale: 'x', extra: true }, 'extra'],
      [{ type: 'DECIDE_TO_COMMISSION', rationale: 'x'.repeat(5000) }, 'rationale'],
      [{ type: 'DECIDE_TO_COMMISSION', rationale: 'x', expectedVersion: 'one' }, 'expectedVersion'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http().post(`/api/reviews/${id}/events`).set(s.coordinator.auth).send(body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(fieldsOf(res.body)).toContain(field);
    }
    const malformed = await t
      .http()
      .post(`/api/reviews/${id}/events`)
      .set(s.coordinator.auth)
      .set('Content-Type', 'application/json')
      .send('{"type": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body).not.toHaveProperty('stack');
    const bad = await t.http().get('/api/reviews/not-a-uuid').set(s.coordinator.auth);
    expect(bad.status).toBe(400);
    const history = await t.http().get(`/api/reviews/${id}/history`).set(s.coordinator.auth);
    expect(history.body).toHaveLength(1);
  });

  it("hides another partnership's review behind 404 everywhere", async () => {
    const id = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id;
    for (const path of [`/api/reviews/${id}`, `/api/reviews/${id}/history`, `/api/reviews/${id}/deadlines`]) {
      expect((await t.http().get(path).set(other.coordinator.auth)).status).toBe(404);
    }
    const event = await t
      .http()
      .post(`/api/reviews/${id}/events`)
      .set(other.coordinator.auth)
      .send({ type: 'DECIDE_TO_COMMISSION', rationale: 'x' });
    expect(event.status).toBe(404);
    const list = await t.http().get('/api/reviews').set(other.coordinator.auth);
    expect(list.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await t.http().get(`/api/reviews/${id}`).set(s.admin.auth)).status).toBe(403); // admins manage users, not reviews
  });

  it('lists with stage filter and paging', async () => {
    const a = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id;
    await send(t, s.cspChair, a, { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met' });
    const setup = await t.http().get('/api/reviews?stage=setup').set(s.cspChair.auth);
    expect(setup.status).toBe(200);
    expect(setup.body.items.every((r: { stage: string }) => r.stage === 'setup')).toBe(true);
    expect(setup.body.items.map((r: { id: string }) => r.id)).toContain(a);
    const page = await t.http().get('/api/reviews?limit=1&page=1').set(s.coordinator.auth);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.total).toBeGreaterThan(1);
    expect((await t.http().get('/api/reviews?stage=nowhere').set(s.coordinator.auth)).status).toBe(400);
    expect((await t.http().get('/api/reviews?limit=100000').set(s.coordinator.auth)).status).toBe(400);
  });

  it('guards identity endpoints by role', async () => {
    expect((await t.http().post('/api/partnerships').set(s.coordinator.auth).send({ name: 'X CSP', code: 'XX' })).status).toBe(403);
    expect((await t.http().post('/api/users').set(s.coordinator.auth).send({})).status).toBe(403);
    const agency = await t
      .http()
      .post('/api/agencies')
      .set(s.coordinator.auth)
      .send({ partnershipId: s.partnership.id, name: 'Housing Trust', kind: 'housing' });
    expect(agency.status).toBe(201);
    const foreign = await t
      .http()
      .post('/api/agencies')
      .set(s.coordinator.auth)
      .send({ partnershipId: other.partnership.id, name: 'Sneaky', kind: 'other' });
    expect(foreign.status).toBe(400);
    const contactWithoutAgency = await t
      .http()
      .post('/api/users')
      .set(s.admin.auth)
      .send({ email: 'x@dhr.test', name: 'X', password: 'long-enough-password', role: 'agency_contact', partnershipId: s.partnership.id });
    expect(contactWithoutAgency.status).toBe(400);
    expect(fieldsOf(contactWithoutAgency.body)).toContain('agencyId');
    const duplicate = await t.http().post('/api/users').set(s.admin.auth).send({
      email: s.coordinator.email.toUpperCase(),
      name: 'Dup',
      password: 'long-enough-password',
      role: 'coordinator',
      partnershipId: s.partnership.id,
    });
    expect(duplicate.status).toBe(400);
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/reviews', '/api/reviews/{id}/events', '/api/auth/token']));
  });
});
