import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type OutboxTopic = 'clock.changed' | 'notification.created';

/** Records work to do after commit, in the caller's transaction. Payloads carry ids only. */
@Injectable()
export class OutboxWriter {
  async add(manager: EntityManager, topic: OutboxTopic, payload: Record<string, string>): Promise<void> {
    await manager.query('INSERT INTO outbox (topic, payload) VALUES ($1, $2)', [topic, JSON.stringify(payload)]);
  }
}
