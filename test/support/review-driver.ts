import { DateTime } from 'luxon';
import type { Session } from './actors';
import type { TestApp } from './test-app';

export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
export const dateDaysAgo = (days: number) => daysAgo(days).slice(0, 10);
export const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export function reviewBody(partnershipId: string, overrides: Record<string, unknown> = {}) {
  return {
    partnershipId,
    notifiedAt: daysAgo(50),
    notifiedBy: 'Metropolitan Police Service',
    deathDate: dateDaysAgo(60),
    victimPseudonym: 'Adult A',
    perpetratorPseudonym: 'Adult B',
    policeForceArea: 'Metropolitan',
    ...overrides,
  };
}

/** Sends one event and, unless told otherwise, insists it was accepted. */
export async function send(t: TestApp, session: Session, reviewId: string, body: Record<string, unknown>, expectStatus = 200) {
  const res = await t.http().post(`/api/reviews/${reviewId}/events`).set(session.auth).send(body);
  if (res.status !== expectStatus) {
    throw new Error(`${String(body.type)}: expected ${expectStatus}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/** A notifiedAt such that the one-month decision clock falls due `seconds` from now (London calendar). */
export const notifiedSoDecisionDueIn = (seconds: number) =>
  DateTime.now().setZone('Europe/London').plus({ seconds }).minus({ months: 1 }).toUTC().toISO()!;
