import type { Server } from 'node:http';
import { Injectable, INestApplicationContext, Logger } from '@nestjs/common';

/** Whether this process has begun shutting down: /ready answers 503 from that moment. */
@Injectable()
export class ShutdownState {
  private since: Date | null = null;

  get draining(): boolean {
    return this.since !== null;
  }

  begin(): void {
    this.since ??= new Date();
  }
}

export interface GracefulShutdownOptions {
  /** SHUTDOWN_GRACE_SECONDS: how long in-flight requests and jobs get before connections are cut. */
  graceSeconds: number;
  /** The listening HTTP server (the api); absent in a worker. */
  server?: Server;
  /** The BullMQ workers of this process, when it runs any. */
  workers?: { stop(graceMs: number): Promise<void> };
  /** Other Nest apps served by the same server (the pages beside the API): closed after the first. */
  alsoClose?: INestApplicationContext[];
}

/** Past the grace period, app.close() itself has this long before the process gives up on it. */
const CLOSE_MARGIN_MS = 5000;

/**
 * On SIGTERM or SIGINT: /ready turns 503 at once; the HTTP server stops accepting
 * connections and closes idle keep-alive ones; the BullMQ workers stop taking jobs
 * and finish the ones running; in-flight requests are answered (with
 * `Connection: close`, see `closeAfterResponse`). At the deadline every connection
 * still open is cut and running jobs are left to their lock (another worker takes
 * them over). Then the app closes (database, Redis) and the process exits 0.
 * Replaces Nest's enableShutdownHooks, which closes the database before the HTTP
 * server and so fails the requests it should drain.
 */
export function installGracefulShutdown(app: INestApplicationContext, options: GracefulShutdownOptions): void {
  const logger = new Logger('Shutdown');
  let started = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (started) return logger.warn(`${signal} received again: already shutting down`);
    started = true;
    const graceMs = options.graceSeconds * 1000;
    for (const each of [app, ...(options.alsoClose ?? [])]) each.get(ShutdownState).begin();
    logger.log(`${signal} received: draining for up to ${options.graceSeconds}s`);
    const overrun = setTimeout(() => {
      logger.error('shutdown did not finish in time: exiting');
      process.exit(1);
    }, graceMs + CLOSE_MARGIN_MS);
    overrun.unref();
    try {
      await Promise.all([options.server && drainHttp(options.server, graceMs), options.workers?.stop(graceMs)]);
      await app.close();
      for (const other of options.alsoClose ?? []) await other.close();
      logger.log('shut down cleanly');
      process.exit(0);
    } catch (error) {
      logger.error(`shutdown failed: ${(error as Error).name}`);
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (s) => void shutdown(s));
}

/**
 * Stops accepting, closes idle keep-alive connections now and each busy one as soon
 * as its response is out, and cuts whatever is still open after `graceMs`.
 * Resolves when the last connection has closed.
 */
export function drainHttp(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
    // A response sent without `Connection: close` (it began before the signal) leaves its connection idle: close it.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearTimeout(deadline);
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Express middleware: while draining, every response closes its connection, so no keep-alive client lingers. */
export function closeAfterResponse(state: ShutdownState) {
  return (_req: unknown, res: { setHeader(name: string, value: string): unknown }, next: () => void): void => {
    if (state.draining) res.setHeader('Connection', 'close');
    next();
  };
}
