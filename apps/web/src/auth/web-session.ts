import 'express-session';

/** What a web session holds: ids and times only, never a name, an email or a secret. */
declare module 'express-session' {
  interface SessionData {
    /** Set once both sign-in steps are done. */
    userId?: string;
    /** When sign-in completed (ms): the session ends 12 hours later whatever happens. */
    signedInAt?: number;
    /** Last request (ms): the session ends after SESSION_IDLE_MINUTES without one. */
    lastSeenAt?: number;
    /** Password accepted, second step to come: whose, which step, since when (ms). */
    pending?: { userId: string; step: 'security-code' | 'set-up'; since: number };
    /** For a member of several partnerships: the one the pages act in now (the switcher's choice). */
    partnershipId?: string;
    /** Where to go once signed in (a same-site path, see safeReturnTo). */
    returnTo?: string;
  }
}
