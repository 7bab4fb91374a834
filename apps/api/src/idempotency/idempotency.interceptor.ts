import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { canonicalJson } from '@dhr/audit';
import { DomainError, ErrorCode, runAsIdempotentRequest } from '@dhr/core';
import { STATUS_OF } from '../errors/error-status';
import { IdempotencyStore, KeyScope, StoredAnswer } from './idempotency-store';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** 1–200 printable ASCII characters (a UUID is the usual choice). */
const KEY_PATTERN = /^[\x20-\x7E]{1,200}$/;

/**
 * `Idempotency-Key` on an authenticated JSON `POST`: the first request with a key runs and its
 * answer (a success, or a 4xx domain error) is stored; a retry with the same key, user and route
 * gets that answer again (`Idempotent-Replayed: true`) and writes nothing; the same key with
 * another body is 409. A duplicate arriving while the first still runs waits for its answer.
 * A 5xx (an outage) stores nothing, so the retry runs. Uploads (multipart) ignore the header:
 * their body is not read before the handler.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request & { actor?: { userId: string } }>();
    const key = req.header(IDEMPOTENCY_HEADER);
    if (req.method !== 'POST' || key === undefined) return next.handle();
    if (!KEY_PATTERN.test(key)) throw DomainError.field(IDEMPOTENCY_HEADER, 'must be 1 to 200 printable ASCII characters');
    if (!req.actor || !req.is('application/json')) return next.handle();
    const res = context.switchToHttp().getResponse<Response>();
    return from(this.run(this.scopeOf(req, req.actor.userId, key), res, next));
  }

  private async run(scope: KeyScope, res: Response, next: CallHandler): Promise<unknown> {
    const found = await this.store.reserve(scope);
    if ('answer' in found) return replay(found, scope, res);
    const { reservation } = found;
    let value: unknown;
    try {
      // The handler runs as this keyed request: its write records the key in its own transaction, and a
      // retry after a write whose answer was lost replays the review instead of writing again.
      const replayReviewId = await this.store.writtenReview(scope);
      const request = { userId: scope.userId, route: scope.route, keyHash: scope.keyHash, replayReviewId };
      value = await runAsIdempotentRequest(request, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
    } catch (error) {
      const answer = storableError(error);
      await (answer ? reservation.complete(answer) : reservation.release()).catch((e: unknown) => this.notStored(e));
      throw error;
    }
    if (isJson(value)) await reservation.complete({ status: res.statusCode, body: value }).catch((e: unknown) => this.notStored(e));
    else await reservation.release();
    return value;
  }

  /** The write went through; only its key did not (an outage at that moment): answer anyway, a retry may repeat it. */
  private notStored(error: unknown): void {
    this.logger.warn(`answer not stored under its Idempotency-Key (${(error as { code?: string }).code ?? (error as Error).name})`);
  }

  private scopeOf(req: Request, userId: string, key: string): KeyScope {
    return {
      userId,
      route: `POST ${req.baseUrl}${req.path}`.slice(0, 500),
      keyHash: sha256(key),
      fingerprint: sha256(canonicalJson(req.body ?? null)),
    };
  }
}

function replay(found: { answer: StoredAnswer; fingerprint: Buffer }, scope: KeyScope, res: Response): unknown {
  if (!found.fingerprint.equals(scope.fingerprint)) {
    throw DomainError.conflict(`${IDEMPOTENCY_HEADER} was already used with a different request body; use a new key for a new request`);
  }
  res.setHeader('Idempotent-Replayed', 'true');
  const { status, body } = found.answer;
  if (status >= 400) {
    // The first answer was a domain error: the same error again (the filter gives the same status and body).
    const { error, ...details } = body as { error: ErrorCode };
    throw new DomainError(error, details);
  }
  return body;
}

/** A domain error below 500 is an answer worth keeping; anything else (an outage, a bug) lets the retry run. */
function storableError(error: unknown): StoredAnswer | null {
  if (!(error instanceof DomainError)) return null;
  const status = STATUS_OF[error.code];
  return status < 500 ? { status, body: error.body } : null;
}

function isJson(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'object' && !Buffer.isBuffer(value) && !('getStream' in value));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
