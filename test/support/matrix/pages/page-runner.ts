import { runPool } from '../pool';
import { visibleText } from '../../web-forms';
import { ACTORS, ActorName } from '../world';
import type { WebWorld } from './web-world';

/**
 * One row group of the page matrix: a GET by every actor (through their own signed-in
 * cookie jar) in every situation, with the status each must get. 303 for `anonymous` means
 * "sent to sign in"; any other 303 must not be.
 */
export interface PageEntry {
  label: string;
  situations: readonly string[];
  /** Expected status per actor, one per situation, in the order of `situations`. */
  expect: Record<ActorName, readonly number[]>;
  path: (actor: ActorName, situation: string, ww: WebWorld) => string;
  /** A download, not a page: skips the checks on what a page shows. */
  file?: boolean;
}

/** `GET /path/{param}` (as webRoutes names it) → its row groups. */
export type PageMatrix = Record<string, PageEntry[]>;

export interface PageOutcome {
  key: string;
  entry: PageEntry;
  actor: ActorName;
  situation: string;
  path: string;
  expected: number;
  status: number;
  location: string | undefined;
  text: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** What a person reads: the page without its tags, attributes and scripts. */

/** Checks each entry lists every actor with one code per situation. */
export function pageShapeProblems(matrix: PageMatrix): string[] {
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

export async function runPages(ww: WebWorld, matrix: PageMatrix, concurrency: number): Promise<PageOutcome[]> {
  const jobs = Object.entries(matrix).flatMap(([key, entries]) =>
    entries.flatMap((entry) =>
      ACTORS.flatMap((actor) =>
        entry.situations.map((situation, i) => ({ key, entry, actor, situation, expected: entry.expect[actor][i] })),
      ),
    ),
  );
  return runPool(
    jobs.map((job) => async (): Promise<PageOutcome> => {
      const path = job.entry.path(job.actor, job.situation, ww);
      const res = await ww.agents[job.actor].get(path).redirects(0);
      return { ...job, path, status: res.status, location: res.headers.location as string | undefined, text: res.text ?? '' };
    }),
    concurrency,
  );
}

/** The other partnership's review references and name: never on a page of someone who is not theirs. */
function otherPartnershipMarks(actor: ActorName, ww: WebWorld): string[] {
  const side = ww.w.people[actor].partnership;
  if (side === 'A') return [ww.references.RB, ww.w.reviews.RB, ww.w.b.partnership.name as string];
  if (side === 'B') return [ww.references.R1, ww.references.R2, ww.references.RS, ww.w.reviews.R1, ww.w.a.partnership.name as string];
  return [];
}

/** Every outcome whose status differs from the table, and what is wrong with the answers that match. */
export function pageProblems(outcomes: PageOutcome[], ww: WebWorld): string[] {
  const problems: string[] = [];
  for (const o of outcomes) {
    const where = `${o.key} [${o.entry.label}] as ${o.actor} on ${o.situation} (${o.path})`;
    if (o.status !== o.expected) {
      problems.push(`${where}: expected ${o.expected}, got ${o.status}${o.location ? ` → ${o.location}` : ''}`);
      continue;
    }
    if (o.status === 303) {
      const toSignIn = o.location?.startsWith('/sign-in') ?? false;
      if (o.actor === 'anonymous' && !toSignIn) problems.push(`${where}: anonymous sent to ${o.location}, not to sign in`);
      // The sign-in steps send a signed-in person back to /sign-in, which sends them on to their landing page.
      if (o.actor !== 'anonymous' && toSignIn && !o.path.startsWith('/sign-in/'))
        problems.push(`${where}: a signed-in person sent to sign in`);
    }
    if (o.status !== 200 || o.entry.file) continue;
    const seen = visibleText(o.text);
    const uuid = UUID.exec(seen);
    if (uuid) problems.push(`${where}: a UUID in the visible text: …${seen.slice(Math.max(0, uuid.index - 80), uuid.index + 40)}…`);
    for (const mark of otherPartnershipMarks(o.actor, ww))
      if (o.text.includes(mark)) problems.push(`${where}: shows "${mark}" of the other partnership`);
  }
  return problems;
}

/** The answers as tables in the matrix's own layout, to compare a failing row with the table by eye. */
export function actualTables(outcomes: PageOutcome[]): string {
  const groups = new Map<string, PageOutcome[]>();
  for (const o of outcomes) groups.set(`${o.key} [${o.entry.label}]`, [...(groups.get(`${o.key} [${o.entry.label}]`) ?? []), o]);
  return [...groups.entries()]
    .map(([name, list]) => {
      const rows = ACTORS.map(
        (actor) =>
          `  ${`${actor}:`.padEnd(14)}[${list
            .filter((o) => o.actor === actor)
            .map((o) => String(o.status))
            .join(', ')}],`,
      );
      return [`${name}  (${list[0].entry.situations.join(' | ')})`, ...rows].join('\n');
    })
    .join('\n');
}
