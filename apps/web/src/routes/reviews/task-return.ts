import { safeReturnTo } from '../../auth/page-access';

/** The pages a task may send the person back to once done: lists they came from, never elsewhere. */
const RETURN_PAGES = ['/decisions', '/reviews', '/requests'];

/**
 * Where to go after a task, when the link to it said so (`?returnTo=/decisions`): a path on
 * this site (safeReturnTo's rules) and one of the lists above, or null (the review page).
 */
export function taskReturnTo(value: unknown): string | null {
  const path = safeReturnTo(value);
  if (!path) return null;
  const bare = path.split(/[?#]/)[0];
  return RETURN_PAGES.includes(bare) ? path : null;
}

/** The task's address, carrying the page to come back to. */
export function withReturnTo(path: string, returnTo: string | null): string {
  return returnTo ? `${path}?${new URLSearchParams({ returnTo }).toString()}` : path;
}
