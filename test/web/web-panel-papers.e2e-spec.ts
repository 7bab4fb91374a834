import request from 'supertest';
import { seedPartnership, Seed } from '../support/actors';
import { uploadDocument } from '../support/document-driver';
import { daysAgo, reviewBody, send } from '../support/review-driver';
import { startWebTestApp, WebTestApp } from '../support/web-app';
import { Agent, csrfOf, visibleText, webSignIn } from '../support/web-forms';

const PASSWORD = 'a-long-enough-test-password';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

/** The buttons of the page's share forms, by their visible words. */
const shareButtons = (html: string) =>
  [...html.matchAll(/<form method="post" action="[^"]*\/sharing"[\s\S]*?<button[^>]*>([\s\S]*?)<\/button>/g)].map((m) =>
    m[1]
      .replace(/<[^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );

/**
 * Panel papers in the pages, as a browser without JavaScript: the coordinator and the review's chair
 * see "Share with the panel" (a POST form with the CSRF token) on each document that may be shared,
 * never on an agency's IMR; once shared, the Documents page tags it "Shared with the panel", and an
 * agency contact on the panel sees it in their list and downloads it; an agency asked only for
 * scoping does not; the chair stops sharing and it is gone again.
 */
describe('web: panel papers on the Documents page', () => {
  let t: WebTestApp;
  let s: Seed;
  let reviewId: string;
  let tor: string;
  let policeImr: string;
  const secrets = new Map<string, string>();
  const agents: Record<string, Agent> = {};

  const documentsPage = async (who: string) => {
    const res = await agents[who].get(`/reviews/${reviewId}/documents`);
    expect(res.status).toBe(200);
    return res.text;
  };
  const postSharing = async (who: string, documentId: string, withPanel: string) => {
    const page = await agents[who].get(`/reviews/${reviewId}/documents`);
    return agents[who]
      .post(`/reviews/${reviewId}/documents/${documentId}/sharing`)
      .redirects(0)
      .type('form')
      .send({ _csrf: csrfOf(page.text), withPanel });
  };

  beforeAll(async () => {
    t = await startWebTestApp({ env: { LOGIN_MAX_ATTEMPTS_PER_IP: '1000' } });
    s = await seedPartnership(t, 'WPP');
    reviewId = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id;
    await send(t, s.coordinator, reviewId, { type: 'REQUEST_SCOPING', agencyId: s.health.id });
    await send(t, s.cspChair, reviewId, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(10), rationale: 'criteria met' });
    await send(t, s.coordinator, reviewId, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.chair, reviewId, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    tor = (
      await uploadDocument(
        t,
        s.coordinator,
        reviewId,
        PDF,
        'tor.pdf',
        { type: 'terms_of_reference', title: 'Terms of reference' },
        'application/pdf',
      )
    ).body.id;
    policeImr = (
      await uploadDocument(t, s.policeContact, reviewId, PDF, 'imr.pdf', { type: 'imr', agencyId: s.police.id }, 'application/pdf')
    ).body.id;
    for (const [who, email] of [
      ['coordinator', s.coordinator.email],
      ['chair', s.chair.email],
      ['police', s.policeContact.email],
      ['health', s.healthContact.email],
    ]) {
      agents[who] = request.agent(t.server);
      expect((await webSignIn(agents[who], email, PASSWORD, secrets)).status).toBe(200);
    }
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('the coordinator sees "Share with the panel" on the terms of reference, not on the police IMR; the police contact does not see it yet', async () => {
    const page = await documentsPage('coordinator');
    expect(shareButtons(page)).toEqual(['Share with the panel: Terms of reference']);
    expect(page).toContain(`action="/reviews/${reviewId}/documents/${tor}/sharing"`);
    expect(page).not.toContain(`/documents/${policeImr}/sharing`);
    expect(visibleText(page)).toContain('Every agency contact on the panel can read a document you share with the panel.');
    expect(visibleText(page)).not.toContain('Shared with the panel');

    const police = await documentsPage('police');
    expect(police).not.toContain(`/documents/${tor}/versions/1`);
    expect(shareButtons(police)).toEqual([]);
    expect((await agents.police.get(`/reviews/${reviewId}/documents/${tor}/versions/1`)).status).toBe(404);
  });

  it('refuses sharing to an agency contact (403) and an IMR (400); a form without its token is refused (403)', async () => {
    expect((await postSharing('police', tor, 'true')).status).toBe(403);
    expect((await postSharing('coordinator', policeImr, 'true')).status).toBe(400);
    const withoutToken = await agents.coordinator
      .post(`/reviews/${reviewId}/documents/${tor}/sharing`)
      .redirects(0)
      .type('form')
      .send({ withPanel: 'true' });
    expect(withoutToken.status).toBe(403);
    expect(visibleText(await documentsPage('coordinator'))).not.toContain('Shared with the panel');
  });

  it('the coordinator shares it: back to the document with a banner, the tag, who and when, and "Stop sharing with the panel"', async () => {
    const res = await postSharing('coordinator', tor, 'true');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/reviews/${reviewId}/documents#document-${tor}`);
    const page = await documentsPage('coordinator');
    const text = visibleText(page);
    expect(text).toContain('Terms of reference is shared with the panel. Each agency contact on the panel has been emailed a link to it.');
    expect(page).toContain('<strong class="govuk-tag govuk-tag--blue">Shared with the panel</strong>');
    expect(text).toMatch(/Shared with the panel by coordinator WPP on \d{1,2} \w+ \d{4}/);
    expect(page).toContain(`id="document-${tor}"`);
    expect(shareButtons(page)).toEqual(['Stop sharing with the panel: Terms of reference']);
  });

  it('the police contact on the panel sees the tagged paper in their list and downloads it; no button for them', async () => {
    const page = await documentsPage('police');
    expect(page).toContain(`/reviews/${reviewId}/documents/${tor}/versions/1`);
    expect(page).toContain('<strong class="govuk-tag govuk-tag--blue">Shared with the panel</strong>');
    expect(visibleText(page)).toContain('Terms of reference');
    expect(visibleText(page)).not.toContain('Shared with the panel by');
    expect(shareButtons(page)).toEqual([]);
    const download = await agents.police.get(`/reviews/${reviewId}/documents/${tor}/versions/1`).buffer(true);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment/);
  });

  it('the health contact, asked only for scoping, does not see it', async () => {
    const page = await documentsPage('health');
    expect(page).not.toContain(`/documents/${tor}/versions/1`);
    expect((await agents.health.get(`/reviews/${reviewId}/documents/${tor}/versions/1`)).status).toBe(404);
  });

  it('the review’s chair stops sharing it: the police contact no longer sees it', async () => {
    expect(shareButtons(await documentsPage('chair'))).toEqual(['Stop sharing with the panel: Terms of reference']);
    const res = await postSharing('chair', tor, 'false');
    expect(res.status).toBe(303);
    expect(visibleText(await documentsPage('chair'))).toContain('Terms of reference is no longer shared with the panel.');
    expect(await documentsPage('police')).not.toContain(`/documents/${tor}/versions/1`);
    expect((await agents.police.get(`/reviews/${reviewId}/documents/${tor}/versions/1`)).status).toBe(404);
  });
});
