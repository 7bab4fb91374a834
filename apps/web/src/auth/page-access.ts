import { SetMetadata } from '@nestjs/common';
import type { Role } from '@dhr/identity';

export const PUBLIC_PAGE = 'web:public-page';
export const PAGE_ROLES = 'web:page-roles';

/** A page anyone may open, signed in or not (sign-in, accessibility statement, errors). */
export const PublicPage = () => SetMetadata(PUBLIC_PAGE, true);

/** The roles that may open a page; a page without this (and not public) is open to every signed-in role. */
export const PageRoles = (...roles: Role[]) => SetMetadata(PAGE_ROLES, roles);

/** Thrown when a page needs a signed-in person: the filter sends the browser to sign in, and back here after. */
export class SignInRequired extends Error {
  constructor(readonly returnTo: string | null) {
    super('sign-in required');
  }
}

/**
 * A return target after sign-in: only a path on this site (one leading slash, no scheme, no
 * backslash, no `//host`), so a link can never send a person elsewhere once they have signed in.
 */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 300) return null;
  if (!/^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/.test(value)) return null;
  if (value.startsWith('/sign-in') || value.startsWith('/sign-out') || value.startsWith('/assets/')) return null;
  return value;
}
