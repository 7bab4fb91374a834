import request from 'supertest';
import { seedPartnership, Seed, Session } from '../support/actors';
import { daysAgo, daysAhead, reviewBody, send } from '../support/review-driver';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { Agent, csrfOf, webSignIn, visibleText as pageText } from '../support/web-forms';

const PASSWORD = 'a-long-enough-test-password';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
// A distinctive identifying term: it must never reach a page other than the coordinators' own.
const VICTIM = 'Philippa Quenby-Marsh';
const MAX_BYTES = 64 * 1024;

/** The page's text, apostrophes as typed. */
const visibleText = (html: string) => pageText(html).replace(/&#39;|&rsquo;|’/g, "'");

function today(prefix: string): Record<string, string> {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()).split('-');
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year };
}

interface FileToSend {
  bytes: Buffer;
  name: string;
}

/**
 * Uploading in the pages, as a browser without JavaScript sends a multipart form: an agency's
 * IMR recorded as received, a chronology's line-numbered problems, the wrong kind of file, one
 * too big, no CSRF token, someone who may not see the review, the chair's draft with the
 * anonymisation check's counts (never the terms), and "Requests to my agency".
 */
describe('web: uploads, drafts and requests to my agency', () => {
  let t: WebTestApp;
  let s: Seed;
  let other: Seed;
  const secrets = new Map<string, string>();
  const agents: Record<string, Agent> = {};
  const pages: string[] = [];

  async function open(agent: Agent, path: string, status = 200): Promise<request.Response> {
    const res = await agent.get(path);
    expect(res.status).toBe(status);
    pages.push(res.text);
    return res;
  }

  /** GET the form's page for its token, then POST the multipart form (token first, as the page's form sends it). */
  async function upload(
    agent: Agent,
    page: string,
    fields: Record<string, string>,
    files: FileToSend[],
    token: 'valid' | 'none' | 'wrong' = 'valid',
  ): Promise<request.Response> {
    const form = await open(agent, page);
    let req = agent.post(page.split('?')[0]);
    if (token !== 'none') req = req.field('_csrf', token === 'valid' ? csrfOf(form.text) : 'not-the-token');
    for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
    for (const file of files) req = req.attach('file', file.bytes, file.name);
    const res = await req;
    if (res.status !== 303) pages.push(res.text);
    return res;
  }

  const api = (who: Session, path: string) => t.http().get(`/api${path}`).set(who.auth);
  const documentsOf = async (reviewId: string) => (await api(s.coordinator, `/reviews/${reviewId}/documents`)).body as { type: string }[];

  /** A review in information gathering with the police on the panel and their IMR requested. */
  async function gatheringReview(): Promise<string> {
    const id = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id as string;
    await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
    await send(t, s.coordinator, id, { type: 'HOME_OFFICE_INFORMED', sentAt: daysAgo(44) });
    // Recorded after the fact, in order (v3): each step dated after the one it follows.
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id, occurredAt: daysAgo(42) });
    await send(t, s.chair, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id, occurredAt: daysAgo(41) });
    await send(t, s.chair, id, {
      type: 'AGREE_TERMS_OF_REFERENCE',
      agreedAt: daysAgo(40),
      periodFrom: '2021-01-01',
      periodTo: '2026-01-01',
    });
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id, dueAt: daysAhead(5), occurredAt: daysAgo(39) });
    return id;
  }

  async function draftingReview(): Promise<string> {
    const id = await gatheringReview();
    await send(t, s.policeContact, id, { type: 'RECEIVE_IMR', agencyId: s.police.id, receivedAt: daysAgo(2) });
    await send(t, s.chair, id, { type: 'BEGIN_DRAFTING' });
    return id;
  }

  let gathering: string;

  beforeAll(async () => {
    t = await startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000', DOCUMENT_MAX_BYTES: String(MAX_BYTES) } });
    s = await seedPartnership(t, 'UPL');
    other = await seedPartnership(t, 'UPO');
    for (const [who, email] of [
      ['coordinator', s.coordinator.email],
      ['chair', s.chair.email],
      ['police', s.policeContact.email],
      ['health', s.healthContact.email],
      ['otherCoordinator', other.coordinator.email],
    ]) {
      agents[who] = request.agent(t.server);
      expect((await webSignIn(agents[who], email, PASSWORD, secrets)).status).toBe(200);
    }
    gathering = await gatheringReview();
  });
  afterAll(async () => {
    // No page shows an id where a name exists, or the identifying term.
    for (const html of pages) {
      expect(visibleText(html)).not.toMatch(UUID);
      expect(html).not.toContain('Quenby');
    }
    await t?.close();
  });

  it('refuses an upload without this session’s CSRF token, storing nothing', async () => {
    const page = `/reviews/${gathering}/documents/upload`;
    const file = { bytes: Buffer.from('IMR text'), name: 'imr.txt' };
    expect((await upload(agents.police, page, { type: 'imr' }, [file], 'none')).status).toBe(403);
    expect((await upload(agents.police, page, { type: 'imr' }, [file], 'wrong')).status).toBe(403);
    // Not even a too-big file gets past a missing token to a form error.
    const big = { bytes: Buffer.alloc(MAX_BYTES + 10, 'a'), name: 'big.txt' };
    expect((await upload(agents.police, page, { type: 'imr' }, [big], 'none')).status).toBe(403);
    expect(await documentsOf(gathering)).toEqual([]);
  });

  it('shows the form errors: no file, the wrong kind of file (415), too big (413), a chronology’s lines (400); nothing stored', async () => {
    const page = `/reviews/${gathering}/documents/upload`;
    const form = await open(agents.police, page);
    // Only what an agency contact may upload: their IMR and chronology.
    expect(form.text).toContain('value="imr"');
    expect(form.text).toContain('value="chronology"');
    expect(form.text).not.toContain('value="overview_report"');
    expect(form.text).toContain('enctype="multipart/form-data"');
    expect(form.text).toContain('multiple');

    const none = await upload(agents.police, page, { type: 'imr' }, []);
    expect(none.status).toBe(400);
    expect(none.text).toContain('There is a problem');
    expect(none.text).toMatch(/<a href="#file">Select a file to upload<\/a>/);

    const noType = await upload(agents.police, page, {}, [{ bytes: Buffer.from('x'), name: 'a.txt' }]);
    expect(noType.status).toBe(400);
    expect(noType.text).toMatch(/<a href="#type">Select what the document is<\/a>/);

    const binary = await upload(agents.police, page, { type: 'imr' }, [{ bytes: Buffer.from([0, 1, 2, 0xff, 0xfe]), name: 'imr.exe' }]);
    expect(binary.status).toBe(415);
    expect(visibleText(binary.text)).toContain('The selected file must be a PDF, Word (DOCX), Excel (XLSX)');

    const big = await upload(agents.police, page, { type: 'imr' }, [{ bytes: Buffer.alloc(MAX_BYTES + 10, 'a'), name: 'big.txt' }]);
    expect(big.status).toBe(413);
    expect(big.text).toContain('The selected file must be smaller than 64KB');

    const csv = 'date,agency,event,source\n2024-01-02,Police,Call,PNC\n31/02/2024,Police,Visit,Log 7\n2024-01-04,Police,,Log 8\n';
    const lines = await upload(agents.police, page, { type: 'chronology' }, [{ bytes: Buffer.from(csv), name: 'chronology.csv' }]);
    expect(lines.status).toBe(400);
    const text = visibleText(lines.text);
    expect(text).toMatch(/Line 3: the date [^.]+/);
    expect(text).toContain('Line 4: the event is required');
    expect(lines.text).toMatch(/<a href="#file">Line 3: the date/);
    expect(text).toContain('The chronology has 2 problems');

    // Files of 0 to 4 bytes (an image's magic cut short) on every upload form: empty is a 400, the rest a 415; never a 500.
    const magic = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
    const forms: [Agent, string, Record<string, string>, string][] = [
      [agents.police, page, { type: 'imr' }, 'imr.docx'],
      [agents.police, page, { type: 'chronology' }, 'chronology.csv'],
      [agents.chair, `/reviews/${gathering}/drafts`, { type: 'overview_report', title: 'Short' }, 'draft.pdf'],
    ];
    for (const [agent, formPage, fields, name] of forms) {
      for (let n = 0; n <= 4; n++) {
        const res = await upload(agent, formPage, fields, [{ bytes: magic.subarray(0, n), name }]);
        expect({ formPage, fields, n, status: res.status }).toEqual({ formPage, fields, n, status: n === 0 ? 400 : 415 });
        expect(visibleText(res.text)).toContain(n === 0 ? 'The selected file is empty' : 'The selected file must be a PDF');
      }
    }

    expect(await documentsOf(gathering)).toEqual([]);
  });

  it('an agency contact uploads the IMR in two files: the review records the IMR received, and a banner says so', async () => {
    const page = `/reviews/${gathering}/documents/upload?type=imr`;
    const res = await upload(agents.police, page, { type: 'imr' }, [
      { bytes: Buffer.from('Police IMR, part one'), name: 'imr-1.txt' },
      { bytes: Buffer.from('Police IMR, part two'), name: 'imr-2.txt' },
    ]);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/reviews/${gathering}`);
    const review = await open(agents.police, `/reviews/${gathering}`);
    expect(review.text).toContain('govuk-notification-banner--success');
    expect(visibleText(review.text)).toContain('IMR (individual management review) uploaded (2 files). This recorded: IMR received.');
    const body = (await api(s.coordinator, `/reviews/${gathering}`)).body;
    expect(body.panel).toEqual([expect.objectContaining({ agencyId: s.police.id, imr: 'received' })]);
    const history = (await api(s.coordinator, `/reviews/${gathering}/history`)).body as { type: string }[];
    expect(history.filter((e) => e.type === 'RECEIVE_IMR')).toHaveLength(1);
    expect((await documentsOf(gathering)).map((d) => d.type)).toEqual(['imr', 'imr']);

    // A good chronology is stored too (the IMR is already received: no second event).
    const csv = 'date,agency,event,source\n2024-01-02,Police,Call,PNC\n';
    const chronology = await upload(agents.police, `/reviews/${gathering}/documents/upload`, { type: 'chronology' }, [
      { bytes: Buffer.from(csv), name: 'chronology.csv' },
    ]);
    expect(chronology.status).toBe(303);
    expect(visibleText((await open(agents.police, `/reviews/${gathering}`)).text)).toContain('Chronology uploaded.');
  });

  it('another agency, or another partnership, meets the 404 page for the review’s upload and drafts pages', async () => {
    for (const who of ['health', 'otherCoordinator']) {
      await open(agents[who], `/reviews/${gathering}/documents/upload`, 404);
      // A POST with the person's own valid token: still the 404 page, and nothing stored.
      const own = await agents[who].get(who === 'health' ? '/requests' : '/reviews');
      const post = await agents[who]
        .post(`/reviews/${gathering}/documents/upload`)
        .field('_csrf', csrfOf(own.text))
        .field('type', 'imr')
        .attach('file', Buffer.from('x'), 'x.txt');
      expect(post.status).toBe(404);
    }
    await open(agents.otherCoordinator, `/reviews/${gathering}/drafts`, 404);
    await open(agents.police, `/reviews/${gathering}/drafts`, 403);
    expect((await documentsOf(gathering)).map((d) => d.type)).toEqual(['imr', 'imr', 'chronology']);
  });

  it('the independent chair uploads a draft: SUBMIT_DRAFT recorded, the check’s counts shown, never the term', async () => {
    const id = await draftingReview();
    const put = await t
      .http()
      .put(`/api/reviews/${id}/identifying-terms`)
      .set(s.coordinator.auth)
      .send({ terms: [VICTIM] });
    expect(put.status).toBe(200);

    const tasks = await open(agents.chair, `/reviews/${id}/tasks`);
    expect(tasks.text).toContain(`href="/reviews/${id}/drafts"`);
    expect(tasks.text).toContain('Upload a draft report');

    const empty = await open(agents.chair, `/reviews/${id}/drafts`);
    expect(empty.text).toContain('No drafts have been uploaded yet');
    expect(empty.text).toContain('records it as a draft submitted');

    const report = Buffer.from(`Overview report\nThe victim, ${VICTIM}, lived alone.\nAdult A's family was told.\n`);
    const res = await upload(agents.chair, `/reviews/${id}/drafts`, { type: 'overview_report', title: 'First draft' }, [
      { bytes: report, name: 'overview.txt' },
    ]);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/reviews/${id}/drafts`);
    const drafts = await open(agents.chair, `/reviews/${id}/drafts`);
    const text = visibleText(drafts.text);
    expect(text).toContain('Overview report uploaded. This recorded: Draft submitted.');
    expect(text).toContain('Identifying terms found');
    expect(text).toContain('1 identifying term found, 1 time in all');
    expect(text).toContain('Remove them before the draft is shared or published');
    expect(text).toContain('First draft');
    const history = (await api(s.coordinator, `/reviews/${id}/history`)).body as { type: string }[];
    expect(history.map((e) => e.type)).toContain('SUBMIT_DRAFT');
    // What the chair can do next, now that a draft exists.
    expect(drafts.text).toContain(`href="/reviews/${id}/tasks/SHARE_DRAFT_WITH_FAMILY"`);

    // An anonymised executive summary: clean. The coordinator sees the same counts, not the term.
    const clean = await upload(agents.chair, `/reviews/${id}/drafts`, { type: 'executive_summary' }, [
      { bytes: Buffer.from('Executive summary about Adult A.'), name: 'summary.txt' },
    ]);
    expect(clean.status).toBe(303);
    const coordinatorView = visibleText((await open(agents.coordinator, `/reviews/${id}/drafts`)).text);
    expect(coordinatorView).toContain('No identifying terms found');
    expect(coordinatorView).toContain('1 identifying term found, 1 time in all');

    // Not a draft kind on the drafts form.
    const wrong = await upload(agents.chair, `/reviews/${id}/drafts`, { type: 'imr' }, [{ bytes: Buffer.from('x'), name: 'x.txt' }]);
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(/<a href="#type">Select what the document is<\/a>/);
  });

  it('Requests to my agency: IMR and actions across reviews with due tags, and an action completed from its link', async () => {
    // A review in its action plan with an action for the police, due in 5 days.
    const id = await draftingReview();
    await send(t, s.chair, id, { type: 'SUBMIT_DRAFT', note: 'final draft' });
    await send(t, s.chair, id, { type: 'FAMILY_NOT_INVOLVED', reason: 'the family declined' });
    await send(t, s.chair, id, { type: 'SUBMIT_FOR_SIGNOFF' });
    await send(t, s.cspChair, id, { type: 'CSP_SIGN_OFF' });
    await send(t, s.coordinator, id, { type: 'SUBMIT_TO_HOME_OFFICE' });
    await send(t, s.coordinator, id, { type: 'QA_OUTCOME', outcome: 'approved' });
    await send(t, s.coordinator, id, { type: 'PUBLISH', url: 'https://example.org/dhr/report.pdf' });
    const withAction = await send(t, s.coordinator, id, {
      type: 'ADD_ACTION',
      agencyId: s.police.id,
      description: 'Train call handlers on risk',
      dueAt: daysAhead(5),
    });
    const action = (withAction.actions as { id: string }[])[0];
    const reference = withAction.reference as string;
    const imrPending = await gatheringReview();
    const pendingRef = (await api(s.coordinator, `/reviews/${imrPending}`)).body.reference as string;

    const page = await open(agents.police, '/requests');
    const text = visibleText(page.text);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Requests to my agency</h1>');
    // Due dates as the pages write them since issue 11: "5pm on 9 December 2026", or the date then a time agreed.
    const due = '(?:5pm on \\d+ \\w+ \\d{4}|\\d+ \\w+ \\d{4}, (?:\\d{1,2}(?::\\d{2})?(?:am|pm)|midday|midnight))';
    expect(text).toMatch(new RegExp(`${reference} Action: Train call handlers on risk ${due} Due soon Record it complete`));
    expect(text).toMatch(
      new RegExp(`${pendingRef} IMR \\(individual management review\\) and chronology ${due} Due soon Upload the IMR or chronology`),
    );
    expect(text).toMatch(new RegExp(`${reference} IMR \\(individual management review\\) and chronology ${due} Done`));
    expect(page.text).toContain(`href="/reviews/${imrPending}/documents/upload?type=imr"`);
    // The review listing by reference stays.
    expect(page.text).toContain('id="reviews"');
    expect(page.text).toContain(`<a class="govuk-link" href="/reviews/${id}">${reference}</a>`);

    const link = `/reviews/${id}/tasks/COMPLETE_ACTION?actionId=${action.id}`;
    expect(page.text).toContain(link.replace(/&/g, '&amp;'));
    const form = await open(agents.police, link);
    expect(form.text).toMatch(new RegExp(`value="${action.id}" checked`));
    const done = await agents.police
      .post(`/reviews/${id}/tasks/COMPLETE_ACTION`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), actionId: action.id, ...today('completedAt') });
    expect(done.status).toBe(303);
    const after = visibleText((await open(agents.police, '/requests')).text);
    expect(after).toMatch(new RegExp(`${reference} Action: Train call handlers on risk ${due} Done`));
  });
});
