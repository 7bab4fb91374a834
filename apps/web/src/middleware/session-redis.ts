import { Injectable, OnModuleDestroy } from '@nestjs/common';
import IORedis, { Redis } from 'ioredis';
import { AppConfig } from '@dhr/core';

/** The sessions' Redis connection, closed with the app. */
@Injectable()
export class SessionRedis implements OnModuleDestroy {
  readonly client: Redis;

  constructor(config: AppConfig) {
    // Fail a request quickly rather than queue it while Redis is away.
    this.client = new IORedis(config.REDIS_URL, { maxRetriesPerRequest: 2, enableReadyCheck: true });
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
