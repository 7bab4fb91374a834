import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/**
 * A POST running under an `Idempotency-Key` (set by the API's interceptor for the handler's whole
 * async call chain). The key's answer is stored after the write commits, on a connection of its own;
 * a process killed between the two would leave a retry free to write again. So the spine also records,
 * in the write's own transaction, that this key wrote (and to which review): a retry that finds the
 * record and no answer replays instead, answering with the review as it is now and writing nothing.
 */
export interface IdempotentRequest {
  userId: string;
  route: string;
  keyHash: Buffer;
  /** The review an earlier attempt with this key already wrote (committed, answer lost): replay it. */
  replayReviewId: string | null;
}

const requests = new AsyncLocalStorage<IdempotentRequest>();

/** Runs `work` (a request handler) as the request with this key. */
export function runAsIdempotentRequest<T>(request: IdempotentRequest, work: () => T): T {
  return requests.run(request, work);
}

/** The review an earlier attempt of this request already wrote, when this is its retry; otherwise null. */
export function replayedReviewId(): string | null {
  return requests.getStore()?.replayReviewId ?? null;
}

/** Records, in the write's transaction, that this request's key wrote to `reviewId` (nothing outside such a request). */
export async function recordIdempotentWrite(manager: EntityManager, reviewId: string): Promise<void> {
  const request = requests.getStore();
  if (!request || request.replayReviewId) return;
  await manager.query(
    `INSERT INTO idempotency_writes (user_id, route, key_hash, review_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [request.userId, request.route, request.keyHash, reviewId],
  );
}
