import { readEml } from '../libs/notifications/src/email/__tests__/read-eml';
import { seedPartnership, Seed, Session } from './support/actors';
import { uploadDocument, uploadVersion } from './support/document-driver';
import { notificationIdOf, sql } from './support/notifications-db';
import { daysAgo, reviewBody, send } from './support/review-driver';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { sleep, waitFor } from './support/wait-for';

const PUBLIC_URL = 'https://dhr.example.gov.uk';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
const TOR = Buffer.from('Terms of reference: the period under review and the key lines of enquiry.\n');

interface PaperRow {
  id: string;
  status: string;
  recipient_email: string;
  alarm_key: string;
}

/**
 * Panel papers (issue 12): the coordinator or the review's chair shares a document with the panel;
 * every agency contact whose agency is on the panel can then list and read it (audited as any
 * read) and is emailed a link to it once per share, by real SMTP; another agency's IMR stays
 * unreadable and is never shareable; an agency asked only for scoping sees nothing new; stopping
 * hides it again.
 */
describe('panel papers: documents shared with the panel', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  let s: Seed;
  /** An agency asked for scoping only: its contact sees the review, but is not on the panel. */
  let housingContact: Session & { email: string };
  let reviewId: string;
  let reference: string;
  let tor: string;
  let draft: string;
  let healthImr: string;
  let policeImr: string;
  let letterToPolice: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startTestApp({ withWorker: true, env: { SMTP_URL: smtp.url, MAIL_FROM: 'DHR service <dhr@dhr.test>', PUBLIC_URL } });
    s = await seedPartnership(t, 'PAP');
    const housing = (
      await t.http().post('/api/agencies').set(s.admin.auth).send({ partnershipId: s.partnership.id, name: 'PAP Housing', kind: 'housing' })
    ).body;
    const email = 'housing-contact.pap@dhr.test';
    const created = await t.http().post('/api/users').set(s.admin.auth).send({
      email,
      name: 'agency_contact PAP housing',
      password: 'a-long-enough-test-password',
      role: 'agency_contact',
      partnershipId: s.partnership.id,
      agencyId: housing.id,
    });
    const token = await t.http().post('/api/auth/token').send({ email, password: 'a-long-enough-test-password' });
    housingContact = {
      id: created.body.id,
      email,
      token: token.body.accessToken,
      auth: { Authorization: `Bearer ${token.body.accessToken}` },
    };

    const review = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
    reviewId = review.body.id;
    reference = review.body.reference;
    await send(t, s.coordinator, reviewId, { type: 'REQUEST_SCOPING', agencyId: housing.id });
    await send(t, s.cspChair, reviewId, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(10), rationale: 'criteria met' });
    await send(t, s.coordinator, reviewId, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.chair, reviewId, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await send(t, s.chair, reviewId, { type: 'ADD_PANEL_AGENCY', agencyId: s.health.id });

    const up = async (who: Session, file: Buffer, name: string, fields: Record<string, string>) => {
      const res = await uploadDocument(t, who, reviewId, file, name, fields, name.endsWith('.pdf') ? 'application/pdf' : 'text/plain');
      if (res.status !== 201) throw new Error(`upload ${name}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };
    tor = await up(s.coordinator, TOR, 'tor.txt', { type: 'terms_of_reference', title: 'Terms of reference' });
    draft = await up(s.chair, PDF, 'overview.pdf', { type: 'overview_report', title: 'Overview report, first draft' });
    healthImr = await up(s.healthContact, PDF, 'imr.pdf', { type: 'imr', agencyId: s.health.id });
    policeImr = await up(s.policeContact, PDF, 'imr.pdf', { type: 'imr', agencyId: s.police.id });
    letterToPolice = await up(s.coordinator, PDF, 'letter.pdf', { type: 'letter', agencyId: s.police.id, title: 'Letter to the police' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const share = (who: Session, documentId: string, withPanel: unknown) =>
    t.http().put(`/api/reviews/${reviewId}/documents/${documentId}/sharing`).set(who.auth).send({ withPanel });
  const listed = async (who: Session) => {
    const res = await t.http().get(`/api/reviews/${reviewId}/documents`).set(who.auth);
    expect(res.status).toBe(200);
    return (res.body as { id: string }[]).map((d) => d.id);
  };
  const read = (who: Session, documentId: string, query = '') =>
    t.http().get(`/api/reviews/${reviewId}/documents/${documentId}/content${query}`).set(who.auth);
  const paperRows = (): Promise<PaperRow[]> =>
    sql<PaperRow>(
      t.config,
      `SELECT n.id, n.status, u.email AS recipient_email, n.alarm_key
         FROM notifications n JOIN users u ON u.id = n.recipient_user_id
        WHERE n.review_id = $1 AND n.template = 'document.shared' ORDER BY n.created_at, u.email`,
      [reviewId],
    );
  const auditOf = (action: string, documentId: string) =>
    sql<{ actor_id: string; changes: Record<string, { before: unknown; after: unknown }> }>(
      t.config,
      `SELECT actor_id, changes FROM audit_entries WHERE action = $1 AND entity_id = $2 ORDER BY id`,
      [action, documentId],
    );

  it('before anything is shared, an agency contact on the panel sees only their own agency’s documents', async () => {
    expect(await listed(s.policeContact)).toEqual([policeImr, letterToPolice]);
    expect((await read(s.policeContact, tor)).status).toBe(404);
    expect((await read(s.policeContact, draft)).status).toBe(404);
  });

  it('refuses sharing to anyone but the coordinator and the review’s chair (403), and a bad body (400 naming withPanel)', async () => {
    for (const who of [s.policeContact, s.healthContact, s.cspChair, housingContact])
      expect((await share(who, tor, true)).status).toBe(403);
    expect((await share(s.admin, tor, true)).status).toBe(403);
    const bad = await share(s.coordinator, tor, 'yes');
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['withPanel']);
    expect((await share(s.coordinator, '00000000-0000-4000-8000-000000000000', true)).status).toBe(404);
    expect((await share(s.coordinator, 'not-a-uuid', true)).status).toBe(400);
    expect(await paperRows()).toEqual([]);
  });

  it('never shares an agency’s IMR, or any document of one agency (400 naming withPanel and why)', async () => {
    for (const doc of [healthImr, policeImr, letterToPolice]) {
      const res = await share(s.coordinator, doc, true);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('validation_failed');
      expect(res.body.fields).toEqual([{ field: 'withPanel', reason: expect.stringContaining('never shared with the panel') }]);
    }
    expect((await share(s.chair, healthImr, true)).body.fields[0].reason).toMatch(
      /IMR is never shared with the panel: other agencies never see another agency's return/,
    );
    const [row] = await sql(
      t.config,
      'SELECT count(*)::int AS n FROM documents WHERE review_id = $1 AND shared_with_panel_at IS NOT NULL',
      [reviewId],
    );
    expect(row).toEqual({ n: 0 });
  });

  it('the coordinator shares the terms of reference and the chair the draft: audited, with when and by whom', async () => {
    const res = await share(s.coordinator, tor, true);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: tor,
      type: 'terms_of_reference',
      version: 1,
      sharedWithPanel: { at: expect.any(String), by: s.coordinator.id },
    });
    const byChair = await share(s.chair, draft, true);
    expect(byChair.status).toBe(200);
    expect(byChair.body.sharedWithPanel.by).toBe(s.chair.id);

    const [audit] = await auditOf('document.share', tor);
    expect(audit.actor_id).toBe(s.coordinator.id);
    expect(audit.changes).toEqual({ sharedWithPanel: { before: null, after: res.body.sharedWithPanel } });
    // Asking again changes nothing: no second audit entry, no second email, the same sharing.
    const again = await share(s.coordinator, tor, true);
    expect(again.body.sharedWithPanel).toEqual(res.body.sharedWithPanel);
    expect(await auditOf('document.share', tor)).toHaveLength(1);
    // The full view and the coordinators' list show it too.
    const review = await t.http().get(`/api/reviews/${reviewId}`).set(s.coordinator.auth);
    expect(review.body.documents.find((d: { id: string }) => d.id === tor).sharedWithPanel).toEqual(res.body.sharedWithPanel);
  });

  it('each agency contact on the panel is emailed once per share, with a link and no attachment, under a clean subject', async () => {
    const rows = await waitFor(
      'two panel-paper emails to each panel contact',
      async () => {
        const found = await paperRows();
        return found.length === 4 && found.every((r) => r.status === 'sent') ? found : null;
      },
      15_000,
    );
    expect(rows.map((r) => r.recipient_email).sort()).toEqual(
      [s.healthContact.email, s.healthContact.email, s.policeContact.email, s.policeContact.email].sort(),
    );
    // Never the housing contact (scoping only), nor the staff.
    await sleep(500);
    const mails = smtp.received.filter((m) => rows.some((r) => notificationIdOf(m.messageId) === r.id));
    expect(mails).toHaveLength(4);
    const torMails = mails.filter((m) => m.subject.includes('terms of reference'));
    expect(
      torMails
        .map((m) => m.to)
        .flat()
        .sort(),
    ).toEqual([s.healthContact.email, s.policeContact.email].sort());
    for (const mail of mails) {
      expect(mail.subject).toMatch(
        new RegExp(`^${reference}: (terms of reference|overview report draft) shared with the panel \\[OFFICIAL-SENSITIVE\\]$`),
      );
      for (const name of [
        'Adult A',
        'Adult B',
        'coordinator PAP',
        'agency_contact PAP',
        'coordinator',
        'independent_chair',
        'Overview report, first draft',
        'Terms of reference',
      ])
        expect(mail.subject).not.toContain(name);
      const eml = readEml(mail.raw);
      expect(mail.raw).not.toMatch(/Content-Disposition:\s*attachment/i);
      expect(mail.raw).not.toMatch(/application\/pdf/i);
      expect(eml.text).toContain('The document is not attached to this email. Sign in to read or download it.');
      expect(eml.text).toContain('What to do: Read the document before the next panel meeting.');
      expect(eml.text).not.toContain('Adult A');
    }
    const torText = readEml(torMails.find((m) => m.to.includes(s.policeContact.email))!.raw).text;
    expect(torText).toContain('You can read them because PAP Police is on the panel.');
    expect(torText).toContain(`Read the document: ${PUBLIC_URL}/reviews/${reviewId}/documents#document-${tor}`);
  });

  it('an agency contact on the panel lists and downloads the shared papers (every version, audited), and not another agency’s IMR', async () => {
    expect(await listed(s.policeContact)).toEqual([tor, draft, policeImr, letterToPolice]);
    expect(await listed(s.healthContact)).toEqual([tor, draft, healthImr]);

    const got = await read(s.policeContact, tor);
    expect(got.status).toBe(200);
    expect(got.text).toBe(TOR.toString());
    // Every version: a new version of a shared paper is shared too.
    const v2 = await uploadVersion(t, s.chair, reviewId, draft, PDF, 'overview-2.pdf');
    expect(v2.status).toBe(201);
    expect((await read(s.policeContact, draft, '?version=1')).status).toBe(200);
    expect((await read(s.policeContact, draft, '?version=2')).status).toBe(200);
    expect((await read(s.healthContact, draft)).status).toBe(200);
    const reads = await sql<{ actor_id: string }>(
      t.config,
      `SELECT actor_id FROM audit_entries WHERE action = 'document.read' AND entity_id = $1`,
      [tor],
    );
    expect(reads.map((r) => r.actor_id)).toContain(s.policeContact.id);

    // Another agency's IMR: as if it were not there.
    expect((await read(s.policeContact, healthImr)).status).toBe(404);
    expect((await read(s.healthContact, policeImr)).status).toBe(404);
    expect((await read(s.healthContact, letterToPolice)).status).toBe(404);
    // The review's agency view lists the same.
    const review = await t.http().get(`/api/reviews/${reviewId}`).set(s.healthContact.auth);
    expect(review.body.documents.map((d: { id: string }) => d.id)).toEqual([tor, draft, healthImr]);
  });

  it('an agency contact not on the panel (asked for scoping only) sees nothing new', async () => {
    expect(await listed(housingContact)).toEqual([]);
    expect((await read(housingContact, tor)).status).toBe(404);
    const review = await t.http().get(`/api/reviews/${reviewId}`).set(housingContact.auth);
    expect(review.status).toBe(200);
    expect(review.body.documents).toEqual([]);
  });

  it('stopping sharing hides the paper again (audited); sharing once more is a new share with a new email', async () => {
    const stopped = await share(s.chair, tor, false);
    expect(stopped.status).toBe(200);
    expect(stopped.body.sharedWithPanel).toBeNull();
    const [audit] = await auditOf('document.unshare', tor);
    expect(audit.actor_id).toBe(s.chair.id);
    expect(audit.changes.sharedWithPanel.after).toBeNull();
    expect(await listed(s.policeContact)).toEqual([draft, policeImr, letterToPolice]);
    expect((await read(s.policeContact, tor)).status).toBe(404);
    expect((await share(s.chair, tor, false)).status).toBe(200); // already so: nothing changes
    expect(await auditOf('document.unshare', tor)).toHaveLength(1);
    expect(await paperRows()).toHaveLength(4);

    expect((await share(s.coordinator, tor, true)).status).toBe(200);
    const rows = await waitFor('the new share’s emails', async () => {
      const found = await paperRows();
      return found.length === 6 && found.every((r) => r.status === 'sent') ? found : null;
    });
    expect(new Set(rows.map((r) => r.alarm_key)).size).toBe(3);
  });
});
