import { minimalPdf } from '../libs/anonymisation/src/testing/minimal-pdf';
import { Seed, Session } from './support/actors';
import { seedPartnership } from './support/actors';
import { LogCapture } from './support/log-capture';
import { sql } from './support/notifications-db';
import { daysAgo, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';
import { docx } from './support/zip';

// Distinctive identifying terms: none may reach a log line, an audit entry or another role's response.
const VICTIM = 'Philippa Quenby-Marsh';
const STREET = 'Wrenfold Crescent';
const SCHOOL = 'St. Ælfric’s Academy';

describe('anonymisation: identifying terms and the PUBLISH guard', () => {
  const logs = new LogCapture();
  let t: TestApp;
  let s: Seed;

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'debug' }, logDestination: logs.stream });
    s = await seedPartnership(t, 'ANON');
  });
  afterAll(() => t?.close());

  const terms = (who: Session, id: string) => t.http().get(`/api/reviews/${id}/identifying-terms`).set(who.auth);
  const putTerms = (who: Session, id: string, body: object) =>
    t.http().put(`/api/reviews/${id}/identifying-terms`).set(who.auth).send(body);
  const upload = (who: Session, id: string, type: string, file: Buffer, fileName: string) =>
    t.http().post(`/api/reviews/${id}/documents`).set(who.auth).field('type', type).attach('file', file, fileName);
  const addVersion = (who: Session, id: string, documentId: string, file: Buffer, fileName: string) =>
    t.http().post(`/api/reviews/${id}/documents/${documentId}/versions`).set(who.auth).attach('file', file, fileName);
  const publish = (id: string, extra: object = {}) =>
    t
      .http()
      .post(`/api/reviews/${id}/events`)
      .set(s.coordinator.auth)
      .send({ type: 'PUBLISH', url: 'https://example.org/dhr/report.pdf', ...extra });
  const check = (id: string, body: object = {}) =>
    t.http().post(`/api/reviews/${id}/anonymisation-check`).set(s.coordinator.auth).send(body);

  /** A review in `drafting` chaired by s.chair, with the police on the panel. */
  async function draftingReview(): Promise<string> {
    const id = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id as string;
    await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
    await send(t, s.coordinator, id, { type: 'HOME_OFFICE_INFORMED', sentAt: daysAgo(44) });
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id, occurredAt: daysAgo(41) });
    await send(t, s.chair, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id, occurredAt: daysAgo(41) });
    await send(t, s.chair, id, {
      type: 'AGREE_TERMS_OF_REFERENCE',
      agreedAt: daysAgo(40),
      periodFrom: '2021-01-01',
      periodTo: '2026-01-01',
    });
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id, occurredAt: daysAgo(39) });
    await send(t, s.policeContact, id, { type: 'RECEIVE_IMR', agencyId: s.police.id, receivedAt: daysAgo(2) });
    await send(t, s.chair, id, { type: 'BEGIN_DRAFTING' });
    return id;
  }

  /** From drafting to publication, by explicit events (uploads are not relied on to record any). */
  async function toPublication(id: string): Promise<void> {
    const stage = async () => (await t.http().get(`/api/reviews/${id}`).set(s.coordinator.auth)).body.stage as string;
    await send(t, s.chair, id, { type: 'SUBMIT_DRAFT', note: 'final draft' });
    await send(t, s.chair, id, { type: 'FAMILY_NOT_INVOLVED', reason: 'the family declined' });
    await send(t, s.chair, id, { type: 'SUBMIT_FOR_SIGNOFF' });
    await send(t, s.cspChair, id, { type: 'CSP_SIGN_OFF' });
    await send(t, s.coordinator, id, { type: 'SUBMIT_TO_HOME_OFFICE' });
    await send(t, s.coordinator, id, { type: 'QA_OUTCOME', outcome: 'approved' });
    expect(await stage()).toBe('publication');
  }

  it('refuses PUBLISH while the overview report (a DOCX) names the victim, and allows it once anonymised', async () => {
    const id = await draftingReview();
    const report = docx(['Overview report', `${VICTIM.split(' ')[0]}`, `The victim, ${VICTIM}’s mother said…`, `They lived in ${STREET}.`]);
    const uploaded = await upload(s.chair, id, 'overview_report', report, 'overview.docx');
    expect(uploaded.status).toBe(201);
    const documentId = uploaded.body.id as string;
    await toPublication(id);

    const put = await putTerms(s.coordinator, id, { terms: [VICTIM, ` ${STREET} `, SCHOOL] });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ terms: [VICTIM, STREET, SCHOOL], acceptances: [], version: 1 });

    const refused = await publish(id);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'identifying_terms_found' });
    expect(refused.body.matches).toEqual([
      expect.objectContaining({ term: VICTIM, documentId, version: 1, occurrences: 1, excerpt: expect.stringContaining(VICTIM) }),
      expect.objectContaining({ term: STREET, documentId, version: 1, occurrences: 1 }),
    ]);
    let review = (await t.http().get(`/api/reviews/${id}`).set(s.coordinator.auth)).body;
    expect(review.stage).toBe('publication'); // rolled back

    const dry = await check(id);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ clean: false, checked: [{ documentId, version: 1 }], unreadable: [], accepted: [] });
    expect(dry.body.matches).toHaveLength(2);

    const anonymised = docx(['Overview report', 'The victim, Adult A’s mother said…', 'They lived in a town in the region.']);
    expect((await addVersion(s.chair, id, documentId, anonymised, 'overview-v2.docx')).status).toBe(201);
    expect((await check(id)).body).toMatchObject({ clean: true, checked: [{ documentId, version: 2 }], matches: [] });
    // The Home Office approved version 1: publishing the anonymised version 2 lists the amendments (v3).
    const unlisted = await publish(id);
    expect(unlisted.status).toBe(400);
    expect(unlisted.body.fields).toEqual([expect.objectContaining({ field: 'amendments' })]);
    const published = await publish(id, { amendments: 'Anonymised: the victim’s name and the street removed' });
    expect(published.status).toBe(200);
    review = published.body;
    expect(review.stage).toBe('action_plan');
    expect(JSON.stringify(review)).not.toContain('Quenby');
  });

  it('lets PUBLISH pass once the coordinator accepts a match with a reason, and checks PDFs and text files too', async () => {
    const id = await draftingReview();
    const pdf = await upload(
      s.chair,
      id,
      'executive_summary',
      minimalPdf(['Executive summary', `A pupil at ${SCHOOL.replace('’', "'")}`]),
      'summary.pdf',
    );
    const txt = await upload(s.chair, id, 'action_plan', Buffer.from(`Action plan\nTrain staff at ${STREET} surgery.\n`), 'plan.txt');
    expect([pdf.status, txt.status]).toEqual([201, 201]);
    expect(pdf.body.mediaType).toBe('application/pdf');
    expect(txt.body.mediaType).toBe('text/plain');
    await toPublication(id);
    expect((await putTerms(s.coordinator, id, { terms: [SCHOOL, STREET, VICTIM] })).status).toBe(200);

    let refused = await publish(id);
    expect(refused.status).toBe(409);
    expect(refused.body.matches.map((m: { term: string; documentId: string }) => [m.term, m.documentId])).toEqual([
      [SCHOOL, pdf.body.id],
      [STREET, txt.body.id],
    ]);
    // PUBLISH naming only the PDF is refused for the PDF only.
    refused = await publish(id, { documentIds: [pdf.body.id] });
    expect(refused.status).toBe(409);
    expect(refused.body.matches).toEqual([expect.objectContaining({ term: SCHOOL, documentId: pdf.body.id })]);

    const accept = (body: object) => t.http().post(`/api/reviews/${id}/identifying-terms/acceptances`).set(s.coordinator.auth).send(body);
    expect((await accept({ term: 'Not A Term', documentId: pdf.body.id, reason: 'x' })).body.fields).toEqual([
      { field: 'term', reason: 'is not one of the recorded identifying terms' },
    ]);
    expect((await accept({ term: SCHOOL, documentId: '00000000-0000-4000-8000-000000000000', reason: 'x' })).body.fields).toEqual([
      { field: 'documentId', reason: 'is not a document of this review' },
    ]);
    const accepted = await accept({
      term: SCHOOL.toUpperCase(),
      documentId: pdf.body.id,
      reason: 'the school is named in the published inquest record',
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ term: SCHOOL, documentId: pdf.body.id, acceptedBy: s.coordinator.id });
    expect((await accept({ term: SCHOOL, documentId: pdf.body.id, reason: 'again' })).status).toBe(409);
    const streetAcceptance = await accept({ term: STREET, documentId: txt.body.id, reason: 'a surgery of that name, not the home' });
    expect(streetAcceptance.status).toBe(201);

    const listed = await terms(s.coordinator, id);
    expect(listed.body.acceptances.map((a: { term: string }) => a.term)).toEqual([SCHOOL, STREET]);

    // Withdrawn: refused again; accepted again: passes.
    const withdrawn = await t
      .http()
      .delete(`/api/reviews/${id}/identifying-terms/acceptances/${streetAcceptance.body.id}`)
      .set(s.coordinator.auth);
    expect(withdrawn.status).toBe(204);
    expect((await publish(id)).body).toMatchObject({
      error: 'identifying_terms_found',
      matches: [{ term: STREET, documentId: txt.body.id }],
    });
    await accept({ term: STREET, documentId: txt.body.id, reason: 'a surgery of that name, not the home' });
    const result = await check(id);
    expect(result.body).toMatchObject({ clean: true, matches: [], unreadable: [] });
    expect(result.body.accepted).toHaveLength(2);
    const published = await publish(id);
    expect(published.status).toBe(200);
    expect(published.body.stage).toBe('action_plan');
  });

  it('refuses PUBLISH for a PDF that cannot be read, once terms are recorded', async () => {
    const id = await draftingReview();
    const scan = await upload(s.chair, id, 'overview_report', minimalPdf([]), 'scan.pdf');
    expect(scan.status).toBe(201);
    await toPublication(id);
    expect((await putTerms(s.coordinator, id, { terms: [VICTIM] })).status).toBe(200);
    const refused = await publish(id);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'document_unreadable', documents: [{ documentId: scan.body.id, version: 1 }] });
    // Without terms there is nothing to find.
    expect((await putTerms(s.coordinator, id, { terms: [] })).body).toMatchObject({ terms: [], version: 2 });
    expect((await publish(id)).status).toBe(200);
  });

  it('keeps the terms from every other role, from the audit trail, from the logs and out of the database in clear', async () => {
    const id = await draftingReview();
    const upload1 = await upload(s.chair, id, 'overview_report', docx([`About ${VICTIM}`]), 'o.docx');
    expect((await putTerms(s.coordinator, id, { terms: [VICTIM, STREET] })).status).toBe(200);
    expect((await terms(s.coordinator, id)).body).toMatchObject({ terms: [VICTIM, STREET], version: 1 });
    await t
      .http()
      .post(`/api/reviews/${id}/identifying-terms/acceptances`)
      .set(s.coordinator.auth)
      .send({ term: VICTIM, documentId: upload1.body.id, reason: 'kept for the test' });
    expect((await check(id)).status).toBe(200);

    for (const who of [s.cspChair, s.chair, s.policeContact, s.admin]) {
      expect((await terms(who, id)).status).toBe(403);
      expect((await putTerms(who, id, { terms: ['x'] })).status).toBe(403);
      const review = await t.http().get(`/api/reviews/${id}`).set(who.auth);
      expect(review.text).not.toContain('Quenby');
      expect(review.text).not.toContain('Wrenfold');
    }
    const audit = await t.http().get(`/api/reviews/${id}/audit`).set(s.coordinator.auth);
    expect(audit.status).toBe(200);
    const actions = audit.body.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['identifying_terms.replace', 'identifying_terms.read', 'identifying_terms.accept', 'anonymisation.check']),
    );
    expect(audit.text).not.toMatch(/Quenby|Wrenfold/i);

    const [row] = await sql<{ ciphertext: Buffer; term_count: number }>(t.config, 'SELECT * FROM identifying_terms WHERE review_id = $1', [
      id,
    ]);
    expect(row.term_count).toBe(2);
    expect(row.ciphertext.toString('latin1')).not.toMatch(/Quenby|Wrenfold/i);
    const everything = await sql<{ text: string }>(
      t.config,
      `SELECT (SELECT string_agg(t::text, '|') FROM identifying_terms t) || (SELECT string_agg(a::text, '|') FROM identifying_term_acceptances a)
              || (SELECT string_agg(e::text, '|') FROM audit_entries e) AS text`,
    );
    expect(everything[0].text).not.toMatch(/Quenby|Wrenfold/i);
    expect(logs.text()).not.toMatch(/Quenby|Wrenfold/i);
  });

  it('answers 400 naming the entry for bad terms, 404 for another partnership, 409 for a stale version', async () => {
    const id = await draftingReview();
    const fields = async (body: object) => (await putTerms(s.coordinator, id, body)).body.fields;
    expect(await fields({ terms: ['ok', '   '] })).toEqual([{ field: 'terms[1]', reason: 'must not be empty' }]);
    expect(await fields({ terms: ['a', 'b', 'c', 'x'.repeat(201)] })).toEqual([
      { field: 'terms[3]', reason: 'must be at most 200 characters' },
    ]);
    expect(await fields({ terms: ['Zoë', 'ZOE'] })).toEqual([
      { field: 'terms[1]', reason: 'duplicates terms[0] (case, accents and spacing are ignored)' },
    ]);
    expect(await fields({ terms: ['a', 7] })).toEqual([{ field: 'terms[1]', reason: 'must be a string' }]);
    expect((await putTerms(s.coordinator, id, { terms: ['a', 'b\u0000'] })).status).toBe(400);
    expect((await putTerms(s.coordinator, id, { terms: Array.from({ length: 501 }, (_, i) => `t${i}`) })).status).toBe(400);
    expect((await putTerms(s.coordinator, id, { terms: 'Jane' })).status).toBe(400);
    expect((await putTerms(s.coordinator, id, {})).status).toBe(400);
    expect((await terms(s.coordinator, id)).body).toEqual({ terms: [], acceptances: [], version: 0, updatedAt: null });

    expect((await putTerms(s.coordinator, id, { terms: ['one'], expectedVersion: 0 })).status).toBe(200);
    const stale = await putTerms(s.coordinator, id, { terms: ['two'], expectedVersion: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('conflict');

    const other = await seedPartnership(t, 'ANOX');
    expect((await terms(other.coordinator, id)).status).toBe(404);
    expect((await putTerms(other.coordinator, id, { terms: ['x'] })).status).toBe(404);
    expect((await check(id, { documentIds: ['00000000-0000-4000-8000-000000000000'] })).body.fields).toEqual([
      { field: 'documentIds[0]', reason: 'is not a document of this review' },
    ]);
  });
});
