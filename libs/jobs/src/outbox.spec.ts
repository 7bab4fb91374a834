import type { DataSource, EntityManager } from 'typeorm';
import { OutboxRelay } from './outbox';

/** A DataSource whose outbox is an array: SELECT … SKIP LOCKED hands out rows not taken by a running batch. */
function fakeOutbox(rows: { id: string; topic: string; payload: object }[]) {
  const relayed = new Set<string>();
  const taken = new Set<string>();
  const statements: string[] = [];
  const db = {
    async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
      const mine: string[] = [];
      const manager = {
        async query(sql: string, params: unknown[]) {
          statements.push(sql.split(' ')[0]);
          if (sql.startsWith('SELECT')) {
            const limit = params[0] as number;
            const batch = rows.filter((r) => !relayed.has(r.id) && !taken.has(r.id)).slice(0, limit);
            for (const r of batch) {
              taken.add(r.id);
              mine.push(r.id);
            }
            return batch;
          }
          for (const id of params[0] as string[]) relayed.add(id);
          return [];
        },
      } as unknown as EntityManager;
      try {
        return await work(manager);
      } finally {
        for (const id of mine) taken.delete(id);
      }
    },
  } as unknown as DataSource;
  return { db, relayed, statements };
}

describe('OutboxRelay (batched)', () => {
  it("calls each topic's handler once per batch with all its rows, and marks the batch relayed in one statement", async () => {
    const rows = [
      { id: '1', topic: 'clock.changed', payload: { clockId: 'a' } },
      { id: '2', topic: 'notification.created', payload: { notificationId: 'n1' } },
      { id: '3', topic: 'clock.changed', payload: { clockId: 'b' } },
      { id: '4', topic: 'notification.created', payload: { notificationId: 'n2' } },
    ];
    const { db, relayed, statements } = fakeOutbox(rows);
    const relay = new OutboxRelay(db);
    const clocks: string[][] = [];
    const emails: string[] = [];
    relay.onBatch('clock.changed', async (payloads) => void clocks.push(payloads.map((p) => p.clockId)));
    relay.on('notification.created', async ({ notificationId }) => void emails.push(notificationId));

    expect(await relay.relayPending()).toBe(4);
    expect(clocks).toEqual([['a', 'b']]);
    expect(emails).toEqual(['n1', 'n2']);
    expect([...relayed].sort()).toEqual(['1', '2', '3', '4']);
    expect(statements.filter((s) => s === 'UPDATE')).toHaveLength(1);
  });

  it('relays a backlog bigger than a batch in several batches, each row once', async () => {
    const rows = Array.from({ length: 1234 }, (_, i) => ({ id: String(i + 1), topic: 'clock.changed', payload: { clockId: `c${i}` } }));
    const { db, relayed } = fakeOutbox(rows);
    const relay = new OutboxRelay(db);
    const seen: string[] = [];
    relay.onBatch('clock.changed', async (payloads) => void seen.push(...payloads.map((p) => p.clockId)));

    expect(await relay.relayPending()).toBe(1234);
    expect(seen).toHaveLength(1234);
    expect(new Set(seen).size).toBe(1234);
    expect(relayed.size).toBe(1234);
  });

  it('leaves a batch unrelayed when a handler fails (the sweep tries again)', async () => {
    const { db, relayed } = fakeOutbox([{ id: '1', topic: 'clock.changed', payload: { clockId: 'a' } }]);
    const relay = new OutboxRelay(db);
    relay.onBatch('clock.changed', async () => {
      throw new Error('redis down');
    });
    await expect(relay.relayPending()).rejects.toThrow('redis down');
    expect(relayed.size).toBe(0);
  });

  it('relays a row committed just as a run ends: a call in the moment between its last empty batch and its end starts a new run', async () => {
    // Each delay is a number of microtasks after the run's last (empty) SELECT: together they cover the
    // moment after the run has decided it is done and before it has let go, where a call was once lost.
    for (let delay = 0; delay < 40; delay++) {
      const rows: { id: string; topic: string; payload: object }[] = [];
      const { db, relayed } = fakeOutbox(rows);
      const relay = new OutboxRelay(db);
      relay.on('notification.created', async () => undefined);
      let late: Promise<number> | null = null;
      const query = (db as unknown as { transaction: DataSource['transaction'] }).transaction.bind(db);
      (db as unknown as { transaction: unknown }).transaction = (work: (m: EntityManager) => Promise<unknown>) =>
        query(async (manager: EntityManager) => {
          const result = await work(manager);
          if (!late && result === 0) {
            let chain = Promise.resolve();
            for (let i = 0; i < delay; i++) chain = chain.then(() => undefined);
            late = chain.then(() => {
              rows.push({ id: 'late', topic: 'notification.created', payload: { notificationId: 'n' } });
              return relay.relayPending();
            });
          }
          return result;
        });
      await relay.relayPending();
      await late;
      await new Promise((r) => setImmediate(r));
      expect({ delay, relayed: relayed.has('late') }).toEqual({ delay, relayed: true });
    }
  });
});
