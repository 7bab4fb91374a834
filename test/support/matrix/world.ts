import { login, seedPartnership, Seed, Session } from '../actors';
import { reviewBody, send } from '../review-driver';
import { ADMIN, TestApp } from '../test-app';

/** The password `seedPartnership` gives its users (test/support/actors.ts). */
export const SEED_PASSWORD = 'a-long-enough-test-password';

/**
 * Everyone who calls the API in the access matrix. `…A` belong to partnership A,
 * `…B` to partnership B; the admin belongs to none.
 * - chairA chairs R1; otherChairA is an independent chair of A who chairs nothing;
 * - policeA's agency is on R1's panel, healthA's is not; likewise policeB/healthB on RB.
 */
export const ACTORS = [
  'anonymous',
  'admin',
  'coordinatorA',
  'cspChairA',
  'chairA',
  'otherChairA',
  'policeA',
  'healthA',
  'coordinatorB',
  'cspChairB',
  'chairB',
  'policeB',
  'healthB',
] as const;
export type ActorName = (typeof ACTORS)[number];

export interface Person {
  session: Session | null;
  id: string | null;
  email: string;
  password: string;
  partnership: 'A' | 'B' | null;
}

export interface World {
  t: TestApp;
  a: Seed;
  b: Seed;
  people: Record<ActorName, Person>;
  /**
   * R1: A, commissioned, chaired by chairA, police on the panel. R2: A, commissioned, no chair, no panel.
   * RS: A, commissioned, no chair, health asked for a scoping return (on no panel). RB: B's twin of R1.
   */
  reviews: { R1: string; R2: string; RS: string; RB: string };
}

async function createReview(t: TestApp, s: Seed): Promise<string> {
  const res = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
  if (res.status !== 201) throw new Error(`create review: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Commissioned, with the partnership's chair appointed and its police on the panel. */
async function chairedReviewWithPolice(t: TestApp, s: Seed): Promise<string> {
  const id = await createReview(t, s);
  await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met' });
  await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
  await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
  return id;
}

export async function buildWorld(t: TestApp, codes: { a: string; b: string }): Promise<World> {
  const [a, b] = await Promise.all([seedPartnership(t, codes.a), seedPartnership(t, codes.b)]);

  const otherChairEmail = `other-chair.${codes.a.toLowerCase()}@dhr.test`;
  const created = await t
    .http()
    .post('/api/users')
    .set(a.admin.auth)
    .send({
      email: otherChairEmail,
      name: `Other chair ${codes.a}`,
      password: SEED_PASSWORD,
      role: 'independent_chair',
      partnershipId: a.partnership.id,
    });
  if (created.status !== 201) throw new Error(`other chair: ${created.status} ${JSON.stringify(created.body)}`);
  const otherChair = { ...(await login(t, otherChairEmail, SEED_PASSWORD)), id: created.body.id as string };

  const person = (s: (Session & { id: string; email: string }) | null, partnership: 'A' | 'B' | null, email?: string): Person => ({
    session: s,
    id: s?.id ?? null,
    email: email ?? s!.email,
    password: SEED_PASSWORD,
    partnership,
  });
  const people: Record<ActorName, Person> = {
    anonymous: { session: null, id: null, email: 'nobody-at-all@dhr.test', password: SEED_PASSWORD, partnership: null },
    admin: { session: a.admin, id: null, email: ADMIN.email, password: ADMIN.password, partnership: null },
    coordinatorA: person(a.coordinator, 'A'),
    cspChairA: person(a.cspChair, 'A'),
    chairA: person(a.chair, 'A'),
    otherChairA: person({ ...otherChair, email: otherChairEmail }, 'A'),
    policeA: person(a.policeContact, 'A'),
    healthA: person(a.healthContact, 'A'),
    coordinatorB: person(b.coordinator, 'B'),
    cspChairB: person(b.cspChair, 'B'),
    chairB: person(b.chair, 'B'),
    policeB: person(b.policeContact, 'B'),
    healthB: person(b.healthContact, 'B'),
  };

  const R1 = await chairedReviewWithPolice(t, a);
  const R2 = await createReview(t, a);
  await send(t, a.cspChair, R2, { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met' });
  const RS = await createReview(t, a);
  await send(t, a.cspChair, RS, { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met' });
  await send(t, a.coordinator, RS, { type: 'REQUEST_SCOPING', agencyId: a.health.id });
  const RB = await chairedReviewWithPolice(t, b);
  return { t, a, b, people, reviews: { R1, R2, RS, RB } };
}
