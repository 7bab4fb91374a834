import { ApiOkResponse } from '@nestjs/swagger';

/** A download: the bytes as they are, in one of these media types (errors stay JSON: `ApiErrors`). */
export function ApiFileResponse(description: string, mediaTypes: readonly string[], format: 'binary' | 'text' = 'binary') {
  const schema = format === 'binary' ? { type: 'string', format: 'binary' } : { type: 'string' };
  return ApiOkResponse({ description, content: Object.fromEntries(mediaTypes.map((type) => [type, { schema }])) });
}
