import IORedis, { Redis } from 'ioredis';

/** BullMQ needs maxRetriesPerRequest: null so blocking worker calls wait out a Redis blip. */
export function createRedis(url: string): Redis {
  return new IORedis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}
