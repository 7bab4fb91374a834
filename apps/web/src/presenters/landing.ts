import type { Role } from '@dhr/identity';

/** Where each role lands after signing in: the page that lists its reviews (the CSP chair's: those waiting for them), or its agency's requests. */
export function landingPathFor(role: Role): string {
  if (role === 'agency_contact') return '/requests';
  if (role === 'admin') return '/administration';
  if (role === 'csp_chair') return '/decisions';
  return '/reviews';
}

/** The service navigation for a signed-in person: their landing page (and the caseload), marked when it is the one open. */
export function navigationFor(role: Role, path: string): { text: string; href: string; active: boolean }[] {
  const under = (base: string) => path === base || path.startsWith(`${base}/`);
  // Everyone who works on reviews may search the reviews and documents they can see.
  const search = { text: 'Search', href: '/search', active: under('/search') };
  if (role === 'csp_chair')
    return [
      { text: 'Decisions and sign-off', href: '/decisions', active: under('/decisions') },
      { text: 'Reviews', href: '/reviews', active: under('/reviews') },
      { text: 'Dashboard', href: '/dashboard', active: under('/dashboard') },
      { text: 'Board report', href: '/board-report', active: under('/board-report') },
      search,
    ];
  const home = landingPathFor(role);
  const text = role === 'agency_contact' ? 'Requests to my agency' : role === 'admin' ? 'Administration' : 'Reviews';
  const items = [{ text, href: home, active: under(home) }];
  // Coordinators manage the agency contacts of their partnership.
  if (role === 'coordinator') {
    items.push({ text: 'Dashboard', href: '/dashboard', active: under('/dashboard') });
    items.push({ text: 'Users', href: '/administration/users', active: path.startsWith('/administration') });
  }
  // The reports over many reviews: the board report (coordinators, CSP chairs) and the national data return (coordinators, administrators).
  if (role === 'coordinator') items.push({ text: 'Board report', href: '/board-report', active: under('/board-report') });
  if (role === 'coordinator' || role === 'admin') items.push({ text: 'Data return', href: '/data-return', active: under('/data-return') });
  if (role !== 'admin') items.push(search);
  return items;
}
