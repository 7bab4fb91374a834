import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from '@dhr/ops';

/** Paths served by mounted apps rather than by routes: labelled by their mount point. */
const MOUNTS = ['/admin/queues', '/api/docs'];

/** Times every request into the latency histogram, labelled by route template (never the URL: ids, queries). */
export function httpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpRequest(req.method, routeOf(req), res.statusCode, seconds);
    });
    next();
  };
}

/** `/api/reviews/:id/events` for a matched route; the mount point for the docs and the dashboard; else `unmatched`. */
export function routeOf(req: Request): string {
  const path = req.originalUrl.split('?')[0];
  const mount = MOUNTS.find((m) => path === m || path.startsWith(`${m}/`) || path.startsWith(`${m}-`));
  if (mount) return mount;
  const route = (req.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? route : 'unmatched';
}
