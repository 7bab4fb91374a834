import { seedPartnership, Seed } from './support/actors';
import { uploadVersion } from './support/document-driver';
import { sql } from './support/notifications-db';
import { reviewBody, send } from './support/review-driver';
import { reviewWaitingForSignOff } from './support/signoff-driver';
import { startTestApp, TestApp } from './support/test-app';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

// The statutory record (workflow v3): which report versions were signed off, sent to the
// Home Office and published, by whom; and the guidance's steps recorded as tasks.
describe('the statutory record: report versions and the guidance’s steps', () => {
  let t: TestApp;
  let s: Seed;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedPartnership(t, 'STRC');
  });
  afterAll(() => t?.close());

  const post = (who: typeof s.coordinator, id: string, body: Record<string, unknown>) =>
    t.http().post(`/api/reviews/${id}/events`).set(who.auth).send(body);
  const history = async (id: string) =>
    (await t.http().get(`/api/reviews/${id}/history`).set(s.coordinator.auth)).body as Record<string, unknown>[];
  const documentOfType = async (id: string, type: string) =>
    ((await t.http().get(`/api/reviews/${id}`).set(s.coordinator.auth)).body.documents as { id: string; type: string }[]).find(
      (d) => d.type === type,
    )!.id;

  it('answers, for each report version, who signed it off, when it went to the Home Office and what was published', async () => {
    const { id } = await reviewWaitingForSignOff(t, s);
    const overview = await documentOfType(id, 'overview_report');
    const summary = await documentOfType(id, 'executive_summary');

    // A CSP sign-off made at a board meeting, recorded by the coordinator for the CSP chair: the latest versions by default.
    const signed = await send(t, s.coordinator, id, {
      type: 'CSP_SIGN_OFF',
      onBehalfOf: s.cspChair.id,
      evidence: 'CSP board minutes, 12 November 2026, item 3',
    });
    const latest = {
      overviewReport: { documentId: overview, version: 2 },
      executiveSummary: { documentId: summary, version: 1 },
      actionPlan: null,
    };
    expect(signed.report).toMatchObject({ signedOff: latest, submitted: null, approved: null });
    expect(signed.deadlines).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'home_office_submission', status: 'open' })]));

    // A version that does not exist, or a document of another type, is refused naming the field.
    let res = await post(s.coordinator, id, {
      type: 'SUBMIT_TO_HOME_OFFICE',
      documents: { overviewReport: { documentId: overview, version: 9 } },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'documents.overviewReport.version', reason: 'the document has no such version' }]);
    res = await post(s.coordinator, id, { type: 'SUBMIT_TO_HOME_OFFICE', documents: { overviewReport: { documentId: summary } } });
    expect(res.status).toBe(400);
    expect(res.body.fields[0].field).toBe('documents.overviewReport.documentId');

    const sent = await send(t, s.coordinator, id, { type: 'SUBMIT_TO_HOME_OFFICE' });
    expect(sent.report.submitted).toEqual(latest);
    expect(sent.deadlines.find((d: { kind: string }) => d.kind === 'home_office_submission').status).toBe('met');
    const approved = await send(t, s.coordinator, id, { type: 'QA_OUTCOME', outcome: 'approved' });
    expect(approved.report.approved).toEqual(latest);

    // A version 3 after approval: publishing it needs the amendments listed; publishing an earlier one is refused.
    expect((await uploadVersion(t, s.coordinator, id, overview, pdf('Overview report, amended'), 'overview-3.pdf')).status).toBe(201);
    res = await post(s.coordinator, id, { type: 'PUBLISH', url: 'https://csp.example/dhr' });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([
      { field: 'amendments', reason: 'the Home Office approved the overview report at version 2: list the amendments made since then' },
    ]);
    res = await post(s.coordinator, id, {
      type: 'PUBLISH',
      url: 'https://csp.example/dhr',
      documents: { overviewReport: { documentId: overview, version: 1 } },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields[0].field).toBe('documents.overviewReport.version');
    res = await post(s.coordinator, id, { type: 'PUBLISH', url: 'https://csp.example/dhr', keepOnlineUntil: '2027-01-01' });
    expect(res.status).toBe(400);
    expect(res.body.fields[0].field).toBe('keepOnlineUntil');
    const unchanged = (await t.http().get(`/api/reviews/${id}`).set(s.coordinator.auth)).body;
    expect(unchanged).toMatchObject({ stage: 'publication', version: approved.version });

    const published = await send(t, s.coordinator, id, {
      type: 'PUBLISH',
      url: 'https://csp.example/dhr',
      amendments: 'Two dates corrected at the Home Office’s request',
    });
    expect(published.report).toMatchObject({
      published: { ...latest, overviewReport: { documentId: overview, version: 3 } },
      amendments: 'Two dates corrected at the Home Office’s request',
    });
    const keepOnline = published.deadlines.find((d: { kind: string }) => d.kind === 'keep_online');
    expect(keepOnline).toMatchObject({ status: 'open' });
    expect(Date.parse(keepOnline.dueAt)).toBeGreaterThan(Date.now() + 364 * 86_400_000);

    // The history answers it: who signed which versions off (and for whom), what went to the Home Office, what was published.
    const record = (await history(id)).filter((e) => ['CSP_SIGN_OFF', 'SUBMIT_TO_HOME_OFFICE', 'PUBLISH'].includes(e.type as string));
    expect(record).toEqual([
      expect.objectContaining({
        type: 'CSP_SIGN_OFF',
        actorId: s.coordinator.id,
        onBehalfOf: expect.objectContaining({ id: s.cspChair.id }),
        evidence: 'CSP board minutes, 12 November 2026, item 3',
        payload: expect.objectContaining({ documents: latest }),
      }),
      expect.objectContaining({
        type: 'SUBMIT_TO_HOME_OFFICE',
        actorId: s.coordinator.id,
        payload: expect.objectContaining({ documents: latest }),
      }),
      expect.objectContaining({
        type: 'PUBLISH',
        payload: expect.objectContaining({
          documents: { ...latest, overviewReport: { documentId: overview, version: 3 } },
          amendments: 'Two dates corrected at the Home Office’s request',
        }),
      }),
    ]);
    const [audit] = await sql<{ actor_id: string; changes: Record<string, { after: unknown }> }>(
      t.config,
      `SELECT actor_id, changes FROM audit_entries WHERE review_id = $1 AND action = 'review.event.CSP_SIGN_OFF'`,
      [id],
    );
    expect(audit).toMatchObject({ actor_id: s.coordinator.id });
    expect(audit.changes.onBehalfOf.after).toBe(s.cspChair.id);
  });

  it('records the guidance’s steps as tasks, with what each needs, and warns when no specialist service is on the panel', async () => {
    const { id } = await reviewWaitingForSignOff(t, s);
    let review = (await t.http().get(`/api/reviews/${id}`).set(s.coordinator.auth)).body;
    expect(review.guidance.specialistOnPanel).toBe(false);
    expect(review.guidance.steps.map((step: { step: string; status: string }) => [step.step, step.status])).toEqual([
      ['family_leaflet_given', 'to_do'],
      ['advocacy_offered', 'to_do'],
      ['chair_independence_statement', 'to_do'],
      ['family_shown_report', 'to_do'],
    ]);

    let res = await post(s.coordinator, id, { type: 'RECORD_GUIDANCE_STEP', step: 'advocacy_offered' });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'organisation', reason: 'name the specialist advocacy service offered' }]);
    res = await post(s.chair, id, { type: 'RECORD_GUIDANCE_STEP', step: 'family_shown_report', done: false });
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([{ field: 'note', reason: 'say why the step was not done' }]);
    res = await post(s.policeContact, id, { type: 'RECORD_GUIDANCE_STEP', step: 'family_leaflet_given' });
    expect(res.status).toBe(403);

    await send(t, s.coordinator, id, { type: 'RECORD_GUIDANCE_STEP', step: 'advocacy_offered', organisation: 'AAFDA' });
    await send(t, s.chair, id, { type: 'RECORD_GUIDANCE_STEP', step: 'chair_independence_statement' });
    review = await send(t, s.chair, id, {
      type: 'RECORD_GUIDANCE_STEP',
      step: 'family_shown_report',
      done: false,
      note: 'The family asked not to see the report',
    });
    expect(review.guidance.steps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ step: 'advocacy_offered', status: 'done', organisation: 'AAFDA' }),
        expect.objectContaining({ step: 'chair_independence_statement', status: 'done' }),
        expect.objectContaining({ step: 'family_shown_report', status: 'not_done', note: 'The family asked not to see the report' }),
        expect.objectContaining({ step: 'family_leaflet_given', status: 'to_do' }),
      ]),
    );
    // Agency contacts see none of it.
    const asPolice = (await t.http().get(`/api/reviews/${id}`).set(s.policeContact.auth)).body;
    expect(asPolice.guidance).toBeUndefined();
  });

  it('keeps an IMR’s senior-manager sign-off with the IMR, and counts a specialist service on the panel', async () => {
    const created = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
    const id = created.body.id as string;
    const admin = s.admin;
    const specialist = (
      await t
        .http()
        .post('/api/agencies')
        .set(admin.auth)
        .send({ partnershipId: s.partnership.id, name: 'STRC Refuge', kind: 'specialist_da' })
    ).body;
    await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', rationale: 'criteria met', deathType: 'homicide' });
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    const withSpecialist = await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: specialist.id });
    expect(withSpecialist.guidance.specialistOnPanel).toBe(true);
    await send(t, s.chair, id, { type: 'AGREE_TERMS_OF_REFERENCE', periodFrom: '2021-01-01', periodTo: '2026-01-01' });
    await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id });

    const signedOffOn = new Date().toISOString().slice(0, 10);
    const res = await post(s.policeContact, id, { type: 'RECEIVE_IMR', agencyId: s.police.id, signedOffAt: signedOffOn });
    expect(res.status).toBe(400);
    expect(res.body.fields[0].field).toBe('signedOffBy');
    await send(t, s.policeContact, id, {
      type: 'RECEIVE_IMR',
      agencyId: s.police.id,
      signedOffBy: 'Detective Superintendent, Public Protection',
      signedOffAt: signedOffOn,
    });
    const asCoordinator = (await t.http().get(`/api/reviews/${id}`).set(s.coordinator.auth)).body;
    expect(asCoordinator.guidance.steps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          step: 'imr_signed_off',
          status: 'done',
          agencyId: s.police.id,
          agencyName: 'STRC Police',
          signedOffBy: 'Detective Superintendent, Public Protection',
        }),
      ]),
    );
  });

  it('tracks the action plan from sign-off while publication waits for a criminal trial', async () => {
    const { id } = await reviewWaitingForSignOff(t, s);
    await send(t, s.coordinator, id, { type: 'PUT_ON_HOLD', kind: 'criminal_trial', reason: 'trial listed', reference: 'T2026-0042' });
    // Drafted with the report: no clock yet.
    const drafted = await send(t, s.coordinator, id, {
      type: 'ADD_ACTION',
      agencyId: s.police.id,
      description: 'Train response officers on coercive control',
      dueAt: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
    });
    const actionId = drafted.actions[0].id as string;
    expect(drafted.actions[0]).toMatchObject({ agreedAt: null, status: 'open' });
    expect(drafted.deadlines.some((d: { kind: string }) => d.kind === 'action')).toBe(false);

    // Agreed at sign-off, when its clock starts; carried out while the report is assured and publication waits.
    const signed = await send(t, s.cspChair, id, { type: 'CSP_SIGN_OFF' });
    expect(signed.actions[0].agreedAt).not.toBeNull();
    expect(signed.deadlines).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'action', status: 'open' })]));
    await send(t, s.coordinator, id, { type: 'SUBMIT_TO_HOME_OFFICE' });
    const approved = await send(t, s.coordinator, id, { type: 'QA_OUTCOME', outcome: 'approved' });
    expect(approved).toMatchObject({ stage: 'publication', hold: expect.objectContaining({ scope: 'publication' }) });
    expect((await post(s.coordinator, id, { type: 'PUBLISH', url: 'https://csp.example/dhr' })).status).toBe(409);

    const done = await send(t, s.policeContact, id, { type: 'COMPLETE_ACTION', actionId });
    expect(done.actions[0]).toMatchObject({ status: 'complete' });
    expect(done.deadlines.find((d: { kind: string }) => d.kind === 'action').status).toBe('met');
    expect(done.stage).toBe('publication');
  });
});
