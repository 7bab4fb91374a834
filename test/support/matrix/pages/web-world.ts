import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import request from 'supertest';
import { uploadDocument } from '../../document-driver';
import { startWebTestApp, WebTestApp } from '../../web-app';
import { Agent, webSignIn } from '../../web-forms';
import { runPool } from '../pool';
import { ACTORS, ActorName, buildWorld, World } from '../world';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

/**
 * The access matrix's world (test/support/matrix/world.ts) on the pages and API together, with
 * every actor signed into the pages (one cookie jar each), and a few things the pages name by id:
 * a letter and a meeting on R1 and on RB, and each review's reference (what a page shows for it).
 */
export interface WebWorld {
  t: WebTestApp;
  w: World;
  agents: Record<ActorName, Agent>;
  references: Record<keyof World['reviews'], string>;
  /** A coordinator's letter (no agency) on R1 and on RB, version 1. */
  documents: { R1: string; RB: string };
  meetings: { R1: string; RB: string };
  /**
   * Running deadlines the pages change by id: each review's completion (its chair may move it) and
   * R1's Home Office notice (a coordinator's: its chair may not).
   */
  deadlines: { R1: string; RB: string; R1HomeOffice: string };
  /** A UUID that names nothing at all. */
  missing: string;
}

async function created(res: request.Response, what: string): Promise<string> {
  if (res.status !== 201) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 300)}`);
  return (res.body as { id: string }).id;
}

async function meetingOn(w: World, side: 'a' | 'b', reviewId: string): Promise<string> {
  const s = w[side];
  const startsAt = DateTime.now().setZone('Europe/London').plus({ days: 10 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  const res = await w.t
    .http()
    .post(`/api/reviews/${reviewId}/meetings`)
    .set(s.coordinator.auth)
    .send({
      startsAt: startsAt.toUTC().toISO(),
      endsAt: startsAt.plus({ hours: 2 }).toUTC().toISO(),
      location: 'Town hall, room 4',
      agencyIds: [s.police.id],
    });
  return created(res, 'meeting');
}

/** A running deadline of a review, by kind. */
async function deadlineOf(w: World, side: 'a' | 'b', reviewId: string, kind: string): Promise<string> {
  const res = await w.t.http().get(`/api/reviews/${reviewId}/deadlines`).set(w[side].coordinator.auth);
  const found = (res.body as { id: string; kind: string; status: string }[]).find((d) => d.kind === kind && d.status === 'open');
  if (!found) throw new Error(`no open ${kind} deadline: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return found.id;
}

/** Both sign-in steps, first time through (two-factor set up); throws unless the person ends up signed in. */
async function signIn(t: WebTestApp, w: World, actor: ActorName, secrets: Map<string, string>): Promise<Agent> {
  const agent = request.agent(t.server);
  if (actor === 'anonymous') return agent;
  const { email, password } = w.people[actor];
  const last = await webSignIn(agent, email, password, secrets);
  // Any signed-in person may open the partnership page: it proves the session is signed in.
  const signedIn = await agent.get('/partnership');
  if (![200, 303].includes(last.status) || signedIn.status !== 200)
    throw new Error(`web sign-in of ${actor}: ${last.status} ${last.text.slice(0, 200)}`);
  return agent;
}

export async function buildWebWorld(): Promise<WebWorld> {
  // Thirteen sign-ins from one address: the per-address limit would otherwise refuse the later ones.
  const t = await startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '10000' } });
  try {
    return await populate(t);
  } catch (error) {
    await t.close().catch(() => undefined);
    throw error;
  }
}

async function populate(t: WebTestApp): Promise<WebWorld> {
  const w = await buildWorld(t, { a: 'PMA', b: 'PMB' });
  const references = {} as WebWorld['references'];
  for (const key of ['R1', 'R2', 'RS', 'RB'] as const) {
    const owner = key === 'RB' ? w.b : w.a;
    const res = await t.http().get(`/api/reviews/${w.reviews[key]}`).set(owner.coordinator.auth);
    references[key] = (res.body as { reference: string }).reference;
  }
  const letter = (side: 'a' | 'b', reviewId: string) =>
    uploadDocument(t, w[side].coordinator, reviewId, PDF, 'letter.pdf', { type: 'letter', title: 'Letter to the family' }).then((res) =>
      created(res, 'letter'),
    );
  const documents = { R1: await letter('a', w.reviews.R1), RB: await letter('b', w.reviews.RB) };
  const meetings = { R1: await meetingOn(w, 'a', w.reviews.R1), RB: await meetingOn(w, 'b', w.reviews.RB) };
  const deadlines = {
    R1: await deadlineOf(w, 'a', w.reviews.R1, 'completion'),
    RB: await deadlineOf(w, 'b', w.reviews.RB, 'completion'),
    R1HomeOffice: await deadlineOf(w, 'a', w.reviews.R1, 'home_office_notice'),
  };

  // Setting up two-factor waits for a fresh 30-second code step per person: a few at a time.
  const secrets = new Map<string, string>();
  const signedIn = await runPool(
    ACTORS.map((actor) => () => signIn(t, w, actor, secrets)),
    5,
  );
  const agents = Object.fromEntries(ACTORS.map((actor, i) => [actor, signedIn[i]])) as Record<ActorName, Agent>;
  return { t, w, agents, references, documents, meetings, deadlines, missing: randomUUID() };
}
