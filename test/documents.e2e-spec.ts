import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Response } from 'supertest';
import { seedPartnership, Seed, Session } from './support/actors';
import { sql } from './support/notifications-db';
import { daysAgo, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';
import { zip } from './support/zip';

const MAX_BYTES = 64 * 1024;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const DOCX = zip([
  ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
  ['word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'],
]);
const ODT = zip([
  ['mimetype', 'application/vnd.oasis.opendocument.text'],
  ['content.xml', '<?xml version="1.0"?><office:document-content/>'],
]);
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(64, 0xff)]);
const CSV = Buffer.from('date,agency,event,source\n2025-01-02,police,"call, unanswered",CAD log\n');

describe('review documents', () => {
  let t: TestApp;
  let a: Seed;
  let review: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { DOCUMENT_MAX_BYTES: String(MAX_BYTES) } });
    a = await seedPartnership(t, 'DOCS');
    review = (await t.http().post('/api/reviews').set(a.coordinator.auth).send(reviewBody(a.partnership.id))).body.id;
    await send(t, a.cspChair, review, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(10), rationale: 'criteria met' });
    await send(t, a.coordinator, review, { type: 'APPOINT_CHAIR', userId: a.chair.id });
    await send(t, a.chair, review, { type: 'ADD_PANEL_AGENCY', agencyId: a.police.id });
    await send(t, a.chair, review, { type: 'ADD_PANEL_AGENCY', agencyId: a.health.id });
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (who: Session, file: Buffer, fileName: string, fields: Record<string, string>, contentType = 'application/pdf') => {
    let req = t.http().post(`/api/reviews/${review}/documents`).set(who.auth);
    for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
    return req.attach('file', file, { filename: fileName, contentType });
  };
  const addVersion = (who: Session, documentId: string, file: Buffer, fileName: string) =>
    t.http().post(`/api/reviews/${review}/documents/${documentId}/versions`).set(who.auth).attach('file', file, fileName);
  const content = (who: Session, documentId: string, query = '') =>
    t
      .http()
      .get(`/api/reviews/${review}/documents/${documentId}/content${query}`)
      .set(who.auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const storedFile = async (versionOf: { id: string; version: number }) => {
    const [row] = await sql<{ storage_key: string; file_name: string | null }>(
      t.config,
      'SELECT storage_key, file_name FROM document_versions WHERE document_id = $1 AND version = $2',
      [versionOf.id, versionOf.version],
    );
    return { path: resolve(t.config.VAR_DIR, 'documents', row.storage_key), fileName: row.file_name, key: row.storage_key };
  };

  it('stores a PDF encrypted, with its checksum, and serves the same bytes back', async () => {
    const res = await upload(a.coordinator, PDF, 'overview.pdf', { type: 'overview_report', title: 'Overview report draft' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      type: 'overview_report',
      agencyId: null,
      title: 'Overview report draft',
      version: 1,
      sha256: sha256(PDF),
      size: PDF.length,
      mediaType: 'application/pdf',
      uploadedBy: a.coordinator.id,
      uploadedAt: expect.any(String),
      sharedWithPanel: null,
      recordedEvent: null, // a coordinator's report is filed, not a draft submission
    });
    const stored = await storedFile(res.body);
    expect(stored.key).toMatch(new RegExp(`^${review}/[0-9a-f-]{36}$`));
    const onDisk = readFileSync(stored.path);
    expect(onDisk.equals(PDF)).toBe(false);
    expect(onDisk.includes(Buffer.from('%PDF'))).toBe(false);
    expect(onDisk.includes(Buffer.from('Catalog'))).toBe(false);

    const back = await content(a.chair, res.body.id);
    expect(back.status).toBe(200);
    expect(back.headers['content-type']).toMatch(/^application\/pdf/);
    expect((back.body as Buffer).equals(PDF)).toBe(true);
  });

  it('decides the media type from the bytes: a DOCX and an ODT sent as PDFs, a CSV, and plain text', async () => {
    const docx = await upload(a.chair, DOCX, 'report.pdf', { type: 'overview_report' });
    expect([docx.status, docx.body.mediaType]).toEqual([201, DOCX_MEDIA_TYPE]);
    const odt = await upload(a.chair, ODT, 'minutes.pdf', { type: 'minutes' });
    expect([odt.status, odt.body.mediaType]).toEqual([201, 'application/vnd.oasis.opendocument.text']);
    const csv = await upload(a.policeContact, CSV, 'chronology.csv', { type: 'chronology', agencyId: a.police.id }, 'application/pdf');
    expect([csv.status, csv.body.mediaType, csv.body.agencyId]).toEqual([201, 'text/csv', a.police.id]);
    const txt = await upload(a.coordinator, CSV, 'notes.txt', { type: 'letter' }, 'text/csv');
    expect([txt.status, txt.body.mediaType]).toEqual([201, 'text/plain']);
    const back = await content(a.coordinator, docx.body.id);
    expect(back.headers['content-type']).toMatch(/^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/);
    expect((back.body as Buffer).equals(DOCX)).toBe(true);
  });

  it('adds version 2 and serves either version; the list shows the latest', async () => {
    const first = await upload(a.coordinator, PDF, 'tor.pdf', { type: 'terms_of_reference' });
    const v2bytes = Buffer.from('%PDF-1.7\nsecond version\n%%EOF\n');
    const second = await addVersion(a.coordinator, first.body.id, v2bytes, 'tor-v2.pdf');
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ id: first.body.id, type: 'terms_of_reference', version: 2, sha256: sha256(v2bytes) });
    expect(((await content(a.coordinator, first.body.id, '?version=1')).body as Buffer).equals(PDF)).toBe(true);
    expect(((await content(a.coordinator, first.body.id, '?version=2')).body as Buffer).equals(v2bytes)).toBe(true);
    expect(((await content(a.coordinator, first.body.id)).body as Buffer).equals(v2bytes)).toBe(true);
    expect((await content(a.coordinator, first.body.id, '?version=3')).status).toBe(404);
    expect((await content(a.coordinator, first.body.id, '?version=abc')).status).toBe(400);

    const list = await t.http().get(`/api/reviews/${review}/documents`).set(a.coordinator.auth);
    expect(list.status).toBe(200);
    const entry = (list.body as { id: string; version: number }[]).filter((d) => d.id === first.body.id);
    expect(entry.map((d) => d.version)).toEqual([2]);
  });

  it('gives concurrent new versions distinct numbers', async () => {
    const doc = await upload(a.coordinator, PDF, 'plan.pdf', { type: 'action_plan' });
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => addVersion(a.coordinator, doc.body.id, Buffer.from(`%PDF-1.4 v${n}`), 'p.pdf')),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(results.map((r) => r.body.version).sort()).toEqual([2, 3, 4, 5]);
  });

  it('refuses what is not an accepted media type with 415, whatever its name and header', async () => {
    const before = await sql<{ n: number }>(t.config, 'SELECT count(*)::int AS n FROM document_versions');
    for (const [bytes, name] of [
      [PNG, 'scan.pdf'],
      [EXE, 'imr.pdf'],
      [zip([['hello.txt', 'hi']]), 'report.docx'],
      [Buffer.from([0xff, 0xfe, 0x00, 0x41]), 'notes.txt'],
      [Buffer.from([0xff, 0xfe, 0x00]), 'short.pdf'],
      [Buffer.from([0x50, 0x4b, 0xff]), 'short.docx'],
    ] as [Buffer, string][]) {
      const res = await upload(a.coordinator, bytes, name, { type: 'other' });
      expect({ name, status: res.status, error: res.body.error }).toEqual({ name, status: 415, error: 'unsupported_media_type' });
      expect(res.body.fields).toEqual([{ field: 'file', reason: expect.stringMatching(/^must be PDF/) }]);
    }
    // An empty file is not an unknown type but no file at all: a 400 naming it.
    const empty = await upload(a.coordinator, Buffer.alloc(0), 'empty.pdf', { type: 'other' });
    expect({ status: empty.status, body: empty.body }).toEqual({
      status: 400,
      body: { error: 'validation_failed', message: 'file: is empty (0 bytes)', fields: [{ field: 'file', reason: 'is empty (0 bytes)' }] },
    });
    const after = await sql<{ n: number }>(t.config, 'SELECT count(*)::int AS n FROM document_versions');
    expect(after).toEqual(before);
  });

  it('refuses a file over DOCUMENT_MAX_BYTES with 413', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX_BYTES, 0x20)]);
    const res = await upload(a.coordinator, big, 'big.pdf', { type: 'other' });
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('payload_too_large');
  });

  it('never uses the client file name as a path', async () => {
    const res = await upload(a.coordinator, PDF, '../../etc/passwd.pdf', { type: 'letter' });
    expect(res.status).toBe(201);
    const stored = await storedFile(res.body);
    expect(stored.fileName).toBe('passwd.pdf');
    expect(stored.path.startsWith(resolve(t.config.VAR_DIR, 'documents', review) + '/')).toBe(true);
    expect(existsSync(stored.path)).toBe(true);
    expect(existsSync(resolve(t.config.VAR_DIR, 'etc'))).toBe(false);
    expect(existsSync(resolve(t.config.VAR_DIR, '..', 'etc', 'passwd.pdf'))).toBe(false);
    const back = await content(a.coordinator, res.body.id);
    expect(back.headers['content-disposition']).toContain('filename="passwd.pdf"');
    const windows = await upload(a.coordinator, PDF, '..\\..\\windows\\system32\\evil.pdf', { type: 'letter' });
    expect((await storedFile(windows.body)).fileName).toBe('evil.pdf');
    // A control character in the part header is refused by the multipart parser itself.
    expect((await upload(a.coordinator, PDF, 'a\u0007b.pdf', { type: 'letter' })).status).toBe(400);
    // Only <review id>/<version id> files under var/documents.
    for (const dir of readdirSync(join(t.config.VAR_DIR, 'documents'))) expect(dir).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses to serve a stored file that was tampered with', async () => {
    const res = await upload(a.coordinator, PDF, 'exec.pdf', { type: 'executive_summary' });
    const stored = await storedFile(res.body);
    const bytes = readFileSync(stored.path);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    writeFileSync(stored.path, bytes);
    const back = await content(a.coordinator, res.body.id);
    expect(back.status).toBe(409);
    const text = (back.body as Buffer).toString('utf8');
    expect(JSON.parse(text)).toMatchObject({ error: 'document_integrity_failed' });
    expect(text).not.toContain('Catalog');
  });

  it('keeps each agency to its own documents, and agency uploads to imr and chronology of their own agency', async () => {
    const imr = await upload(a.policeContact, PDF, 'imr.pdf', { type: 'imr', agencyId: a.police.id });
    expect(imr.status).toBe(201);
    const healthImr = await upload(a.healthContact, PDF, 'imr.pdf', { type: 'imr', agencyId: a.health.id });
    expect(healthImr.status).toBe(201);

    expect((await content(a.healthContact, imr.body.id)).status).toBe(404);
    expect((await addVersion(a.healthContact, imr.body.id, PDF, 'x.pdf')).status).toBe(404);
    expect((await content(a.policeContact, imr.body.id)).status).toBe(200);
    const healthList = await t.http().get(`/api/reviews/${review}/documents`).set(a.healthContact.auth);
    expect(healthList.status).toBe(200);
    expect((healthList.body as { agencyId: string }[]).every((d) => d.agencyId === a.health.id)).toBe(true);
    expect((healthList.body as { id: string }[]).map((d) => d.id)).toContain(healthImr.body.id);
    // The coordinator sees everything.
    const all = await t.http().get(`/api/reviews/${review}/documents`).set(a.coordinator.auth);
    expect((all.body as { id: string }[]).map((d) => d.id)).toEqual(expect.arrayContaining([imr.body.id, healthImr.body.id]));

    expect((await upload(a.policeContact, PDF, 'imr.pdf', { type: 'imr', agencyId: a.health.id })).status).toBe(403);
    expect((await upload(a.policeContact, PDF, 'imr.pdf', { type: 'imr' })).status).toBe(403);
    expect((await upload(a.policeContact, PDF, 'r.pdf', { type: 'overview_report', agencyId: a.police.id })).status).toBe(403);
    expect((await upload(a.admin, PDF, 'r.pdf', { type: 'other' })).status).toBe(403);
    expect((await upload(a.coordinator, PDF, 'r.pdf', { type: 'nonsense' })).status).toBe(400);
    expect((await upload(a.coordinator, PDF, 'r.pdf', { type: 'other', colour: 'red' })).status).toBe(400);
    const noFile: Response = await t.http().post(`/api/reviews/${review}/documents`).set(a.coordinator.auth).field('type', 'other');
    expect(noFile.status).toBe(400);
  });

  it('audits uploads, versions, reads and lists', async () => {
    const rows = await sql<{ action: string; n: number }>(
      t.config,
      `SELECT action, count(*)::int AS n FROM audit_entries WHERE review_id = $1 AND action LIKE 'document.%' GROUP BY action`,
      [review],
    );
    const counts = Object.fromEntries(rows.map((r) => [r.action, r.n]));
    expect(counts['document.upload']).toBeGreaterThan(5);
    expect(counts['document.version']).toBeGreaterThanOrEqual(5);
    expect(counts['document.read']).toBeGreaterThan(3);
    expect(counts['document.list']).toBeGreaterThanOrEqual(3);
    const verify = await t.http().get('/api/audit/verify').set(a.admin.auth);
    expect(verify.body.ok).toBe(true);
  });
});
