import { seedPartnership, Seed } from './support/actors';
import { uploadDocument, uploadVersion } from './support/document-driver';
import { daysAgo, daysAhead, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';
import { docx } from './support/zip';

/** A document as the API lists it (the fields these tests read). */
interface Doc {
  id: string;
  type: string;
  agencyId: string | null;
  version: number;
  mediaType: string;
}
interface Deadline {
  kind: string;
  agencyId?: string;
  status: string;
}

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

/**
 * Documents drive the workflow: an agency's IMR upload returns its IMR and meets
 * its clock; the chair's report upload is a draft submission naming the version;
 * QA_OUTCOME and PUBLISH name their documents; the Review shows the latest
 * version of each document its reader may see.
 */
describe('documents in the workflow', () => {
  let t: TestApp;
  let s: Seed;
  let id: string;

  const review = async (who = s.coordinator) => (await t.http().get(`/api/reviews/${id}`).set(who.auth)).body;
  const history = async () => (await t.http().get(`/api/reviews/${id}/history`).set(s.coordinator.auth)).body as Record<string, unknown>[];

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedPartnership(t, 'DOCWF');
    id = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id;
    await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
    await send(t, s.coordinator, id, { type: 'HOME_OFFICE_INFORMED', sentAt: daysAgo(44) });
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.chair, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await send(t, s.chair, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.health.id });
    await send(t, s.chair, id, { type: 'AGREE_TERMS_OF_REFERENCE', periodFrom: '2021-01-01', periodTo: '2026-01-01' });
  });
  afterAll(() => t?.close());

  it('an IMR uploaded before it was requested is stored without recording anything', async () => {
    const res = await uploadDocument(t, s.policeContact, id, pdf('early IMR'), 'imr.pdf', { type: 'imr', agencyId: s.police.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ type: 'imr', agencyId: s.police.id, version: 1, recordedEvent: null });
    expect((await review()).panel).toEqual(
      expect.arrayContaining([{ agencyId: s.police.id, agencyName: s.police.name, imr: 'not_requested' }]),
    );
  });

  it('the agency’s IMR upload returns its IMR: RECEIVE_IMR by the contact, the IMR clock met', async () => {
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id, dueAt: daysAhead(30) });
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.health.id, dueAt: daysAhead(30) });
    const before = (await review()).version;

    const [imr] = (await t.http().get(`/api/reviews/${id}/documents`).set(s.policeContact.auth)).body;
    const res = await uploadVersion(t, s.policeContact, id, imr.id, pdf('final IMR'), 'imr-final.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: imr.id, version: 2, recordedEvent: 'RECEIVE_IMR' });

    const r = await review();
    expect(r.version).toBe(before + 1);
    expect(r.panel).toEqual(expect.arrayContaining([{ agencyId: s.police.id, agencyName: s.police.name, imr: 'received' }]));
    const clock = r.deadlines.find((d: Deadline) => d.kind === 'imr' && d.agencyId === s.police.id);
    expect(clock).toMatchObject({ status: 'met' });
    const last = (await history()).at(-1)!;
    expect(last).toMatchObject({ type: 'RECEIVE_IMR', actorId: s.policeContact.id, payload: { agencyId: s.police.id } });

    // A later version is just a new version: the IMR is returned once.
    const again = await uploadVersion(t, s.policeContact, id, imr.id, pdf('typo fixed'), 'imr-final-2.pdf');
    expect(again.body).toMatchObject({ version: 3, recordedEvent: null });
    expect((await review()).version).toBe(before + 1);
  });

  it('during a review hold an agency’s IMR upload is still recorded and meets its clock', async () => {
    const held = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id as string;
    await send(t, s.cspChair, held, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
    await send(t, s.coordinator, held, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.chair, held, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await send(t, s.chair, held, { type: 'AGREE_TERMS_OF_REFERENCE', periodFrom: '2021-01-01', periodTo: '2026-01-01' });
    await send(t, s.coordinator, held, { type: 'REQUEST_IMR', agencyId: s.police.id, dueAt: daysAhead(30) });
    await send(t, s.coordinator, held, {
      type: 'PUT_ON_HOLD',
      kind: 'other_review',
      scope: 'review',
      reason: 'A safeguarding review runs first',
    });

    const res = await uploadDocument(t, s.policeContact, held, pdf('IMR sent during the hold'), 'imr.pdf', {
      type: 'imr',
      agencyId: s.police.id,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ recordedEvent: 'RECEIVE_IMR' });
    const after = (await t.http().get(`/api/reviews/${held}`).set(s.coordinator.auth)).body;
    expect(after).toMatchObject({ onHold: true, stage: 'information_gathering' });
    expect(after.panel).toEqual([{ agencyId: s.police.id, agencyName: s.police.name, imr: 'received' }]);
    expect(after.deadlines.find((d: Deadline) => d.kind === 'imr')).toMatchObject({ status: 'met' });
  });

  it('a chronology upload records no event; the coordinator may upload an agency’s IMR for it', async () => {
    const chronology = await uploadDocument(
      t,
      s.healthContact,
      id,
      Buffer.from('date,agency,event,source\n2024-03-01,NHS,GP appointment,GP record\n'),
      'chronology.csv',
      { type: 'chronology', agencyId: s.health.id },
    );
    expect(chronology.body).toMatchObject({ type: 'chronology', recordedEvent: null });
    const imr = await uploadDocument(t, s.coordinator, id, pdf('health IMR by email'), 'imr.pdf', { type: 'imr', agencyId: s.health.id });
    expect(imr.body).toMatchObject({ recordedEvent: 'RECEIVE_IMR' });
    expect((await history()).at(-1)).toMatchObject({ type: 'RECEIVE_IMR', actorId: s.coordinator.id, payload: { agencyId: s.health.id } });
  });

  it('the chair’s report upload in drafting is SUBMIT_DRAFT with the document and its version', async () => {
    const early = await uploadDocument(t, s.chair, id, docx(['Overview report, outline']), 'overview.docx', { type: 'overview_report' });
    expect(early.body).toMatchObject({ recordedEvent: null }); // still information gathering: stored only
    await send(t, s.chair, id, { type: 'BEGIN_DRAFTING' });

    const v2 = await uploadVersion(t, s.chair, id, early.body.id, docx(['Overview report, first draft']), 'overview-v2.docx');
    expect(v2.body).toMatchObject({ version: 2, recordedEvent: 'SUBMIT_DRAFT' });
    expect((await history()).at(-1)).toMatchObject({
      type: 'SUBMIT_DRAFT',
      actorId: s.chair.id,
      payload: { documentId: early.body.id, documentVersion: 2 },
    });
    const summary = await uploadDocument(t, s.chair, id, docx(['Executive summary']), 'summary.docx', { type: 'executive_summary' });
    expect(summary.body).toMatchObject({ recordedEvent: 'SUBMIT_DRAFT' });
    expect((await review()).drafts).toBe(2);

    // The coordinator's upload of a report is filed, not a draft submission (only the chair submits drafts).
    const filed = await uploadDocument(t, s.coordinator, id, docx(['Notes on the draft']), 'notes.docx', { type: 'overview_report' });
    expect(filed.body).toMatchObject({ recordedEvent: null });
    expect((await review()).drafts).toBe(2);
  });

  it('an event naming a document must name one of this review, of the right type and version', async () => {
    const before = await review();
    const docs = (await t.http().get(`/api/reviews/${id}/documents`).set(s.coordinator.auth)).body as Doc[];
    const imr = docs.find((d) => d.type === 'imr')!;
    const overview = docs.find((d) => d.type === 'overview_report')!;

    const wrongType = await t.http().post(`/api/reviews/${id}/events`).set(s.chair.auth).send({ type: 'SUBMIT_DRAFT', documentId: imr.id });
    expect(wrongType.status).toBe(400);
    expect(JSON.stringify(wrongType.body)).toContain('documentId');
    const noVersion = await t
      .http()
      .post(`/api/reviews/${id}/events`)
      .set(s.chair.auth)
      .send({ type: 'SUBMIT_DRAFT', documentId: overview.id, documentVersion: 99 });
    expect(noVersion.status).toBe(400);
    expect(JSON.stringify(noVersion.body)).toContain('documentVersion');

    const other = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id;
    const foreign = await uploadDocument(t, s.coordinator, other, pdf('another review'), 'x.pdf', { type: 'overview_report' });
    const elsewhere = await t
      .http()
      .post(`/api/reviews/${id}/events`)
      .set(s.chair.auth)
      .send({ type: 'SUBMIT_DRAFT', documentId: foreign.body.id });
    expect(elsewhere.status).toBe(400);

    // Nothing of the refused events was kept.
    const after = await review();
    expect([after.version, after.drafts]).toEqual([before.version, before.drafts]);
    const ok = await send(t, s.chair, id, { type: 'SUBMIT_DRAFT', documentId: overview.id, documentVersion: 1, note: 'resent v1' });
    expect(ok.drafts).toBe(before.drafts + 1);
  });

  it('QA_OUTCOME carries the Home Office feedback and PUBLISH the published report', async () => {
    await send(t, s.chair, id, { type: 'FAMILY_NOT_INVOLVED', reason: 'the family declined' });
    await send(t, s.chair, id, { type: 'SUBMIT_FOR_SIGNOFF' });
    await send(t, s.cspChair, id, { type: 'CSP_SIGN_OFF' });
    await send(t, s.coordinator, id, { type: 'SUBMIT_TO_HOME_OFFICE' });
    const docs = (await t.http().get(`/api/reviews/${id}/documents`).set(s.coordinator.auth)).body as Doc[];
    const overview = docs.find((d) => d.type === 'overview_report')!;
    const summary = docs.find((d) => d.type === 'executive_summary')!;

    const feedback = await uploadDocument(t, s.coordinator, id, pdf('QA panel letter'), 'feedback.pdf', { type: 'home_office_feedback' });
    expect(feedback.body.recordedEvent).toBeNull();
    await send(t, s.coordinator, id, { type: 'QA_OUTCOME', outcome: 'approved', documentId: overview.id }, 400);
    await send(t, s.coordinator, id, { type: 'QA_OUTCOME', outcome: 'approved', documentId: feedback.body.id });
    expect((await history()).at(-1)).toMatchObject({ type: 'QA_OUTCOME', payload: { documentId: feedback.body.id } });

    await send(t, s.coordinator, id, { type: 'COPY_SENT_TO_COMMISSIONER' });
    const badPublish = await t
      .http()
      .post(`/api/reviews/${id}/events`)
      .set(s.coordinator.auth)
      .send({ type: 'PUBLISH', url: 'https://example.org/dhr.pdf', documentIds: [overview.id, feedback.body.id] });
    expect(badPublish.status).toBe(400);
    expect(JSON.stringify(badPublish.body)).toContain('documentIds[1]');
    const published = await send(t, s.coordinator, id, {
      type: 'PUBLISH',
      url: 'https://example.org/dhr.pdf',
      documentIds: [overview.id, summary.id],
    });
    expect(published.stage).toBe('action_plan');
    expect((await history()).at(-1)).toMatchObject({ type: 'PUBLISH', payload: { documentIds: [overview.id, summary.id] } });
  });

  it('the Review shows the latest version of each document its reader may see', async () => {
    const full = await review();
    const imr = full.documents.find((d: Doc) => d.type === 'imr' && d.agencyId === s.police.id);
    expect(imr).toMatchObject({ version: 3, mediaType: 'application/pdf' });
    expect(full.documents.map((d: Doc) => d.type)).toEqual(
      expect.arrayContaining(['imr', 'chronology', 'overview_report', 'executive_summary', 'home_office_feedback']),
    );
    const police = await review(s.policeContact);
    expect(police.documents.map((d: Doc) => [d.type, d.agencyId])).toEqual([['imr', s.police.id]]);
    const list = (await t.http().get('/api/reviews').set(s.healthContact.auth)).body.items;
    expect(list[0].documents.every((d: Doc) => d.agencyId === s.health.id)).toBe(true);
  });
});
