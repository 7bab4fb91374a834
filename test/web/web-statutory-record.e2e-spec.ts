import request from 'supertest';
import { seedPartnership, Seed } from '../support/actors';
import { reviewBody, send } from '../support/review-driver';
import { reviewWaitingForSignOff } from '../support/signoff-driver';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { Agent, csrfOf, visibleText, webSignIn } from '../support/web-forms';

const PASSWORD = 'a-long-enough-test-password';

/** Today in London as a date input's day, month and year. */
function today(prefix: string): Record<string, string> {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()).split('-');
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year };
}

/**
 * The statutory record in the pages (workflow v3): the guidance's steps on the Tasks page,
 * recorded through their own forms (with GOV.UK errors), and the report versions a sign-off
 * records shown before it is recorded.
 */
describe('web: the guidance’s steps and the report versions on the record', () => {
  let t: WebTestApp;
  let s: Seed;
  let reviewId: string;
  const secrets = new Map<string, string>();
  const agents: Record<string, Agent> = {};

  beforeAll(async () => {
    t = await startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } });
    s = await seedPartnership(t, 'WSTR');
    for (const [who, email] of [
      ['coordinator', s.coordinator.email],
      ['csp', s.cspChair.email],
      ['police', s.policeContact.email],
    ]) {
      agents[who] = request.agent(t.server);
      expect((await webSignIn(agents[who], email, PASSWORD, secrets)).status).toBe(200);
    }
    reviewId = (await reviewWaitingForSignOff(t, s)).id;
  });
  afterAll(() => t?.close());

  async function post(agent: Agent, path: string, fields: Record<string, string>) {
    const form = await agent.get(path);
    expect(form.status).toBe(200);
    const version = /name="expectedVersion" value="(\d+)"/.exec(form.text)?.[1];
    return agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfOf(form.text), ...(version ? { expectedVersion: version } : {}), ...fields });
  }

  it('lists the steps with their status, warns without a specialist service on the panel, and records one with its organisation', async () => {
    const tasks = await agents.coordinator.get(`/reviews/${reviewId}/tasks`);
    const text = visibleText(tasks.text);
    expect(text).toContain('Steps the guidance asks for');
    expect(text).not.toContain('Some tasks cannot be done from these pages yet');
    expect(text).toContain('Specialist advocacy offered to the family');
    expect(text).toContain('Report shown to the family before it goes to the Home Office');
    expect(text).toContain('Record why the family was not shown it');
    expect(tasks.text).toContain(`/reviews/${reviewId}/tasks/RECORD_GUIDANCE_STEP.advocacy_offered`);
    // The panel is formed by now: no warning about it at sign-off.
    expect(text).not.toContain('No specialist domestic abuse service is on the panel');

    const path = `/reviews/${reviewId}/tasks/RECORD_GUIDANCE_STEP.advocacy_offered`;
    const missing = await post(agents.coordinator, path, today('doneAt'));
    expect(missing.status).toBe(400);
    expect(visibleText(missing.text)).toContain('Enter which advocacy service was offered');

    const done = await post(agents.coordinator, path, { ...today('doneAt'), organisation: 'AAFDA' });
    expect(done.status).toBe(303);
    const after = visibleText((await agents.coordinator.get(`/reviews/${reviewId}/tasks`)).text);
    expect(after).toMatch(/Specialist advocacy offered to the family\s+Done on .*; service: AAFDA\s+Completed/);
  });

  it('records why the family was not shown the report, and the timeline says so', async () => {
    const path = `/reviews/${reviewId}/tasks/RECORD_GUIDANCE_STEP.family_not_shown_report`;
    const missing = await post(agents.coordinator, path, today('doneAt'));
    expect(missing.status).toBe(400);
    const done = await post(agents.coordinator, path, { ...today('doneAt'), note: 'The family asked not to see it' });
    expect(done.status).toBe(303);
    const tasks = visibleText((await agents.coordinator.get(`/reviews/${reviewId}/tasks`)).text);
    expect(tasks).toMatch(/Not done \(recorded .*\): The family asked not to see it\s+Not done/);
    const timeline = visibleText((await agents.coordinator.get(`/reviews/${reviewId}/timeline`)).text);
    expect(timeline).toContain('Recorded why the family was not shown the report');
  });

  it('shows the CSP chair which versions the sign-off records, on the form and the check page', async () => {
    const onBehalf = visibleText((await agents.coordinator.get(`/reviews/${reviewId}/tasks/CSP_SIGN_OFF.on-behalf`)).text);
    expect(onBehalf).toMatch(/The versions that will be recorded .*Overview report\s+Version 2/);
    const form = visibleText((await agents.csp.get(`/reviews/${reviewId}/tasks/CSP_SIGN_OFF`)).text);
    expect(form).toContain('The versions that will be recorded');
    expect(form).toMatch(/Overview report\s+Version 2/);
    expect(form).toMatch(/Action plan\s+None in the file/);
    const next = await post(agents.csp, `/reviews/${reviewId}/tasks/CSP_SIGN_OFF`, today('signedAt'));
    expect(next.status).toBe(303);
    const check = visibleText((await agents.csp.get(next.headers.location)).text);
    expect(check).toMatch(/Overview report\s+Version 2/);
    const confirmed = await agents.csp
      .post(next.headers.location)
      .type('form')
      .send({ _csrf: csrfOf((await agents.csp.get(next.headers.location)).text) });
    expect(confirmed.status).toBe(303);
    // The Overview and the timeline show what was signed off.
    const overview = visibleText((await agents.coordinator.get(`/reviews/${reviewId}`)).text);
    expect(overview).toContain('Signed off Overview report version 2, executive summary version 1');
    const timeline = visibleText((await agents.coordinator.get(`/reviews/${reviewId}/timeline`)).text);
    expect(timeline).toMatch(/Report signed off .*Overview report: version 2/);
  });

  it('shows an agency contact none of the steps, and refuses them the forms', async () => {
    const tasks = visibleText((await agents.police.get(`/reviews/${reviewId}/tasks`)).text);
    expect(tasks).not.toContain('Steps the guidance asks for');
    expect((await agents.police.get(`/reviews/${reviewId}/tasks/RECORD_GUIDANCE_STEP.advocacy_offered`)).status).toBe(403);
  });

  it('keeps the senior manager’s sign-off an IMR arrives with', async () => {
    // A second review gathering information, the police IMR requested.
    const created = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met', deathType: 'homicide' });
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await send(t, s.chair, id, { type: 'AGREE_TERMS_OF_REFERENCE', periodFrom: '2021-01-01', periodTo: '2026-01-01' });
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id });
    // Only the police on the panel while information is gathered: the guidance asks for a specialist service.
    const gathering = visibleText((await agents.coordinator.get(`/reviews/${id}/tasks`)).text);
    expect(gathering).toContain('Warning No specialist domestic abuse service is on the panel. The statutory guidance asks for one.');

    const received = await post(agents.police, `/reviews/${id}/tasks/RECEIVE_IMR`, {
      agencyId: s.police.id,
      ...today('receivedAt'),
      signedOffBy: 'Detective Superintendent',
      ...today('signedOffAt'),
    });
    expect(received.status).toBe(303);
    const tasks = visibleText((await agents.coordinator.get(`/reviews/${id}/tasks`)).text);
    expect(tasks).toMatch(/IMR from WSTR Police signed off by a senior manager\s+Signed off on .* by Detective Superintendent\s+Completed/);
  });

  it('lets the coordinator record the CSP chair’s sign-off made at a board meeting, naming both people', async () => {
    const { id } = await reviewWaitingForSignOff(t, s);
    const tasks = await agents.coordinator.get(`/reviews/${id}/tasks`);
    expect(visibleText(tasks.text)).toContain('Record a step for a chair or CSP chair');
    expect(tasks.text).toContain(`/reviews/${id}/tasks/CSP_SIGN_OFF.on-behalf`);
    // Not for anyone else.
    expect((await agents.police.get(`/reviews/${id}/tasks/CSP_SIGN_OFF.on-behalf`)).status).toBe(403);

    const path = `/reviews/${id}/tasks/CSP_SIGN_OFF.on-behalf`;
    const missing = await post(agents.coordinator, path, today('signedAt'));
    expect(missing.status).toBe(400);
    const errors = visibleText(missing.text);
    expect(errors).toContain('Select who did this');
    expect(errors).toContain('Enter what records it');

    const next = await post(agents.coordinator, path, {
      onBehalfOf: s.cspChair.id,
      ...today('signedAt'),
      evidence: 'CSP board minutes, 12 November 2026, item 3',
    });
    expect(next.status).toBe(303);
    const check = await agents.coordinator.get(next.headers.location);
    expect(visibleText(check.text)).toContain('CSP board minutes, 12 November 2026, item 3');
    const confirmed = await agents.coordinator
      .post(next.headers.location)
      .type('form')
      .send({ _csrf: csrfOf(check.text) });
    expect(confirmed.status).toBe(303);

    const timeline = visibleText((await agents.coordinator.get(`/reviews/${id}/timeline`)).text);
    expect(timeline).toMatch(/Report signed off .*on behalf of/);
    expect(timeline).toContain('Evidence: CSP board minutes, 12 November 2026, item 3');
  });
});
