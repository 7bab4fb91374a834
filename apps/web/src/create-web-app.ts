import type { IncomingMessage, ServerResponse } from 'node:http';
import { ArgumentsHost, DynamicModule, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NextFunction, Request, Response, urlencoded } from 'express';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { requestContextOf } from '@dhr/audit';
import { AppConfig, Clock, ConfigError, CoreModule, inputGuard, loggerModule, LoggingOptions, migrate, nestLogLevels } from '@dhr/core';
import { closeAfterResponse, ShutdownState } from '@dhr/ops';
import { setUpCsrf } from './middleware/setUpCsrf';
import { setUpNunjucks } from './middleware/setUpNunjucks';
import { setUpStaticResources } from './middleware/setUpStaticResources';
import { setUpWebSecurity } from './middleware/setUpWebSecurity';
import { setUpWebSession } from './middleware/setUpWebSession';
import { SessionRedis } from './middleware/session-redis';
import { WebExceptionFilter } from './errors/web-exception.filter';
import { WebModule } from './web.module';

@Module({})
class WebRootModule {
  static forRoot(config: AppConfig, clock: Clock | undefined, logging: LoggingOptions | null): DynamicModule {
    const imports = [CoreModule.forRoot(config, clock), WebModule];
    return { module: WebRootModule, imports: logging ? [loggerModule(config, logging), ...imports] : imports };
  }
}

export interface WebAppOptions {
  clock?: Clock;
  /** `false`: no logging at all (tests). */
  logger?: false;
  logDestination?: DestinationStream;
}

/**
 * Migrates the database and builds the pages app, not yet listening: used by `npm start`
 * (beside the API, one port), `npm run start:web` (alone) and the tests. Middleware in
 * hmpps' order, one concern per `setUp*`: security headers, static assets (before any
 * session is made), forms, then the routes.
 */
export async function createWebApp(config: AppConfig, options: WebAppOptions = {}): Promise<INestApplication> {
  await migrate(config.DATABASE_URL);
  const logging = options.logger !== false;
  const app = await NestFactory.create<NestExpressApplication>(
    WebRootModule.forRoot(config, options.clock, logging ? { service: 'web', destination: options.logDestination, genReqId } : null),
    { logger: logging ? nestLogLevels(config.LOG_LEVEL) || [] : false, bufferLogs: logging, bodyParser: false },
  );
  if (logging) app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  if (config.TRUST_PROXY) setTrustProxy(app, config.TRUST_PROXY);
  setUpNunjucks(app.getHttpAdapter().getInstance(), config);
  // While shutting down, every response closes its connection (see README "Operations").
  app.use(closeAfterResponse(app.get(ShutdownState)));
  app.use(setUpWebSecurity());
  app.use(setUpStaticResources());
  // Forms only, small; the same check for NUL, lone surrogates and prototype keys as the API.
  app.use(urlencoded({ extended: false, limit: '32kb', parameterLimit: 50 }), inputGuard);
  app.use(setUpWebSession(config, app.get(SessionRedis).client));
  // The session store's errors (Redis unreachable) are passed to next(err), past Nest's filter: page them the same way.
  app.use(middlewareErrorsAsPages(new WebExceptionFilter()));
  app.use(setUpCsrf());
  return app;
}

/** An Express error handler that answers with the web filter's pages (never Express' default with its stack trace). */
function middlewareErrorsAsPages(filter: WebExceptionFilter) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const host = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ArgumentsHost;
    filter.catch(error, host);
  };
}

function genReqId(req: IncomingMessage, res: ServerResponse): string {
  const { requestId } = requestContextOf(req);
  req.headers['x-request-id'] = requestId;
  res.setHeader('X-Request-Id', requestId);
  return requestId;
}

function setTrustProxy(app: NestExpressApplication, value: string): void {
  try {
    app.set('trust proxy', /^[0-9]+$/.test(value) ? Number(value) : value.split(',').map((part) => part.trim()));
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  TRUST_PROXY: ${(error as Error).message}`);
  }
}
