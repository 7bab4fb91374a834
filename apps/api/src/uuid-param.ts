import { ParseUUIDPipe } from '@nestjs/common';
import { ApiError } from '@dhr/core';

/** `:id` path parameters: a malformed id is a 400 naming the field, before any lookup. */
export const UUID_PARAM = new ParseUUIDPipe({ exceptionFactory: () => ApiError.field('id', 'must be a UUID') });
