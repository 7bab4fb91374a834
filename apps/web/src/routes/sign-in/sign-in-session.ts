import type { Request } from 'express';
import '../../auth/web-session';

/** How long the second step may wait after the password. */
export const PENDING_MS = 10 * 60 * 1000;

/** A new session id, keeping only where to go next: no fixation across sign-in steps. */
export function regenerate(
  req: Request,
  keep: Partial<Pick<Request['session'], 'pending' | 'userId' | 'signedInAt' | 'lastSeenAt'>>,
): Promise<void> {
  const returnTo = req.session.returnTo;
  return new Promise((resolve, reject) =>
    req.session.regenerate((error) => {
      if (error) return reject(error);
      Object.assign(req.session, keep, returnTo ? { returnTo } : {});
      req.session.save((saveError) => (saveError ? reject(saveError) : resolve()));
    }),
  );
}

/** The password step's user, while the second step is still open. */
export function pendingUserId(req: Request, step: 'security-code' | 'set-up'): string | null {
  const pending = req.session.pending;
  if (!pending || pending.step !== step || Date.now() - pending.since > PENDING_MS) return null;
  return pending.userId;
}
