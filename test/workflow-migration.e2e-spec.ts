import { Test, TestingModule } from '@nestjs/testing';
import { CoreModule, DatabaseModule } from '@dhr/core';
import type { Actor } from '@dhr/identity';
import { JobsModule } from '@dhr/jobs';
import { CreateReviewDto, ReviewMigrationService, ReviewsModule, ReviewQueries, ReviewSpine, WORKFLOW_MIGRATED } from '@dhr/reviews';
import { DHR_V1, WorkflowRegistry } from '@dhr/workflow';
import { seedPartnership, Seed } from './support/actors';
import { sql } from './support/notifications-db';
import { daysAgo, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';

// The running app is this build (v1, v2 and v3, new reviews on v3). The build before it
// knew only v1: it is booted beside it on the same database to make v1 reviews, as
// they exist in a deployment the day this build is installed.

/** The previous build: the same engine with only v1 registered. */
async function startV1Build(t: TestApp): Promise<TestingModule> {
  const build = await Test.createTestingModule({ imports: [CoreModule.forRoot(t.config), DatabaseModule, JobsModule, ReviewsModule] })
    .overrideProvider(WorkflowRegistry)
    .useValue(new WorkflowRegistry('dhr', [DHR_V1]))
    .compile();
  return build.init();
}

/** This build, booted afresh (as a deploy starts it) on the same database. */
async function startCurrentBuild(t: TestApp): Promise<TestingModule> {
  const build = await Test.createTestingModule({
    imports: [CoreModule.forRoot(t.config), DatabaseModule, JobsModule, ReviewsModule],
  }).compile();
  return build.init();
}

interface ReviewRow {
  workflow_version: number;
  version: number;
  stage: string;
  on_hold: boolean;
  snapshot: { value: unknown; context: { hold: { scope?: string } | null; scoping: { withdrawnAt?: string | null }[] } };
}

describe('migrating running reviews to a new workflow version (v1 to v2)', () => {
  let t: TestApp;
  let s: Seed;
  let v1Build: TestingModule;
  let v1Spine: ReviewSpine;
  let migration: ReviewMigrationService;
  let reviews: ReviewQueries;
  let coordinator: Actor;
  let cspChair: Actor;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedPartnership(t, 'MIGR');
    v1Build = await startV1Build(t);
    v1Spine = v1Build.get(ReviewSpine);
    migration = t.app.get(ReviewMigrationService);
    reviews = t.app.get(ReviewQueries);
    const actor = (userId: string, role: Actor['role']): Actor => ({
      userId,
      role,
      partnershipId: s.partnership.id,
      agencyId: null,
      requestId: 'test-v1-build',
      sourceIp: null,
    });
    coordinator = actor(s.coordinator.id, 'coordinator');
    cspChair = actor(s.cspChair.id, 'csp_chair');
  });
  afterAll(async () => {
    await v1Build?.close();
    await t?.close();
  });

  const reviewRow = async (id: string) =>
    (await sql<ReviewRow>(t.config, 'SELECT workflow_version, version, stage, on_hold, snapshot FROM reviews WHERE id = $1', [id]))[0];
  const historyTypes = async (id: string) => (await reviews.history(coordinator, id)).map((h) => h.type);

  /** On the previous build: information gathering, police scoping and IMR outstanding, health on the panel. */
  async function v1ReviewGatheringInformation(): Promise<string> {
    const created = await v1Spine.create(coordinator, Object.assign(new CreateReviewDto(), reviewBody(s.partnership.id)));
    const id = created.id;
    await v1Spine.applyEvent(coordinator, id, { type: 'REQUEST_SCOPING', agencyId: s.police.id });
    await v1Spine.applyEvent(cspChair, id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
    await v1Spine.applyEvent(coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await v1Spine.applyEvent(coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await v1Spine.applyEvent(coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.health.id });
    await v1Spine.applyEvent(coordinator, id, { type: 'AGREE_TERMS_OF_REFERENCE', periodFrom: '2022-01-01', periodTo: '2026-01-01' });
    const r = await v1Spine.applyEvent(coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id });
    expect(r).toMatchObject({ stage: 'information_gathering', workflow: { name: 'dhr', version: 1 } });
    return id;
  }

  it('keeps a review on v1 until migrated, then carries its state over and applies v2’s rules', async () => {
    const id = await v1ReviewGatheringInformation();
    const before = (await t.http().get(`/api/reviews/${id}`).set(s.coordinator.auth)).body;
    expect(before).toMatchObject({ workflow: { name: 'dhr', version: 1 }, stage: 'information_gathering', onHold: false });
    // This build still runs v1 for a review not yet migrated; v1 has no WITHDRAW_REQUEST.
    await send(t, s.coordinator, id, { type: 'WITHDRAW_REQUEST', agencyId: s.police.id, kind: 'scoping', reason: 'not needed' }, 409);
    const rowBefore = await reviewRow(id);

    await expect(migration.migrate(id, 2, s.coordinator.id)).resolves.toEqual({ from: 1, to: 2 });

    const row = await reviewRow(id);
    expect(row).toMatchObject({ workflow_version: 2, version: rowBefore.version + 1, stage: 'information_gathering', on_hold: false });
    expect(row.snapshot.value).toEqual(rowBefore.snapshot.value);
    expect(row.snapshot.context.scoping).toEqual([{ ...rowBefore.snapshot.context.scoping[0], withdrawnAt: null }]);
    const after = (await t.http().get(`/api/reviews/${id}`).set(s.coordinator.auth)).body;
    expect(after).toMatchObject({
      workflow: { name: 'dhr', version: 2 },
      stage: 'information_gathering',
      panel: before.panel,
      chair: before.chair,
      termsOfReference: before.termsOfReference,
      version: before.version + 1,
    });
    expect(after.allowedEvents).toEqual(expect.arrayContaining([...before.allowedEvents, 'WITHDRAW_REQUEST', 'EXTEND_DEADLINE']));
    const history = await reviews.history(coordinator, id);
    expect(history.at(-1)).toMatchObject({
      seq: history.length,
      type: WORKFLOW_MIGRATED,
      payload: { from: 1, to: 2 },
      actorId: s.coordinator.id,
      fromStage: 'information_gathering',
      toStage: 'information_gathering',
    });

    // v2's events now apply, and are recorded under v2.
    await send(t, s.coordinator, id, { type: 'WITHDRAW_REQUEST', agencyId: s.police.id, kind: 'scoping', reason: 'not needed' });
    const versions = await sql<{ type: string; workflow_version: number }>(
      t.config,
      'SELECT type, workflow_version FROM review_events WHERE review_id = $1 ORDER BY seq',
      [id],
    );
    const migratedAt = versions.findIndex((e) => e.type === WORKFLOW_MIGRATED);
    expect(versions.slice(0, migratedAt).every((e) => e.workflow_version === 1)).toBe(true);
    expect(versions.slice(migratedAt).map((e) => [e.type, e.workflow_version])).toEqual([
      [WORKFLOW_MIGRATED, 2],
      ['WITHDRAW_REQUEST', 2],
    ]);
  });

  it('does nothing to a review already on the target version', async () => {
    const id = await v1ReviewGatheringInformation();
    await migration.migrate(id, 2, s.coordinator.id);
    const row = await reviewRow(id);
    const types = await historyTypes(id);

    await expect(migration.migrate(id, 2, s.coordinator.id)).resolves.toEqual({ from: 2, to: 2 });
    expect(await reviewRow(id)).toEqual(row);
    expect(await historyTypes(id)).toEqual(types);
  });

  it('carries a review held under v1 across as a review hold; under v2 an IMR is recorded while it is held', async () => {
    const id = await v1ReviewGatheringInformation();
    const held = await v1Spine.applyEvent(coordinator, id, {
      type: 'PUT_ON_HOLD',
      kind: 'inquest',
      reason: 'inquest opened',
      reference: 'INQ-1',
    });

    await migration.migrate(id, 2, null);

    const row = await reviewRow(id);
    expect(row).toMatchObject({ workflow_version: 2, stage: 'information_gathering', on_hold: true });
    expect(row.snapshot.context.hold).toMatchObject({ kind: 'inquest', scope: 'review', reference: 'INQ-1' });
    expect((await reviews.history(coordinator, id)).at(-1)).toMatchObject({ type: WORKFLOW_MIGRATED, actorId: null });

    const received = await send(t, s.policeContact, id, { type: 'RECEIVE_IMR', agencyId: s.police.id });
    expect(received).toMatchObject({ onHold: true, stage: 'information_gathering' });
    const resumed = await send(t, s.coordinator, id, { type: 'RESUME' });
    expect(resumed).toMatchObject({ stage: 'information_gathering', onHold: false, hold: null });
    expect(resumed.panel).toEqual(
      held.panel.map((p: { agencyId: string }) => (p.agencyId === s.police.id ? { ...p, imr: 'received' } : p)),
    );
  });

  it('refuses a version it has no path to and leaves the review as it was', async () => {
    const id = await v1ReviewGatheringInformation();
    const row = await reviewRow(id);
    const types = await historyTypes(id);

    // The previous build knows only v1.
    await expect(v1Build.get(ReviewMigrationService).migrate(id, 2, null)).rejects.toThrow('no migration from dhr v1 to v2');
    // v1 to v3 succeeds in memory, v3 to v4 does not exist: nothing is written.
    await expect(migration.migrate(id, 4, null)).rejects.toThrow('no migration from dhr v3 to v4');
    await expect(migration.migrateAll(1, 4, null)).rejects.toThrow('dhr workflow version 4 is not in this build');
    await expect(migration.migrateAll(2, 1, null)).rejects.toThrow('cannot migrate reviews from v2 to v1');

    expect(await reviewRow(id)).toEqual(row);
    expect(await historyTypes(id)).toEqual(types);
  });

  it('starts new reviews on the newest version of the build that creates them', async () => {
    const onV3 = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
    expect(onV3.body.workflow).toEqual({ name: 'dhr', version: 3 });
    const dto = Object.assign(new CreateReviewDto(), reviewBody(s.partnership.id));
    expect(await v1Spine.create(coordinator, dto)).toMatchObject({ workflow: { name: 'dhr', version: 1 }, stage: 'notification' });
  });

  it('migrates every running review of a version in bulk, page by page, leaving closed reviews as they finished', async () => {
    const closed = (await v1Spine.create(coordinator, Object.assign(new CreateReviewDto(), reviewBody(s.partnership.id)))).id;
    await v1Spine.applyEvent(coordinator, closed, { type: 'DECIDE_NOT_TO_COMMISSION', rationale: 'not a qualifying death' });
    await v1Spine.applyEvent(coordinator, closed, { type: 'HOME_OFFICE_INFORMED' });
    await v1Spine.applyEvent(coordinator, closed, { type: 'CLOSE' });
    await v1ReviewGatheringInformation();
    await v1ReviewGatheringInformation();
    const runningOnV1 = async () =>
      (await sql<{ id: string }>(t.config, `SELECT id FROM reviews WHERE workflow_version = 1 AND stage <> 'closed'`)).map((r) => r.id);
    const toMigrate = await runningOnV1();
    expect(toMigrate.length).toBeGreaterThan(2); // more than one page

    await expect(migration.migrateAll(1, 2, null, { pageSize: 2 })).resolves.toEqual({
      migrated: toMigrate.length,
      skipped: 0,
      failure: null,
    });

    expect(await runningOnV1()).toEqual([]);
    expect(await reviewRow(closed)).toMatchObject({ workflow_version: 1, stage: 'closed' });
    for (const id of toMigrate) {
      expect((await reviews.history(coordinator, id)).at(-1)).toMatchObject({
        type: WORKFLOW_MIGRATED,
        payload: { from: 1, to: 2 },
        actorId: null,
      });
    }
    await expect(migration.migrateAll(1, 2, null)).resolves.toEqual({ migrated: 0, skipped: 0, failure: null });
  });

  it('brings running v1 and v2 reviews to v3 when this build starts, with no manual step', async () => {
    const running = [await v1ReviewGatheringInformation(), await v1ReviewGatheringInformation()];
    await migration.migrate(running[1], 2, null);
    const started = await startCurrentBuild(t);
    try {
      for (const id of running) expect(await reviewRow(id)).toMatchObject({ workflow_version: 3, stage: 'information_gathering' });
      expect((await reviews.history(coordinator, running[1])).at(-1)).toMatchObject({
        type: WORKFLOW_MIGRATED,
        payload: { from: 2, to: 3 },
      });
      expect(await sql(t.config, `SELECT id FROM reviews WHERE workflow_version = 1 AND stage <> 'closed'`)).toEqual([]);
    } finally {
      await started.close();
    }
  });
});
