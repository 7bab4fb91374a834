import { seedPartnership, Seed } from '../actors';
import { daysAgo, reviewBody, send } from '../review-driver';
import type { TestApp } from '../test-app';
import type { ReviewRef } from './journeys';

export interface BrowserData {
  s: Seed;
  overdue: ReviewRef;
  recent: ReviewRef & { pseudonym: string; chair: string; panelAgency: string };
  /** Another partnership's review: the 404 page for everyone in `s`. */
  hidden: ReviewRef;
}

/**
 * What the journeys find, made through the API beforehand: a partnership `code` with one
 * person of each role and two reviews — one notified 50 days ago (its one-month decision
 * overdue), one notified 3 days ago with scoping asked of the police, commissioned, a chair
 * appointed and the police on the panel — and another partnership's review.
 */
export async function seedBrowserData(t: TestApp, code: string, otherCode: string): Promise<BrowserData> {
  const s = await seedPartnership(t, code);
  const other = await seedPartnership(t, otherCode);
  const create = async (seed: Seed, body: Record<string, unknown>): Promise<ReviewRef> => {
    const res = await t.http().post('/api/reviews').set(seed.coordinator.auth).send(body);
    if (res.status !== 201) throw new Error(`create review: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, reference: res.body.reference };
  };
  const overdue = await create(s, reviewBody(s.partnership.id, { victimPseudonym: 'Adult C', perpetratorPseudonym: 'Adult D' }));
  const recent = await create(
    s,
    reviewBody(s.partnership.id, { notifiedAt: daysAgo(3), victimPseudonym: 'Adult E', perpetratorPseudonym: 'Adult F' }),
  );
  await send(t, s.coordinator, recent.id, { type: 'REQUEST_SCOPING', agencyId: s.police.id });
  await send(t, s.cspChair, recent.id, { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met' });
  await send(t, s.coordinator, recent.id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
  await send(t, s.coordinator, recent.id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
  const hidden = await create(other, reviewBody(other.partnership.id));
  return {
    s,
    overdue,
    recent: { ...recent, pseudonym: 'Adult E', chair: `independent_chair ${code}`, panelAgency: `${code} Police` },
    hidden,
  };
}
