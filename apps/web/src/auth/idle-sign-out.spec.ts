import type { Request, Response } from 'express';
import { endedForIdleness, idleWords } from './idle-sign-out';

describe('idle sign-out', () => {
  const IDLE = 30 * 60_000;
  const visit = (cookie: string | undefined, signedIn = false) => {
    const cleared: string[] = [];
    const req = { headers: { cookie }, session: signedIn ? { userId: 'u' } : {}, secure: false } as unknown as Request;
    const res = { clearCookie: (name: string) => cleared.push(name) } as unknown as Response;
    return { req, res, cleared };
  };

  it('says so after a session left unused past the limit, once (the cookie is cleared)', () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    const v = visit(`other=1; dhr.last-seen=${now - IDLE - 1000}`);
    expect(endedForIdleness(v.req, v.res, IDLE, now)).toBe(true);
    expect(v.cleared).toEqual(['dhr.last-seen']);
  });

  it('says nothing after a recent request (a session ended otherwise), without the cookie, or while signed in', () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    const recent = visit(`dhr.last-seen=${now - 60_000}`);
    expect(endedForIdleness(recent.req, recent.res, IDLE, now)).toBe(false);
    expect(recent.cleared).toEqual(['dhr.last-seen']);
    expect(endedForIdleness(visit(undefined).req, visit(undefined).res, IDLE, now)).toBe(false);
    const signedIn = visit(`dhr.last-seen=${now - IDLE - 1000}`, true);
    expect(endedForIdleness(signedIn.req, signedIn.res, IDLE, now)).toBe(false);
    expect(endedForIdleness(visit('dhr.last-seen=rubbish').req, visit('dhr.last-seen=rubbish').res, IDLE, now)).toBe(false);
  });

  it('puts the limit in words', () => {
    expect(idleWords(30)).toBe('30 minutes');
    expect(idleWords(1)).toBe('1 minute');
    expect(idleWords(0.3)).toBe('18 seconds');
  });
});
