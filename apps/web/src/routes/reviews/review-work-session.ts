import type { Request } from 'express';
import 'express-session';

/** What the review's work pages keep between a POST and the page it redirects to. */
declare module 'express-session' {
  interface SessionData {
    /** A success message for the next page (post, redirect, get). */
    flash?: { success: string };
    /** An irreversible event read and checked, waiting on its "Check and confirm" page. */
    pendingEvent?: {
      reviewId: string;
      type: string;
      payload: Record<string, unknown>;
      answers: { key: string; value: string; href: string }[];
      values: Record<string, string>;
      expectedVersion: number | null;
      /** The list the person came from (`/decisions`), to go back to once confirmed. */
      returnTo?: string | null;
    };
    /** A notification read and checked, waiting on its "Check your answers" page. */
    newReview?: {
      payload: Record<string, unknown>;
      answers: { key: string; value: string; href: string }[];
      values: Record<string, string>;
    };
  }
}

/** The success message left for this page, once. */
export function takeFlash(req: Request): { success: string } | null {
  const flash = req.session?.flash ?? null;
  if (flash) delete req.session.flash;
  return flash;
}
