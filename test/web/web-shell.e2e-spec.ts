import { startWebTestApp, WebTestApp } from '../support/web-app';

/** The pages app beside the API on one server: routing, assets from our origin, headers, error pages. */
describe('web: the shell', () => {
  let t: WebTestApp;

  beforeAll(async () => {
    t = await startWebTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('hands /api, /health, /ready and /metrics to the API and everything else to the pages', async () => {
    expect((await t.http().get('/health')).body.status).toBe('ok');
    expect((await t.http().get('/ready')).status).toBe(200);
    expect((await t.http().get('/metrics')).status).toBe(401);
    const api = await t.http().get('/api/reviews');
    expect(api.status).toBe(401);
    expect(api.body).toEqual(expect.objectContaining({ error: 'unauthorized' }));
    const page = await t.http().get('/accessibility');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain('<h1 class="govuk-heading-l">Accessibility statement</h1>');
  });

  it('serves a generic header with the service name and our own footer: no crown, no GOV.UK logotype, no GDS Transport', async () => {
    const page = await t.http().get('/accessibility');
    expect(page.text).toContain('govuk-generic-header');
    expect(page.text).toContain(t.config.SERVICE_NAME);
    expect(page.text).toContain('href="#main-content"');
    for (const link of ['/accessibility', '/privacy', '/help']) expect(page.text).toContain(`href="${link}"`);
    expect(page.text).not.toMatch(/govuk-logo|govuk-header__logotype|govuk-footer__crown|aria-label="GOV.UK"/);
    expect(page.text).not.toMatch(/phase-banner/);
    const css = await t.http().get('/assets/css/app.css');
    expect(css.status).toBe(200);
    expect(css.text).not.toMatch(/GDS Transport|@font-face/);
    expect(css.text).toContain('system-ui');
  });

  it('serves govuk-frontend and MoJ scripts from our origin, and allows scripts only with the per-request nonce', async () => {
    for (const asset of ['/assets/js/app.mjs', '/assets/govuk/govuk-frontend.min.js', '/assets/moj/moj-frontend.min.js']) {
      const res = await t.http().get(asset);
      expect([asset, res.status]).toEqual([asset, 200]);
    }
    expect((await t.http().get('/assets/nothing-here.js')).status).toBe(404);
    const [one, two] = [await t.http().get('/help'), await t.http().get('/help')];
    const nonceOf = (csp: string) => /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    const nonce = nonceOf(one.headers['content-security-policy']);
    expect(nonce).toBeTruthy();
    expect(nonceOf(two.headers['content-security-policy'])).not.toBe(nonce);
    expect(one.headers['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(one.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
    // Every script element carries this response's nonce.
    const scripts = one.text.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    expect(one.headers['cache-control']).toBe('no-store');
    expect(one.headers['x-powered-by']).toBeUndefined();
  });

  it('answers an unknown page with the 404 page, and a bad form with a problem page, never a stack trace', async () => {
    const missing = await t.http().get('/no-such-page');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Page not found');
    const bad = await t.http().post('/help').type('form').send('a=%00');
    expect([400, 403, 404]).toContain(bad.status);
    expect(bad.text).not.toMatch(/at .*\.ts:\d+|Error:/);
  });
});
