import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@dhr/core';

/** `:id` path parameters: a malformed id is a 400 naming the field, before any lookup. */
export const UUID_PARAM = new ParseUUIDPipe({ exceptionFactory: () => DomainError.field('id', 'must be a UUID') });
