import { runPool } from './pool';
import { ACTORS, ActorName, World } from './world';

export interface MatrixRequest {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  body?: object;
}

export interface MatrixResponse {
  status: number;
  body: unknown;
  text: string;
}

/**
 * One row group of the access matrix: a request made by every actor in every
 * situation (its columns), with the status code each must get.
 */
export interface MatrixEntry {
  label: string;
  situations: readonly string[];
  /** Expected status per actor, one per situation, in the order of `situations`. */
  expect: Record<ActorName, readonly number[]>;
  request: (actor: ActorName, situation: string, w: World) => MatrixRequest;
  /** Further checks on a response with the expected status; returns what is wrong. */
  check?: (actor: ActorName, situation: string, res: MatrixResponse, w: World) => string[];
}

/** `METHOD /api/path/{param}` (as in the OpenAPI document) → its row groups. */
export type Matrix = Record<string, MatrixEntry[]>;

export interface Outcome {
  key: string;
  label: string;
  actor: ActorName;
  situation: string;
  expected: number;
  res: MatrixResponse;
}

export async function call(w: World, actor: ActorName, req: MatrixRequest): Promise<MatrixResponse> {
  let pending = w.t.http()[req.method](req.path);
  const session = w.people[actor].session;
  if (session) pending = pending.set(session.auth);
  const res = req.body === undefined ? await pending : await pending.send(req.body);
  return { status: res.status, body: res.body as unknown, text: res.text };
}

/** Checks each entry lists every actor with one code per situation. */
export function shapeProblems(matrix: Matrix): string[] {
  const problems: string[] = [];
  for (const [key, entries] of Object.entries(matrix)) {
    for (const entry of entries) {
      for (const actor of ACTORS) {
        const row = entry.expect[actor];
        if (!row) problems.push(`${key} [${entry.label}]: no row for ${actor}`);
        else if (row.length !== entry.situations.length)
          problems.push(`${key} [${entry.label}]: ${actor} has ${row.length} codes for ${entry.situations.length} situations`);
      }
    }
  }
  return problems;
}

/**
 * Makes every request of the matrix, `concurrency` at a time. The requests that
 * create things (partnerships, agencies, users, reviews, tokens) use fresh names
 * and touch nothing the other rows look at, so order does not matter.
 */
export async function runMatrix(w: World, matrix: Matrix, concurrency: number): Promise<Outcome[]> {
  const jobs = Object.entries(matrix).flatMap(([key, entries]) =>
    entries.flatMap((entry) =>
      ACTORS.flatMap((actor) =>
        entry.situations.map((situation, i) => ({ key, entry, actor, situation, expected: entry.expect[actor][i] })),
      ),
    ),
  );
  return runPool(
    jobs.map((job) => async (): Promise<Outcome> => {
      const res = await call(w, job.actor, job.entry.request(job.actor, job.situation, w));
      return { key: job.key, label: job.entry.label, actor: job.actor, situation: job.situation, expected: job.expected, res };
    }),
    concurrency,
  );
}

/** Every outcome whose status differs from the table, or whose extra check fails. */
export function mismatches(matrix: Matrix, outcomes: Outcome[], w: World): string[] {
  const problems: string[] = [];
  for (const o of outcomes) {
    const where = `${o.key} [${o.label}] as ${o.actor} on ${o.situation}`;
    if (o.res.status !== o.expected) {
      problems.push(`${where}: expected ${o.expected}, got ${o.res.status} ${o.res.text.slice(0, 300)}`);
      continue;
    }
    const entry = matrix[o.key].find((e) => e.label === o.label)!;
    for (const p of entry.check?.(o.actor, o.situation, o.res, w) ?? []) problems.push(`${where}: ${p}`);
  }
  return problems;
}
