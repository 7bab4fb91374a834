import type { NestExpressApplication } from '@nestjs/platform-express';
import { closeAfterResponse, Metrics, ShutdownState } from '@dhr/ops';
import { httpMetrics } from './http-metrics';
import { mountQueueDashboard } from './queue-dashboard';

/**
 * The operations middleware of the HTTP app, in order: the latency histogram (every
 * request), `Connection: close` while draining (graceful shutdown), and the
 * administrators' queue dashboard. Call after the security headers, before routes.
 */
export function installOperations(app: NestExpressApplication): void {
  app.use(httpMetrics(app.get(Metrics)));
  app.use(closeAfterResponse(app.get(ShutdownState)));
  mountQueueDashboard(app);
}
