import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, INestApplication, MiddlewareConsumer, Module, NestModule, RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { requestContextOf } from '@dhr/audit';
import {
  AppConfig,
  Clock,
  ConfigError,
  CoreModule,
  loggerModule,
  LoggingOptions,
  migrate,
  nestLogLevels,
  validationException,
  inputGuard,
} from '@dhr/core';
import { ensureBootstrapAdmin, IdentityService, passwordProblem } from '@dhr/identity';
import { ApiModule } from './api.module';
import { UNPREFIXED_ROUTES } from './controllers/operations.controller';
import { installOperations } from './ops/operations';
import { QUEUE_DASHBOARD_PATH } from './ops/queue-dashboard';
import { setupOpenApi } from './openapi';
import { HttpExceptionFilter } from './errors/http-exception.filter';

/** Where the Swagger UI is served: the only HTML, so the only place a looser CSP applies. */
const DOCS_PATH = 'api/docs';

@Module({})
class ApiRootModule implements NestModule {
  constructor(private readonly config: AppConfig) {}

  /**
   * JSON bodies up to JSON_BODY_LIMIT (bigger: 413 through the exception filter).
   * Parsed in Nest's middleware, so after the request logger: refused bodies are logged too.
   */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(json({ limit: this.config.JSON_BODY_LIMIT }), inputGuard).forRoutes({ path: '{*splat}', method: RequestMethod.ALL });
  }

  static forRoot(config: AppConfig, clock: Clock | undefined, logging: LoggingOptions | null): DynamicModule {
    const imports = [CoreModule.forRoot(config, clock), ApiModule];
    return { module: ApiRootModule, imports: logging ? [loggerModule(config, logging), ...imports] : imports };
  }
}

export interface ApiAppOptions {
  clock?: Clock;
  /** `false`: no logging at all (tests). */
  logger?: false;
  /** Where the JSON log lines go instead of stdout (tests capture them). */
  logDestination?: DestinationStream;
}

/**
 * Migrates the database and builds the HTTP app, not yet listening. Shared by
 * `main.ts` and the e2e tests so both run exactly the same wiring.
 */
export async function createApiApp(config: AppConfig, options: ApiAppOptions = {}): Promise<INestApplication> {
  assertBootstrapPassword(config);
  await migrate(config.DATABASE_URL);
  const logging = options.logger !== false;
  const app = await NestFactory.create<NestExpressApplication>(
    ApiRootModule.forRoot(config, options.clock, logging ? { service: 'api', destination: options.logDestination, genReqId } : null),
    {
      // Buffered until pino takes over, so even Nest's start-up lines are JSON.
      logger: logging ? nestLogLevels(config.LOG_LEVEL) || [] : false,
      bufferLogs: logging,
      // JSON only, parsed by ApiRootModule with our size limit.
      bodyParser: false,
    },
  );
  if (logging) app.useLogger(app.get(Logger));

  app.disable('x-powered-by');
  if (config.TRUST_PROXY) setTrustProxy(app, config.TRUST_PROXY);
  app.use(securityHeaders());
  installOperations(app);
  if (config.CORS_ORIGINS) {
    app.enableCors({
      origin: config.CORS_ORIGINS.split(',').map((origin) => origin.trim()),
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'Idempotency-Key'],
      exposedHeaders: ['Retry-After', 'X-Request-Id', 'Idempotent-Replayed'],
      maxAge: 600,
    });
  }
  app.setGlobalPrefix('api', { exclude: UNPREFIXED_ROUTES });
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationException }),
  );
  app.useGlobalFilters(new HttpExceptionFilter());
  // No enableShutdownHooks: main.ts installs the graceful shutdown (drain HTTP and jobs, then close).

  setupOpenApi(app, DOCS_PATH);

  await ensureBootstrapAdmin(config, app.get(IdentityService));
  return app;
}

/** The request id: the caller's X-Request-Id when it is a safe token, else a new one; echoed back, and the one audit entries record. */
function genReqId(req: IncomingMessage, res: ServerResponse): string {
  const { requestId } = requestContextOf(req);
  req.headers['x-request-id'] = requestId;
  res.setHeader('X-Request-Id', requestId);
  return requestId;
}

/**
 * helmet everywhere. The API answers JSON only, so its CSP forbids everything
 * (`default-src 'none'`, no framing); the Swagger UI under /api/docs loads its
 * own scripts, styles and images from this origin and has inline styles, and so
 * does the administrators' queue dashboard. API answers are never cached: they
 * are OFFICIAL-SENSITIVE.
 */
function securityHeaders() {
  const common = {
    xFrameOptions: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
  };
  const forApi = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"] },
    },
  });
  const forDocs = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
      },
    },
  });
  const docs = `/${DOCS_PATH}`;
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path === docs || req.path.startsWith(`${docs}/`)) return forDocs(req, res, next);
    res.setHeader('Cache-Control', 'no-store');
    if (req.path === QUEUE_DASHBOARD_PATH || req.path.startsWith(`${QUEUE_DASHBOARD_PATH}/`)) return forDocs(req, res, next);
    return forApi(req, res, next);
  };
}

/** Express' 'trust proxy' from TRUST_PROXY: a hop count, or the list of trusted addresses (checked by Express). */
function setTrustProxy(app: NestExpressApplication, value: string): void {
  try {
    app.set('trust proxy', /^[0-9]+$/.test(value) ? Number(value) : value.split(',').map((part) => part.trim()));
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  TRUST_PROXY: ${(error as Error).message}`);
  }
}

/** BOOTSTRAP_ADMIN_PASSWORD meets the same policy as every other password, or the app does not start. */
function assertBootstrapPassword(config: AppConfig): void {
  if (!config.BOOTSTRAP_ADMIN_PASSWORD) return;
  const problem = passwordProblem(config.BOOTSTRAP_ADMIN_PASSWORD, config.BOOTSTRAP_ADMIN_EMAIL);
  if (problem) throw new ConfigError(`Invalid configuration:\n  BOOTSTRAP_ADMIN_PASSWORD: ${problem}`);
}
