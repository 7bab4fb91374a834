import request from 'supertest';
import { TcpProxy } from '../support/tcp-proxy';
import { ADMIN, isolatedEnv } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { Agent, visibleText, webSignIn } from '../support/web-forms';

/** While Postgres or Redis (the sessions) is unreachable, pages say the service is unavailable: 503, no stack trace. */
describe('web: a dependency unreachable', () => {
  let t: WebTestApp;
  let pg: TcpProxy;
  let redis: TcpProxy;
  let agent: Agent;
  /** Where '/' sends the signed-in administrator: a page that reads Postgres. */
  let home: string;

  beforeAll(async () => {
    pg = await TcpProxy.start({ host: '127.0.0.1', port: 5432 });
    redis = await TcpProxy.start({ host: '127.0.0.1', port: 6379 });
    const base = isolatedEnv();
    t = await startWebTestApp({ env: { DATABASE_URL: pg.through(base.DATABASE_URL), REDIS_URL: redis.through(base.REDIS_URL) } });
    agent = request.agent(t.server);
    expect((await webSignIn(agent, ADMIN.email, ADMIN.password, new Map())).status).toBe(200);
    const root = await agent.get('/');
    home = root.status === 303 ? root.headers.location : '/';
  });
  afterAll(async () => {
    await pg.restore();
    await redis.restore();
    await t.close();
    await pg.cut();
    await redis.cut();
  });

  const expectUnavailablePage = (res: request.Response) => {
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(visibleText(res.text)).toContain('Sorry, the service is unavailable');
    expect(res.text).not.toMatch(/\n\s+at |ECONNREFUSED|127\.0\.0\.1/);
  };

  it('Postgres cut: the unavailable page, then the page again once it is back', async () => {
    expect((await agent.get(home)).status).toBe(200);
    await pg.cut();
    expectUnavailablePage(await agent.get(home));
    await pg.restore();
    await waitFor('the home page again', async () => (await agent.get(home)).status === 200, 10_000);
  });

  it('Redis cut (the sessions): the unavailable page, then the page again once it is back', async () => {
    await redis.cut();
    expectUnavailablePage(await agent.get(home));
    await redis.restore();
    await waitFor('the home page again', async () => (await agent.get(home)).status === 200, 15_000);
  });
});
