/**
 * The baseline of the HTTP bench: a minimal Nest app (Express platform, as the API uses) answering a
 * static JSON document of about a review's size on GET and POST, with no database and no auth. What
 * Nest and Node cost on this machine before any of our work.
 */
import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

const STATIC_REVIEW = {
  id: '00000000-0000-4000-8000-000000000000',
  reference: 'BARE/2026/1',
  stage: 'setup',
  onHold: false,
  deadlines: Array.from({ length: 4 }, (_, i) => ({ kind: `clock-${i}`, dueAt: '2026-12-01T00:00:00.000Z', status: 'open' })),
  allowedEvents: ['APPOINT_CHAIR', 'AGREE_TERMS_OF_REFERENCE', 'REQUEST_SCOPING', 'PAUSE', 'CLOSE'],
};

@Controller('api/bare')
class BareController {
  @Get(':id')
  get() {
    return STATIC_REVIEW;
  }

  @Post(':id/events')
  @HttpCode(200)
  post(@Body() _body: unknown) {
    return STATIC_REVIEW;
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

/** Starts the bare app on a free port of 127.0.0.1. */
export async function startBareNest(): Promise<{ app: INestApplication; origin: string }> {
  const app = await NestFactory.create(BareModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, origin: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}
