import type { OpenAPIObject, ParameterObject } from '@nestjs/swagger';
import { IDEMPOTENCY_HEADER } from './idempotency.interceptor';

const PARAMETER: ParameterObject = {
  name: IDEMPOTENCY_HEADER,
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: a retry with the same key (same user, same path, same body) answers the first answer again ' +
    '(`Idempotent-Replayed: true`) and writes nothing; the same key with another body is 409. Kept 24 hours. ' +
    'JSON bodies only (uploads ignore it).',
  schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x20-\\x7E]+$' },
};

/** Every authenticated JSON POST accepts the header (IdempotencyInterceptor): say so on each. */
export function documentIdempotencyKey(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    const post = item.post;
    if (!post || path === '/api/auth/token' || !post.requestBody || !('content' in post.requestBody)) continue;
    if (!post.requestBody.content['application/json']) continue;
    post.parameters = [...(post.parameters ?? []), PARAMETER];
  }
}
