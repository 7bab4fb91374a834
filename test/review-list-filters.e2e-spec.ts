import { seedPartnership, Seed } from './support/actors';
import { daysAgo, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';

/**
 * GET /api/reviews's optional filters (new parameters only: the old ones answer as before):
 * several stages, on hold, chair, agency, search by reference or pseudonym, and the sorts by
 * reference and by date notified — always within what the caller may see.
 */
describe('the review list: filters, search and sorts', () => {
  let t: TestApp;
  let s: Seed;
  let other: Seed;
  const ids: Record<string, string> = {};
  const refs: Record<string, string> = {};

  const list = async (query: string, who = s.coordinator) => {
    const res = await t.http().get(`/api/reviews?${query}`).set(who.auth);
    expect(res.status).toBe(200);
    return (res.body.items as { id: string }[]).map((r) => r.id);
  };

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedPartnership(t, 'FLT');
    other = await seedPartnership(t, 'FLX');
    const create = async (name: string, who: Seed, overrides: Record<string, unknown>) => {
      const res = await t.http().post('/api/reviews').set(who.coordinator.auth).send(reviewBody(who.partnership.id, overrides));
      expect(res.status).toBe(201);
      ids[name] = res.body.id;
      refs[name] = res.body.reference;
    };
    await create('waiting', s, { notifiedAt: daysAgo(20), victimPseudonym: 'Adult Willow', perpetratorPseudonym: 'Adult Oak' });
    await create('commissioned', s, { notifiedAt: daysAgo(40), victimPseudonym: 'Child Rowan', perpetratorPseudonym: 'Adult Ash_1' });
    await create('held', s, { notifiedAt: daysAgo(30), victimPseudonym: 'Adult Birch', perpetratorPseudonym: null });
    await create('foreign', other, { notifiedAt: daysAgo(10), victimPseudonym: 'Adult Willow', perpetratorPseudonym: 'Adult Oak' });
    for (const name of ['commissioned', 'held']) {
      await send(t, s.cspChair, ids[name], { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met' });
      await send(t, s.coordinator, ids[name], { type: 'APPOINT_CHAIR', userId: s.chair.id });
    }
    await send(t, s.coordinator, ids.commissioned, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await send(t, s.coordinator, ids.held, { type: 'PUT_ON_HOLD', kind: 'inquest', scope: 'review', reason: 'Inquest opened' });
  });
  afterAll(() => t.close());

  it('filters by several stages, on hold, chair and agency', async () => {
    expect(await list('stages=notification')).toEqual([ids.waiting]);
    expect((await list('stages=notification,setup')).sort()).toEqual([ids.waiting, ids.commissioned, ids.held].sort());
    expect((await list('stages=notification&stages=setup')).sort()).toEqual([ids.waiting, ids.commissioned, ids.held].sort());
    expect(await list('onHold=true')).toEqual([ids.held]);
    expect((await list('onHold=false')).sort()).toEqual([ids.waiting, ids.commissioned].sort());
    expect((await list(`chairUserId=${s.chair.id}`)).sort()).toEqual([ids.commissioned, ids.held].sort());
    expect(await list(`agencyId=${s.police.id}`)).toEqual([ids.commissioned]);
    expect(await list(`agencyId=${s.health.id}`)).toEqual([]);
  });

  it('searches the reference and both pseudonyms, any case, as a literal substring', async () => {
    expect(await list('search=willow')).toEqual([ids.waiting]);
    expect(await list('search=OAK')).toEqual([ids.waiting]);
    expect(await list(`search=${encodeURIComponent(refs.held.toLowerCase())}`)).toEqual([ids.held]);
    // % and _ are not wildcards.
    expect(await list('search=%25')).toEqual([]);
    expect(await list('search=Ash_1')).toEqual([ids.commissioned]);
    expect(await list('search=Ash_')).toEqual([ids.commissioned]);
    expect(await list('search=As__')).toEqual([]);
  });

  it('sorts by reference and by the latest notified', async () => {
    expect(await list('sort=reference')).toEqual([ids.waiting, ids.commissioned, ids.held]);
    expect(await list('sort=notified')).toEqual([ids.waiting, ids.held, ids.commissioned]);
  });

  it('never lists what the caller may not see, whatever the filter', async () => {
    expect(await list('search=willow', other.coordinator)).toEqual([ids.foreign]);
    expect(await list(`chairUserId=${s.chair.id}`, other.coordinator)).toEqual([]);
    expect(await list(`agencyId=${s.police.id}`, other.coordinator)).toEqual([]);
    // The police contact sees the review their agency is on, only.
    expect(await list('stages=notification,setup', s.policeContact)).toEqual([ids.commissioned]);
    expect(await list('search=willow', s.policeContact)).toEqual([]);
  });

  it('refuses bad values with 400, as the other parameters', async () => {
    for (const q of [
      'stages=nowhere',
      'stages=',
      'stages=setup,SETUP',
      'onHold=maybe',
      'chairUserId=not-an-id',
      'agencyId=1',
      'search=',
      `search=${'x'.repeat(101)}`,
      'sort=oldest',
      'search=a&search=b',
    ]) {
      const res = await t.http().get(`/api/reviews?${q}`).set(s.coordinator.auth);
      expect([q, res.status]).toEqual([q, 400]);
    }
  });
});
