import { createServer, type RequestListener, type Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { isApiPath } from '../../web/src/web-paths';

/**
 * One HTTP server for both apps (`npm start`: one process, one port): /api…, /health,
 * /ready, /metrics and /admin/queues… go to the API's Express instance, everything else to
 * the pages'. Both apps must have been `init()`ed.
 */
export function servePagesAndApi(api: INestApplication, web: INestApplication): Server {
  const toApi = api.getHttpAdapter().getInstance() as RequestListener;
  const toWeb = web.getHttpAdapter().getInstance() as RequestListener;
  return createServer((req, res) => (isApiPath(req.url) ? toApi : toWeb)(req, res));
}

export function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
