/**
 * Link to a review in the web app. Only the review's id goes in the URL: URLs end up
 * in browser history, proxies and logs, so they must carry no personal data.
 */
export function reviewUrl(publicUrl: string, reviewId: string): string {
  const base = new URL(publicUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new Error('publicUrl must be an http(s) URL');
  }
  if (!reviewId) throw new Error('reviewId is required');
  const basePath = base.href.replace(/\/+$/, '');
  return `${basePath}/reviews/${encodeURIComponent(reviewId)}`;
}
