import type request from 'supertest';
import { csrfOf } from '../../web-forms';
import { runPool } from '../pool';
import { ACTORS, ActorName } from '../world';
import type { WebWorld } from './web-world';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

/** One POST a person may not make, with the status the pages must answer (and nothing stored). */
export interface PostCase {
  actor: ActorName;
  path: (ww: WebWorld) => string;
  fields?: (ww: WebWorld) => Record<string, string>;
  expected: number;
  /** An upload form: multipart, with a small PDF. */
  multipart?: boolean;
}

/** `POST /path/{param}` → the refusals to try, and the address (with its ids) to POST to without a token. */
export type PostSweep = Record<
  string,
  {
    anyPath: (ww: WebWorld) => string;
    multipart?: boolean;
    /** Where a signed-out person without a token is not answered 403 (a finding, said where it is set). */
    anonymousWithoutToken?: number;
    refusals: PostCase[];
  }
>;

export interface PostOutcome {
  what: string;
  expected: number;
  status: number;
  location?: string;
}

/** This session's CSRF token, from a page that has a form: the sign-in page, or any signed-in page's sign-out form. */
async function tokenOf(ww: WebWorld, actor: ActorName): Promise<string> {
  const res = await ww.agents[actor].get(actor === 'anonymous' ? '/sign-in' : '/partnership');
  const token = csrfOf(res.text);
  if (!token) throw new Error(`no CSRF token for ${actor}`);
  return token;
}

function post(ww: WebWorld, actor: ActorName, path: string, fields: Record<string, string>, multipart: boolean): request.Test {
  const req = ww.agents[actor].post(path).redirects(0);
  if (!multipart) return req.type('form').send(fields);
  for (const [name, value] of Object.entries(fields)) req.field(name, value);
  return req.attach('file', PDF, { filename: 'letter.pdf', contentType: 'application/pdf' });
}

/** Every refusal of the sweep, made with the actor's own valid CSRF token. */
export async function runRefusals(ww: WebWorld, sweep: PostSweep): Promise<PostOutcome[]> {
  const tokens = Object.fromEntries(await Promise.all(ACTORS.map(async (a) => [a, await tokenOf(ww, a)] as const))) as Record<
    ActorName,
    string
  >;
  const jobs = Object.entries(sweep).flatMap(([key, route]) =>
    route.refusals.map((c) => async (): Promise<PostOutcome> => {
      const path = c.path(ww);
      const res = await post(
        ww,
        c.actor,
        path,
        { _csrf: tokens[c.actor], ...(c.fields?.(ww) ?? {}) },
        c.multipart ?? route.multipart ?? false,
      );
      return { what: `${key} as ${c.actor} (${path})`, expected: c.expected, status: res.status, location: res.headers.location };
    }),
  );
  return runPool(jobs, 4);
}

/** Every route of the sweep by every actor without a token (403 for everyone, signed in or not). */
export async function runWithoutToken(ww: WebWorld, sweep: PostSweep): Promise<PostOutcome[]> {
  const jobs = Object.entries(sweep).flatMap(([key, route]) =>
    ACTORS.map((actor) => async (): Promise<PostOutcome> => {
      const path = route.anyPath(ww);
      const res = await post(ww, actor, path, { name: 'Matrix probe' }, route.multipart ?? false);
      const expected = actor === 'anonymous' ? (route.anonymousWithoutToken ?? 403) : 403;
      return { what: `${key} as ${actor} without a token (${path})`, expected, status: res.status, location: res.headers.location };
    }),
  );
  return runPool(jobs, 6);
}

export const postProblems = (outcomes: PostOutcome[]) =>
  outcomes
    .filter((o) => o.status !== o.expected)
    .map((o) => `${o.what}: expected ${o.expected}, got ${o.status}${o.location ? ` → ${o.location}` : ''}`);
