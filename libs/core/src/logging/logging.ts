import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { DestinationStream, LoggerOptions } from 'pino';
import type { Options as HttpLoggerOptions } from 'pino-http';
import type { AppConfig } from '../config/app-config';
import { REDACTED, redactPaths, scrubDeep } from './redaction';

export interface LoggingOptions {
  /** Written into every line, so api and worker logs can share a collector. */
  service: 'api' | 'worker' | 'web';
  /** Where the JSON lines go; stdout by default. Tests pass a capturing stream. */
  destination?: DestinationStream;
  /** The id of an HTTP request, logged as `requestId` (pino-http counts from 1 without one). */
  genReqId?: (req: IncomingMessage, res: ServerResponse) => string;
}

/**
 * The pino settings both apps log with: JSON lines at LOG_LEVEL ('silent'
 * writes nothing), ISO times, level names, and every key that can hold
 * personal data or a secret redacted wherever it appears.
 */
export function pinoOptions(config: AppConfig, service: LoggingOptions['service']): LoggerOptions {
  return {
    level: config.LOG_LEVEL,
    base: { service, pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths(), censor: REDACTED },
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => scrubDeep(object),
    },
  };
}

/**
 * pino-http on top: one line per request with its id, method, path (never the
 * query string), status and time. Never the body, the headers (so neither the
 * Authorization header nor cookies) nor the caller's address — the audit trail
 * records who called from where, under the same request id.
 */
export function httpLoggerOptions(config: AppConfig, options: LoggingOptions): HttpLoggerOptions {
  return {
    ...pinoOptions(config, options.service),
    genReqId: options.genReqId,
    // Lines logged while handling a request carry its id only, not the request.
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string }) => ({ id: req.id, method: req.method, path: pathOf(req.url) }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      return [401, 403, 429].includes(res.statusCode) ? 'warn' : 'info';
    },
  };
}

/** `/api/reviews?q=…` → `/api/reviews`: query strings may carry search terms and names. */
function pathOf(url: string | undefined): string | undefined {
  return url?.split('?')[0];
}

/**
 * nestjs-pino's LoggerModule with our settings; pair it with
 * `NestFactory.create(…, { bufferLogs: true })` and `app.useLogger(app.get(Logger))`
 * so Nest's own lines are JSON too.
 *
 * nestjs-pino keeps one root logger per process, built by the first app that
 * asks for it: a second logging app in the same process writes where the first
 * one did. Production runs one app per process; tests give at most one app per
 * test file a destination (the others use `logger: false`).
 */
export function loggerModule(config: AppConfig, options: LoggingOptions): DynamicModule {
  const http = httpLoggerOptions(config, options);
  return LoggerModule.forRoot({ pinoHttp: options.destination ? [http, options.destination] : http });
}
