import type { Role } from '@dhr/identity';

/** Where each role lands after signing in: the page that lists its reviews, or its agency's requests. */
export function landingPathFor(role: Role): string {
  if (role === 'agency_contact') return '/requests';
  if (role === 'admin') return '/administration';
  return '/reviews';
}
