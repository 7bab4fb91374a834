import { randomBytes } from 'node:crypto';
import { createServer, connect, Server, Socket } from 'node:net';
import { AddressInfo } from 'node:net';
import { seedPartnership } from './support/actors';
import { notificationIdOf, notificationRows, sql } from './support/notifications-db';
import { daysAgo, notifiedSoDecisionDueIn, reviewBody } from './support/review-driver';
import { exactDueTimesRulebook } from './support/rulebooks';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp } from './support/test-app';
import { sleep, waitFor } from './support/wait-for';

/** A TCP relay to the local Postgres that the test can cut (connections dropped, new ones refused) and restore. */
class CuttablePostgres {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async start(): Promise<this> {
    await this.listen();
    return this;
  }

  cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server!;
    this.server = null;
    return new Promise((resolve) => server.close(() => resolve()));
  }

  restore(): Promise<void> {
    return this.listen();
  }

  private listen(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(5432, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => this.sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    return new Promise((resolve) =>
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.address() as AddressInfo).port;
        resolve();
      }),
    );
  }
}

describe('alarms due during a Postgres outage', () => {
  let smtp: SmtpSink;
  let pg: CuttablePostgres;
  beforeEach(async () => {
    smtp = await new SmtpSink().start();
    pg = await new CuttablePostgres().start();
  });
  afterEach(async () => {
    await smtp.stop();
    await pg.cut();
  });

  it('go out within 30 s of its end, once', async () => {
    const database = `postgres://postgres@127.0.0.1:${pg.port}/dhr_test_outage_${randomBytes(4).toString('hex')}`;
    const t = await startTestApp({
      withWorker: true,
      env: { DATABASE_URL: database, RULEBOOK_FILE: exactDueTimesRulebook(), SMTP_URL: smtp.url },
    });
    try {
      const s = await seedPartnership(t, 'OUT');
      const body = reviewBody(s.partnership.id, { notifiedAt: notifiedSoDecisionDueIn(25), deathDate: daysAgo(40).slice(0, 10) });
      const res = await t.http().post('/api/reviews').set(s.coordinator.auth).send(body);
      expect(res.status).toBe(201);
      const reviewId: string = res.body.id;
      await waitFor('the reminders due at once', async () => {
        const rows = await notificationRows(t.config, reviewId);
        return rows.length >= 3 && rows.every((n) => n.status === 'sent');
      });

      // The decision clock's escalation falls due in the middle of a 75 s outage.
      await pg.cut();
      await sleep(75_000);
      await pg.restore();
      const restoredAt = Date.now();

      const escalations = await waitFor(
        'the escalations',
        async () => {
          const rows = (await notificationRows(t.config, reviewId)).filter((n) => n.template === 'clock.escalation');
          return rows.length >= 1 && rows.every((n) => n.status === 'sent') ? rows : null;
        },
        30_000,
        500,
      );
      const sent = await sql<{ sent_at: Date }>(t.config, `SELECT sent_at FROM notifications WHERE id = ANY($1::uuid[])`, [
        escalations.map((e) => e.id),
      ]);
      for (const row of sent) expect(row.sent_at.getTime() - restoredAt).toBeLessThan(30_000);
      await sleep(2000);
      const all = await notificationRows(t.config, reviewId);
      const delivered = smtp.received.map((m) => notificationIdOf(m.messageId));
      expect([...delivered].sort()).toEqual(all.map((n) => n.id).sort());
    } finally {
      await t.close();
    }
  }, 180_000);
});
