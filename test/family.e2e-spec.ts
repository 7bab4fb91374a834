import { seedPartnership, Seed } from './support/actors';
import { sql } from './support/notifications-db';
import { daysAgo, daysAhead, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';

describe('family involvement: members, advocates and the contact log', () => {
  let t: TestApp;
  let s: Seed;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedPartnership(t, 'FAM');
  });
  afterAll(() => t.close());

  async function chairedReview(): Promise<string> {
    const created = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
    const id = created.body.id as string;
    await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met' });
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    return id;
  }

  const sister = {
    pseudonym: 'Sister of Adult A',
    relationship: 'sister',
    contactPreference: 'via_advocate',
    advocateOrganisation: 'AAFDA',
    advocateRole: 'Family advocate',
  };

  it('keeps members and an append-only contact log, for the coordinator, CSP chair and chair only', async () => {
    const id = await chairedReview();
    const members = `/api/reviews/${id}/family-members`;

    let res = await t.http().post(members).set(s.chair.auth).send(sister);
    expect(res.status).toBe(201);
    const member = res.body;
    expect(member).toMatchObject({ ...sister, reviewId: id, involvement: 'not_yet_contacted', contacts: 0, lastContactAt: null });
    res = await t
      .http()
      .post(members)
      .set(s.coordinator.auth)
      .send({ pseudonym: 'Son of Adult A', relationship: 'son', contactPreference: 'letter', involvement: 'declined' });
    expect(res.status).toBe(201);
    const son = res.body;

    res = await t.http().patch(`${members}/${member.id}`).set(s.coordinator.auth).send({ involvement: 'involved', advocateRole: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ involvement: 'involved', advocateRole: null, advocateOrganisation: 'AAFDA' });
    res = await t.http().patch(`${members}/${member.id}`).set(s.coordinator.auth).send({ pseudonym: null });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain('pseudonym');

    const contacts = `${members}/${member.id}/contacts`;
    const first = { occurredAt: daysAgo(3), method: 'phone', direction: 'outbound', summary: 'Introduced the review via AAFDA' };
    const second = { occurredAt: daysAgo(1), method: 'meeting', direction: 'inbound', summary: 'Met with the chair' };
    res = await t.http().post(contacts).set(s.chair.auth).send(second);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...second, familyMemberId: member.id, recordedBy: s.chair.id });
    res = await t.http().post(contacts).set(s.coordinator.auth).send(first);
    expect(res.status).toBe(201);

    res = await t
      .http()
      .post(contacts)
      .set(s.coordinator.auth)
      .send({ ...first, occurredAt: daysAhead(1) });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'occurredAt', reason: 'must not be in the future' }]);
    res = await t
      .http()
      .post(contacts)
      .set(s.coordinator.auth)
      .send({ ...first, method: 'carrier_pigeon' });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['method']);
    res = await t
      .http()
      .post(members)
      .set(s.coordinator.auth)
      .send({ ...sister, contactPreference: 'telepathy' });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual(['contactPreference']);
    res = await t
      .http()
      .post(contacts)
      .set(s.coordinator.auth)
      .send({ ...first, summary: 'x'.repeat(4001) });
    expect(res.status).toBe(400);

    res = await t.http().get(contacts).set(s.cspChair.auth);
    expect(res.status).toBe(200);
    expect(res.body.map((c: { summary: string }) => c.summary)).toEqual([first.summary, second.summary]); // by when they happened
    res = await t.http().get(members).set(s.cspChair.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({ id: member.id, contacts: 2, lastContactAt: new Date(second.occurredAt).toISOString() }),
      expect.objectContaining({ id: son.id, contacts: 0, lastContactAt: null }),
    ]);

    // No route changes or removes a contact, and the table refuses it too.
    expect((await t.http().delete(`${contacts}`).set(s.coordinator.auth)).status).toBe(404);
    await expect(sql(t.config, 'DELETE FROM family_contacts WHERE family_member_id = $1', [member.id])).rejects.toThrow(/append-only/);

    // Not for agency contacts (even on the panel), administrators or a CSP chair writing.
    expect((await t.http().get(members).set(s.policeContact.auth)).status).toBe(403);
    expect((await t.http().get(contacts).set(s.policeContact.auth)).status).toBe(403);
    expect((await t.http().post(members).set(s.policeContact.auth).send(sister)).status).toBe(403);
    expect((await t.http().get(members).set(s.admin.auth)).status).toBe(403);
    expect((await t.http().post(members).set(s.cspChair.auth).send(sister)).status).toBe(403);

    // Everything audited, the free text only as a fingerprint.
    const audit = await sql<{ action: string; entity: string; changes: Record<string, { after: unknown }> | null }>(
      t.config,
      `SELECT action, entity, changes FROM audit_entries WHERE review_id = $1 AND action LIKE 'family%' ORDER BY id`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'family_member.create',
      'family_member.create',
      'family_member.update',
      'family_contact.create',
      'family_contact.create',
      'family_contact.list',
      'family_member.list',
    ]);
    expect(audit[0].changes?.pseudonym.after).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(audit[3].changes?.summary.after).toMatch(/^sha256:/);
    expect(JSON.stringify(audit)).not.toContain('Sister of Adult A');
    expect(JSON.stringify(audit)).not.toContain('Met with the chair');
  });

  it('answers 404 for a hidden review or another review’s member, and refuses writes once closed', async () => {
    const id = await chairedReview();
    const other = await chairedReview();
    const theirs = (await t.http().post(`/api/reviews/${other}/family-members`).set(s.coordinator.auth).send(sister)).body;
    expect(theirs.id).toEqual(expect.any(String));

    let res = await t.http().get(`/api/reviews/${id}/family-members/${theirs.id}/contacts`).set(s.coordinator.auth);
    expect(res).toMatchObject({ status: 404, body: { error: 'not_found' } });
    res = await t.http().patch(`/api/reviews/${id}/family-members/${theirs.id}`).set(s.coordinator.auth).send({ involvement: 'involved' });
    expect(res.status).toBe(404);
    res = await t
      .http()
      .post(`/api/reviews/${id}/family-members/${theirs.id}/contacts`)
      .set(s.chair.auth)
      .send({ occurredAt: daysAgo(1), method: 'email', direction: 'outbound', summary: 'x' });
    expect(res.status).toBe(404);
    res = await t.http().get(`/api/reviews/${id}/family-members/not-a-uuid/contacts`).set(s.coordinator.auth);
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([expect.objectContaining({ field: 'memberId' })]);

    const elsewhere = await seedPartnership(t, 'FAMB');
    expect((await t.http().get(`/api/reviews/${id}/family-members`).set(elsewhere.coordinator.auth)).status).toBe(404);
    expect((await t.http().post(`/api/reviews/${id}/family-members`).set(elsewhere.chair.auth).send(sister)).status).toBe(404);

    // A review that never went ahead, closed: its family record can be read but not written.
    const created = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
    const closed = created.body.id as string;
    const kept = (await t.http().post(`/api/reviews/${closed}/family-members`).set(s.coordinator.auth).send(sister)).body;
    await send(t, s.cspChair, closed, { type: 'DECIDE_NOT_TO_COMMISSION', rationale: 'not a qualifying death' });
    await send(t, s.coordinator, closed, { type: 'HOME_OFFICE_INFORMED' });
    await send(t, s.coordinator, closed, { type: 'HOME_OFFICE_RESPONSE', outcome: 'accepted' });
    await send(t, s.coordinator, closed, { type: 'CLOSE' });
    res = await t.http().post(`/api/reviews/${closed}/family-members`).set(s.coordinator.auth).send(sister);
    expect(res).toMatchObject({ status: 409, body: { error: 'invalid_stage', stage: 'closed' } });
    res = await t
      .http()
      .patch(`/api/reviews/${closed}/family-members/${kept.id}`)
      .set(s.coordinator.auth)
      .send({ involvement: 'declined' });
    expect(res.status).toBe(409);
    res = await t
      .http()
      .post(`/api/reviews/${closed}/family-members/${kept.id}/contacts`)
      .set(s.coordinator.auth)
      .send({ occurredAt: daysAgo(1), method: 'letter', direction: 'outbound', summary: 'x' });
    expect(res.status).toBe(409);
    expect((await t.http().get(`/api/reviews/${closed}/family-members`).set(s.coordinator.auth)).status).toBe(200);
  });
});
