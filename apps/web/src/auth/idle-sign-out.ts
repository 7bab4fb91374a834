import type { CookieOptions, Request, Response } from 'express';
import './web-session';

/**
 * Telling "you were signed out because you did nothing" apart from any other signed-out visit.
 * When the idle timeout ends a session, the browser has already dropped its session cookie and
 * Redis its key, so the server no longer knows there was one. So each signed-in answer also sets
 * this small cookie: the time of that request (a number, nothing about the person), HttpOnly,
 * lasting as long as a session may. The sign-in page reads it once: no session, and the last
 * request longer ago than the idle limit, means an idle timeout. Signing out deletes it.
 */
const COOKIE = 'dhr.last-seen';

const options = (req: Request): CookieOptions => ({ httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });

/** On every signed-in request: remember when it was (for as long as a session may last). */
export function noteSignedInRequest(req: Request, res: Response, now: number, maxAgeMs: number): void {
  res.cookie(COOKIE, String(now), { ...options(req), maxAge: maxAgeMs });
}

/** At sign-out: nothing to explain next time. */
export function forgetSignedInRequests(req: Request, res: Response): void {
  res.clearCookie(COOKIE, options(req));
}

/** Whether this visit follows a session that ended for want of use (read once: the cookie is cleared). */
export function endedForIdleness(req: Request, res: Response, idleMs: number, now = Date.now()): boolean {
  const value = cookieValue(req.headers.cookie, COOKIE);
  if (value === null || req.session?.userId) return false;
  forgetSignedInRequests(req, res);
  const lastSeen = Number(value);
  return Number.isFinite(lastSeen) && now - lastSeen >= idleMs;
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** "30 minutes", or in seconds for the short limits tests use. */
export function idleWords(minutes: number): string {
  if (minutes >= 1) {
    const whole = Math.round(minutes);
    return `${whole} minute${whole === 1 ? '' : 's'}`;
  }
  const seconds = Math.round(minutes * 60);
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}
