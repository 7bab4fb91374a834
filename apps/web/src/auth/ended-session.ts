import type { Request } from 'express';
import { startedBeforeSessionsEnded } from '@dhr/identity';
import './web-session';

/**
 * Whether this browser's sign-in was ended elsewhere since it began: the person changed their
 * password, or an administrator reset their two-factor or deactivated them (the user row says when).
 */
export function sessionWasEnded(user: { sessionsValidAfter: Date | null }, req: Request): boolean {
  return startedBeforeSessionsEnded(user, req.session.signedInAt);
}
