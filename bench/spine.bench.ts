import type { Seed } from '../test/support/actors';
import { dateDaysAgo, daysAgo, reviewBody } from '../test/support/review-driver';
import { postJson } from './baselines';

/** After DECIDE_TO_COMMISSION, this many APPOINT_CHAIR (valid again and again in setup) before the next review. */
const APPOINTS_PER_REVIEW = 8;

export interface SpineRun {
  eventsPerSecond: number;
  /** CPU used by this Node process (API and HTTP clients together), in cores. */
  nodeCores: number;
}

/**
 * One client: create a review (an event: NOTIFIED), DECIDE_TO_COMMISSION, then
 * APPOINT_CHAIR a few times, and again with a new review, until `until`.
 * Returns how many events were accepted.
 */
async function client(api: string, seed: Seed, until: number): Promise<number> {
  const token = seed.coordinator.token;
  const events = [
    { type: 'DECIDE_TO_COMMISSION', rationale: 'Criteria met' },
    ...Array.from({ length: APPOINTS_PER_REVIEW }, () => ({ type: 'APPOINT_CHAIR', userId: seed.chair.id })),
  ];
  let accepted = 0;
  while (Date.now() < until) {
    const body = reviewBody(seed.partnership.id, { notifiedAt: daysAgo(1), deathDate: dateDaysAgo(3) });
    const review = await postJson(`${api}/reviews`, token, body, 201);
    accepted++;
    for (const event of events) {
      if (Date.now() >= until) break;
      await postJson(`${api}/reviews/${review.id}/events`, token, event, 200);
      accepted++;
    }
  }
  return accepted;
}

/** `clients` concurrent HTTP clients, each driving its own reviews, for about `seconds`. */
export async function spineRun(api: string, seed: Seed, seconds: number, clients: number): Promise<SpineRun> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const until = Date.now() + seconds * 1000;
  const counts = await Promise.all(Array.from({ length: clients }, () => client(api, seed, until)));
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    eventsPerSecond: counts.reduce((a, b) => a + b, 0) / elapsed,
    nodeCores: (used.user + used.system) / 1e6 / elapsed,
  };
}
