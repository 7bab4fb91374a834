/**
 * What the API answers when pages and API share one port (`npm start`): the JSON API under
 * /api, the operations endpoints at the root and the queue dashboard. Everything else is a page.
 */
const API_PREFIXES = ['/api', '/admin/queues'];
const API_EXACT = ['/health', '/ready', '/metrics'];

export function isApiPath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?')[0];
  return API_EXACT.includes(path) || API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}
