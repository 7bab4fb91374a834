import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { IServerAdapter } from '@bull-board/api/typings/app';
import { ExpressAdapter } from '@bull-board/express';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, NextFunction, Request, Response } from 'express';
import { AuthService } from '@dhr/identity';
import { JobQueue, QUEUES } from '@dhr/jobs';
import { adminAccess } from './operations-access';

/** Where the BullMQ dashboard is served: administrators only, with its own CSP (see securityHeaders). */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board over the engine's queues, read-only: Postgres is the truth, and the
 * sweep rebuilds any job from it, so there is nothing an administrator should
 * retry, clean or add by hand here. Job payloads carry ids only.
 */
export function mountQueueDashboard(app: NestExpressApplication): void {
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  const jobs = app.get(JobQueue);
  createBullBoard({
    queues: Object.values(QUEUES).map((name) => new BullMQAdapter(jobs.queue(name), { readOnlyMode: true })),
    // @bull-board/express 9.10.1 carries its own copy of @bull-board/api's types (9.10.1 beside our 9.10.2): same shape.
    serverAdapter: board as unknown as IServerAdapter,
    options: { uiConfig: { boardTitle: 'DHR queues' } },
  });
  const router: Express = board.getRouter();
  router.disable('x-powered-by');
  app.use(QUEUE_DASHBOARD_PATH, administratorsOnly(app.get(AuthService)), router, dashboardError);
}

/** The same bearer tokens as the API; refusals in the API's JSON shape. */
function administratorsOnly(auth: AuthService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    adminAccess(auth, req.headers.authorization).then(
      (access) => {
        if (access === 'allowed') return next();
        if (access === 'unauthenticated') res.status(401).setHeader('WWW-Authenticate', 'Bearer').json({ error: 'unauthorized' });
        else res.status(403).json({ error: 'forbidden', message: 'administrators only' });
      },
      (error: Error) => {
        new Logger('QueueDashboard').error(`could not check the caller: ${error.name}`);
        res.status(503).json({ error: 'service_unavailable' });
      },
    );
  };
}

/** Whatever goes wrong inside the dashboard answers JSON without a stack trace (Express' default handler would show one). */
function dashboardError(error: Error, _req: Request, res: Response, _next: NextFunction): void {
  new Logger('QueueDashboard').error(`dashboard error: ${error.name}`);
  if (!res.headersSent) res.status(500).json({ error: 'internal_error' });
}
