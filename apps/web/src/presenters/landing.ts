import type { Role } from '@dhr/identity';

/** Where each role lands after signing in: the page that lists its reviews, or its agency's requests. */
export function landingPathFor(role: Role): string {
  if (role === 'agency_contact') return '/requests';
  if (role === 'admin') return '/administration';
  return '/reviews';
}

/** The service navigation for a signed-in person: their landing page, marked when it is the one open. */
export function navigationFor(role: Role, path: string): { text: string; href: string; active: boolean }[] {
  const home = landingPathFor(role);
  const text = role === 'agency_contact' ? 'Requests to my agency' : role === 'admin' ? 'Administration' : 'Reviews';
  const items = [{ text, href: home, active: path === home || path.startsWith(`${home}/`) }];
  // Coordinators manage the agency contacts of their partnership.
  if (role === 'coordinator') items.push({ text: 'Users', href: '/administration/users', active: path.startsWith('/administration') });
  return items;
}
