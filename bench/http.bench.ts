/**
 * HTTP latency at concurrency 16: GET /api/reviews/:id and POST /api/reviews/:id/events over 64
 * reviews of one partnership, against a bare Nest app answering static JSON on the same machine,
 * in one run. The load generator runs in a worker thread (load-generator.ts); during our runs it
 * samples pg_stat_activity every 20 ms for backends waiting on a lock: the evidence for misses.
 */
import { seedPartnership } from '../test/support/actors';
import { dateDaysAgo, daysAgo, reviewBody } from '../test/support/review-driver';
import { startTestApp } from '../test/support/test-app';
import { startBareNest } from './bare-nest';
import { fmt, postJson } from './baselines';
import { generateLoad, LoadRequest, LoadResult } from './load-generator';
import type { BenchSection } from './section';

const CONCURRENCY = 16;
const REVIEWS = 64;
const GET_P99_TARGET_MS = 25;

/** Client i takes reviews i, i + 16, i + 32, …: no two clients share a review, all share the partnership. */
const perClient = (paths: string[], request: (path: string) => LoadRequest): LoadRequest[][] =>
  Array.from({ length: CONCURRENCY }, (_, client) => paths.filter((_, i) => i % CONCURRENCY === client).map(request));

const latency = (r: LoadResult) => `p50 ${fmt(r.p50Ms)} ms, p99 ${fmt(r.p99Ms)} ms, ${fmt(r.requestsPerSecond)} req/s`;

function lockNote(label: string, r: LoadResult): string {
  const waits = r.lockWaits;
  if (!waits) return `${label}: not sampled`;
  const top = Object.entries(waits.byRelation)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([what, mean]) => `${what} ${fmt(mean)}`)
    .join(', ');
  return `${label}: mean ${fmt(waits.meanWaiting)} backends waiting on a Lock over ${waits.samples} samples (every 20 ms)${top ? ` — ${top}` : ''}`;
}

const errorNote = (label: string, r: LoadResult) =>
  r.errors > 0 ? [`${label}: ${r.errors} of ${r.requests} answers not as expected, e.g. ${r.firstErrors.join(' | ')}`] : [];

export async function run(options: { scale: 'full' | 'quick' }): Promise<BenchSection[]> {
  const seconds = options.scale === 'full' ? 10 : 3;
  const warmupSeconds = options.scale === 'full' ? 2 : 1;
  const ids = Array.from({ length: REVIEWS }, (_, i) => `bench-${i}`);

  const bare = await startBareNest();
  let bareGet: LoadResult;
  let barePost: LoadResult;
  try {
    const common = { origin: bare.origin, headers: {}, expectedStatus: 200, warmupSeconds, seconds };
    bareGet = await generateLoad({ ...common, requests: perClient(ids, (id) => ({ method: 'GET', path: `/api/bare/${id}` })) });
    barePost = await generateLoad({
      ...common,
      requests: perClient(ids, (id) => ({ method: 'POST', path: `/api/bare/${id}/events`, body: { type: 'APPOINT_CHAIR' } })),
    });
  } finally {
    await bare.app.close();
  }

  const t = await startTestApp();
  let ourGet: LoadResult;
  let ourGetAlone: LoadResult;
  let ourPost: LoadResult;
  try {
    await t.app.listen(0, '127.0.0.1');
    const origin = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const seed = await seedPartnership(t, 'HTTPB');
    const token = seed.coordinator.token;
    const reviewIds: string[] = [];
    for (let i = 0; i < REVIEWS; i++) {
      const body = reviewBody(seed.partnership.id, { notifiedAt: daysAgo(1), deathDate: dateDaysAgo(3) });
      const review = await postJson(`${origin}/api/reviews`, token, body, 201);
      await postJson(`${origin}/api/reviews/${review.id}/events`, token, { type: 'DECIDE_TO_COMMISSION', rationale: 'Criteria met' }, 200);
      reviewIds.push(review.id!);
    }
    const common = {
      origin,
      headers: { authorization: `Bearer ${token}` },
      expectedStatus: 200,
      warmupSeconds,
      seconds,
      sampleDatabaseUrl: t.config.DATABASE_URL,
    };
    // One client first: what a read costs when nobody waits for anybody, to tell cost from contention.
    ourGetAlone = await generateLoad({
      ...common,
      seconds: Math.min(seconds, 5),
      requests: [reviewIds.map((id) => ({ method: 'GET', path: `/api/reviews/${id}` }))],
    });
    ourGet = await generateLoad({ ...common, requests: perClient(reviewIds, (id) => ({ method: 'GET', path: `/api/reviews/${id}` })) });
    ourPost = await generateLoad({
      ...common,
      requests: perClient(reviewIds, (id) => ({
        method: 'POST',
        path: `/api/reviews/${id}/events`,
        body: { type: 'APPOINT_CHAIR', userId: seed.chair.id },
      })),
    });
  } finally {
    await t.close();
  }

  const shape = `c=${CONCURRENCY}, ${REVIEWS} reviews of one partnership, ${seconds} s after ${warmupSeconds} s warm-up`;
  return [
    {
      name: `GET /api/reviews/:id, ${shape}`,
      baseline: `bare Nest GET: ${latency(bareGet)}`,
      ours: latency(ourGet),
      ratio: ourGet.requestsPerSecond / bareGet.requestsPerSecond,
      target: `p99 ≤ ${GET_P99_TARGET_MS} ms`,
      met: ourGet.errors === 0 && ourGet.p99Ms <= GET_P99_TARGET_MS,
      notes: [
        'ratio is requests/s, ours ÷ bare.',
        `the same GETs from one client (c=1): ${latency(ourGetAlone)}.`,
        lockNote('lock waits during the GET run', ourGet),
        ...errorNote('GET', ourGet),
      ],
    },
    {
      name: `POST /api/reviews/:id/events (APPOINT_CHAIR), ${shape}`,
      baseline: `bare Nest POST: ${latency(barePost)}`,
      ours: latency(ourPost),
      ratio: ourPost.requestsPerSecond / barePost.requestsPerSecond,
      met: ourPost.errors === 0 ? undefined : false,
      notes: [lockNote('lock waits during the POST run', ourPost), ...errorNote('POST', ourPost)],
    },
  ];
}
