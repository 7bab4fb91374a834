import { DataSource } from 'typeorm';
import { mayReadDocument, readableDocumentsCondition, reviewAccess, visibleReviewsCondition } from '@dhr/access';
import type { Actor, Role } from '@dhr/identity';
import { JobQueue } from '@dhr/jobs';
import { panelAgencyIds } from '@dhr/reviews';
import { searchReviews } from '@dhr/search';
import { seedPartnership, Seed, Session } from './support/actors';
import { LogCapture } from './support/log-capture';
import { uploadDocument, uploadVersion } from './support/document-driver';
import { daysAgo, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const text = (words: string) => Buffer.from(`Individual management review.\n${words}\n`);

interface Hit {
  id: string;
  reference: string;
  victimPseudonym: string;
  matched: string[];
  documents: { id: string; type: string; title: string | null; version: number }[];
}

/**
 * Search (issue 14, part 4) on the real Postgres and Redis, with the worker indexing document text:
 * by reference, pseudonym, agency and chair name, and by a word in an IMR — for those who may read
 * that IMR only; a new version's text replaces the old one's; the backfill indexes versions stored
 * without an index row; every search is audited without its terms; bad terms are a 400 naming `q`.
 * Then the document rule's SQL twin against the TypeScript policy on a matrix of actors × documents.
 */
describe('search across reviews and the text of documents', () => {
  let t: TestApp;
  let db: DataSource;
  let a: Seed;
  let b: Seed;
  let r1: { id: string; reference: string };
  let r2: { id: string; reference: string };
  let policeImr: string;
  const logs = new LogCapture();

  const search = async (who: Session, q: string): Promise<{ items: Hit[]; total: number }> => {
    const res = await t.http().post('/api/search').set(who.auth).send({ q });
    if (res.status !== 200) throw new Error(`search: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const ids = async (who: Session, q: string) => (await search(who, q)).items.map((h) => h.id);
  const indexedVersions = async (documentId: string): Promise<number[]> =>
    (
      (await db.query(`SELECT version FROM document_search_text WHERE document_id = $1 ORDER BY version`, [documentId])) as {
        version: number;
      }[]
    ).map((r) => r.version);
  const upload = async (who: Session, reviewId: string, words: string, fields: Record<string, string>) => {
    const res = await uploadDocument(t, who, reviewId, text(words), 'doc.txt', fields, 'text/plain');
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp({ withWorker: true, env: { LOG_LEVEL: 'debug' }, logDestination: logs.stream });
    db = t.app.get(DataSource);
    a = await seedPartnership(t, 'SRA');
    b = await seedPartnership(t, 'SRB');
    const created = await t.http().post('/api/reviews').set(a.coordinator.auth).send(reviewBody(a.partnership.id));
    r1 = created.body;
    await send(t, a.cspChair, r1.id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(10), rationale: 'criteria met' });
    await send(t, a.coordinator, r1.id, { type: 'APPOINT_CHAIR', userId: a.chair.id });
    await send(t, a.chair, r1.id, { type: 'ADD_PANEL_AGENCY', agencyId: a.police.id });
    await send(t, a.chair, r1.id, { type: 'ADD_PANEL_AGENCY', agencyId: a.health.id });
    r2 = (
      await t
        .http()
        .post('/api/reviews')
        .set(a.coordinator.auth)
        .send(reviewBody(a.partnership.id, { victimPseudonym: 'Zephyrine', perpetratorPseudonym: null }))
    ).body;
    policeImr = await upload(a.policeContact, r1.id, 'The officers attended the marmalade factory twice.', {
      type: 'imr',
      agencyId: a.police.id,
    });
    await upload(a.healthContact, r1.id, 'The GP surgery recorded a kaleidoscope of symptoms.', { type: 'imr', agencyId: a.health.id });
    await waitFor('both IMRs indexed', async () => (await db.query(`SELECT count(*)::int AS n FROM document_search_text`))[0].n === 2);
  });
  afterAll(() => t?.close());

  it('finds a review by a word in its IMR for the coordinator, the CSP chair, the chair and the IMR’s own agency only', async () => {
    const found = await search(a.coordinator, 'marmalade');
    expect(found.items.map((h) => h.id)).toEqual([r1.id]);
    expect(found.items[0].matched).toEqual(['document']);
    expect(found.items[0].documents).toEqual([{ id: policeImr, type: 'imr', title: null, version: 1 }]);
    expect(await ids(a.cspChair, 'marmalade')).toEqual([r1.id]);
    expect(await ids(a.chair, 'marmalade')).toEqual([r1.id]);
    expect(await ids(a.policeContact, 'marmalade')).toEqual([r1.id]);
    // Another agency on the same panel never reads the police IMR; nor another partnership.
    expect(await search(a.healthContact, 'marmalade')).toMatchObject({ items: [], total: 0 });
    expect(await search(b.coordinator, 'marmalade')).toMatchObject({ items: [], total: 0 });
    expect(await ids(a.healthContact, 'kaleidoscope')).toEqual([r1.id]);
    expect(await ids(a.policeContact, 'kaleidoscope')).toEqual([]);
    // English stemming: "attending" finds "attended".
    expect(await ids(a.coordinator, 'attending officer')).toEqual([r1.id]);
  });

  it('finds by reference, pseudonym, agency name and chair name, each as the caller may see it', async () => {
    const byReference = await search(a.coordinator, r1.reference);
    expect(byReference.items[0]).toMatchObject({ id: r1.id, matched: ['reference'] });
    expect(await search(b.coordinator, r1.reference)).toMatchObject({ total: 0 });
    const byPseudonym = await search(a.coordinator, 'zephyr');
    expect(byPseudonym.items.map((h) => [h.id, h.matched, h.victimPseudonym])).toEqual([[r2.id, ['pseudonym'], 'Zephyrine']]);
    expect((await search(a.coordinator, 'SRA NHS Trust')).items.map((h) => [h.id, h.matched])).toEqual([[r1.id, ['agency']]]);
    expect((await search(a.coordinator, 'independent_chair SRA')).items.map((h) => [h.id, h.matched])).toEqual([[r1.id, ['chair']]]);
    // An agency contact matches the agency field on their own agency only: not told who else takes part.
    expect(await ids(a.policeContact, 'SRA NHS Trust')).toEqual([]);
    expect((await search(a.policeContact, 'SRA Police')).items.map((h) => [h.id, h.matched])).toEqual([[r1.id, ['agency']]]);
    // A review the agency is not involved in is never found, whatever matches.
    expect(await ids(a.policeContact, 'zephyr')).toEqual([]);
  });

  it('finds a panel paper for the agencies on the panel once it is shared, not before', async () => {
    const letter = await upload(a.coordinator, r1.id, 'Minutes: the gooseberry protocol was agreed.', {
      type: 'letter',
      title: 'Panel minutes',
    });
    await waitFor('the minutes indexed', async () => (await indexedVersions(letter)).length === 1);
    expect(await ids(a.policeContact, 'gooseberry')).toEqual([]);
    const shared = await t
      .http()
      .put(`/api/reviews/${r1.id}/documents/${letter}/sharing`)
      .set(a.coordinator.auth)
      .send({ withPanel: true });
    expect(shared.status).toBe(200);
    const hit = (await search(a.policeContact, 'gooseberry')).items[0];
    expect(hit).toMatchObject({ id: r1.id, documents: [{ id: letter, title: 'Panel minutes', type: 'letter', version: 1 }] });
  });

  it("searches a document's latest version only: a new version's text replaces the old one's", async () => {
    const res = await uploadVersion(
      t,
      a.policeContact,
      r1.id,
      policeImr,
      text('Revised: the officers visited the quince orchard.'),
      'v2.txt',
    );
    expect(res.status).toBe(201);
    await waitFor('version 2 indexed', async () => (await indexedVersions(policeImr)).length === 2);
    expect(await ids(a.coordinator, 'marmalade')).toEqual([]);
    expect((await search(a.coordinator, 'quince')).items[0].documents).toEqual([{ id: policeImr, type: 'imr', title: null, version: 2 }]);
  });

  it('backfills versions stored without an index row (before the migration, or a lost job), once', async () => {
    // As if stored before search existed: their index rows are not there.
    await db.query(`DELETE FROM document_search_text`);
    expect(await ids(a.coordinator, 'kaleidoscope')).toEqual([]);
    await t.app.get(JobQueue).add({ name: 'backfill-document-text', data: {} });
    await waitFor(
      'every version indexed again',
      async () => (await db.query(`SELECT count(*)::int AS n FROM document_search_text`))[0].n === 4,
    );
    expect(await ids(a.coordinator, 'kaleidoscope')).toEqual([r1.id]);
    expect(await ids(a.coordinator, 'quince')).toEqual([r1.id]);
    // Idempotent: another run indexes nothing and duplicates nothing.
    await t.app.get(JobQueue).add({ name: 'backfill-document-text', data: {} });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await db.query(`SELECT count(*)::int AS n FROM document_search_text`))[0].n).toBe(4);
  });

  it('audits every search with the actor and the count, never the terms', async () => {
    await search(a.healthContact, 'kaleidoscope');
    const [entry] = await db.query(
      `SELECT actor_id, actor_role, chain, changes FROM audit_entries WHERE action = 'review.search' ORDER BY recorded_at DESC, seq DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({
      actor_id: a.healthContact.id,
      actor_role: 'agency_contact',
      chain: a.partnership.id,
      changes: { resultCount: { before: null, after: 1 }, returned: { before: null, after: [r1.id] } },
    });
    // An empty result is audited too.
    await search(b.coordinator, 'nothing-matches-this');
    const [none] = await db.query(
      `SELECT changes FROM audit_entries WHERE action = 'review.search' AND actor_id = $1 ORDER BY seq DESC LIMIT 1`,
      [b.coordinator.id],
    );
    expect(none.changes.resultCount.after).toBe(0);
    const withTerms = await db.query(
      `SELECT 1 FROM audit_entries WHERE action = 'review.search' AND (changes::text ILIKE '%kaleidoscope%' OR changes::text ILIKE '%marmalade%')`,
    );
    expect(withTerms).toEqual([]);
  });

  it('answers GET as POST, pages, and refuses empty or too long terms with a 400 naming q', async () => {
    const viaGet = await t
      .http()
      .get(`/api/search?q=${encodeURIComponent(r1.reference)}&limit=1`)
      .set(a.coordinator.auth);
    expect(viaGet.status).toBe(200);
    expect(viaGet.body).toMatchObject({ limit: 1, offset: 0, items: [{ id: r1.id }] });
    // Paging: the second result of a search that has at least one.
    const page2 = await t.http().get('/api/search?q=SRA&limit=1&offset=1').set(a.coordinator.auth);
    expect(page2.body.total).toBeGreaterThanOrEqual(1);
    for (const bad of [
      t.http().get('/api/search').set(a.coordinator.auth),
      t.http().get('/api/search?q=%20%20').set(a.coordinator.auth),
      t
        .http()
        .get(`/api/search?q=${'x'.repeat(201)}`)
        .set(a.coordinator.auth),
      t.http().post('/api/search').set(a.coordinator.auth).send({ q: '' }),
      t.http().post('/api/search').set(a.coordinator.auth).send({ q: 42 }),
      t.http().post('/api/search').set(a.coordinator.auth).send({}),
    ]) {
      const res = await bad;
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('"q"');
    }
    const badLimit = await t.http().get('/api/search?q=SRA&limit=0').set(a.coordinator.auth);
    expect(badLimit.status).toBe(400);
    expect(JSON.stringify(badLimit.body)).toContain('"limit"');
    expect((await t.http().get('/api/search?q=SRA').set(a.admin.auth)).status).toBe(403);
    expect((await t.http().get('/api/search?q=SRA')).status).toBe(401);
  });

  it('applies the same document rule in SQL as the TypeScript policy, for every actor × document', async () => {
    // A review where health is asked for scoping only, and a panel paper on it: the cases the rule turns on.
    const r3 = (await t.http().post('/api/reviews').set(a.coordinator.auth).send(reviewBody(a.partnership.id))).body.id as string;
    await send(t, a.coordinator, r3, { type: 'REQUEST_SCOPING', agencyId: a.health.id });
    await send(t, a.cspChair, r3, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(10), rationale: 'criteria met' });
    await send(t, a.coordinator, r3, { type: 'APPOINT_CHAIR', userId: a.chair.id });
    await send(t, a.chair, r3, { type: 'ADD_PANEL_AGENCY', agencyId: a.police.id });
    const r3Paper = await upload(a.coordinator, r3, 'Shared agenda.', { type: 'letter', title: 'Agenda' });
    await t.http().put(`/api/reviews/${r3}/documents/${r3Paper}/sharing`).set(a.coordinator.auth).send({ withPanel: true });
    await upload(a.coordinator, r3, 'Unshared note.', { type: 'letter', title: 'Note' });
    await upload(
      b.coordinator,
      (await t.http().post('/api/reviews').set(b.coordinator.auth).send(reviewBody(b.partnership.id))).body.id,
      'B.',
      {
        type: 'letter',
      },
    );

    const users: { id: string; role: Role; partnership_id: string | null; agency_id: string | null }[] = await db.query(
      `SELECT id, role, partnership_id, agency_id FROM users`,
    );
    const actors: Actor[] = users.map((u) => ({
      userId: u.id,
      role: u.role,
      partnershipId: u.partnership_id,
      agencyId: u.agency_id,
      requestId: 'agreement',
      sourceIp: null,
    }));
    // And two no account has: a chair of the partnership who chairs nothing, an agency contact without an agency.
    const unseen = { requestId: 'agreement', sourceIp: null, partnershipId: a.partnership.id as string };
    actors.push({ ...unseen, userId: '00000000-0000-4000-8000-000000000001', role: 'independent_chair', agencyId: null });
    actors.push({ ...unseen, userId: '00000000-0000-4000-8000-000000000002', role: 'agency_contact', agencyId: null });
    const docs: {
      id: string;
      agency_id: string | null;
      shared: boolean;
      partnership_id: string;
      chair_user_id: string | null;
      involved_agency_ids: string[];
      snapshot: unknown;
    }[] = await db.query(
      `SELECT d.id, d.agency_id, d.shared_with_panel_at IS NOT NULL AS shared, r.partnership_id, r.chair_user_id, r.involved_agency_ids, r.snapshot
         FROM documents d JOIN reviews r ON r.id = d.review_id`,
    );
    expect(actors.length).toBeGreaterThanOrEqual(13);
    expect(docs.length).toBeGreaterThanOrEqual(6);
    let pairs = 0;
    for (const actor of actors) {
      const expected = docs
        .filter((d) => {
          const access = reviewAccess(actor, {
            partnershipId: d.partnership_id,
            chairUserId: d.chair_user_id,
            involvedAgencyIds: d.involved_agency_ids,
          });
          return (
            access !== 'none' &&
            mayReadDocument(actor, access, { agencyId: d.agency_id, sharedWithPanel: d.shared }, panelAgencyIds({ snapshot: d.snapshot }))
          );
        })
        .map((d) => d.id)
        .sort();
      const reviews = visibleReviewsCondition(actor);
      const documents = readableDocumentsCondition(actor);
      const [sql, values] = db.driver.escapeQueryWithParameters(
        `SELECT d.id FROM documents d JOIN reviews r ON r.id = d.review_id WHERE ${reviews.sql} AND ${documents.sql} ORDER BY d.id`,
        { ...reviews.params, ...documents.params },
      );
      const actual = ((await db.query(sql, values)) as { id: string }[]).map((r) => r.id).sort();
      expect({ actor: `${actor.role} ${actor.userId}`, readable: actual }).toEqual({
        actor: `${actor.role} ${actor.userId}`,
        readable: expected,
      });
      pairs += docs.length;
    }
    expect(pairs).toBeGreaterThanOrEqual(13 * 6);
  });

  it('never logs the terms: requests are logged by path, and the indexing jobs by id', () => {
    const searches = logs.records().filter((r) => (r.req as { path?: string } | undefined)?.path === '/api/search');
    expect(searches.length).toBeGreaterThan(10);
    expect(logs.text()).not.toMatch(/marmalade|kaleidoscope|gooseberry|quince|zephyr/i);
  });

  it('is a function of (actor, terms) over a DataSource, for the national benchmark', async () => {
    const coordinator = (await db.query(`SELECT id, partnership_id FROM users WHERE id = $1`, [a.coordinator.id]))[0];
    const result = await searchReviews(
      db,
      {
        userId: coordinator.id,
        role: 'coordinator',
        partnershipId: coordinator.partnership_id,
        agencyId: null,
        requestId: 'bench',
        sourceIp: null,
      },
      'quince',
      { limit: 20, offset: 0 },
    );
    expect(result.items.map((h) => h.id)).toEqual([r1.id]);
  });
});
