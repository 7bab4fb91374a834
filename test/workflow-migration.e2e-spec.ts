import { Test, TestingModule } from '@nestjs/testing';
import { initialTransition, transition } from 'xstate';
import { CoreModule, DatabaseModule } from '@dhr/core';
import type { Actor } from '@dhr/identity';
import { JobsModule } from '@dhr/jobs';
import { CreateReviewDto, ReviewMigrationService, ReviewsModule, ReviewQueries, ReviewSpine, WORKFLOW_MIGRATED } from '@dhr/reviews';
import { DHR_V1, SnapshotMigration, WorkflowRegistry, WorkflowVersion } from '@dhr/workflow';
import {
  allowedEventsOf,
  dhrMachineV1,
  effectsOf,
  stageOf,
  type DhrContext,
  type DhrEvent,
  type DhrInput,
  type DhrSnapshot,
  type PersistedDhrSnapshot,
} from '@dhr/workflows/dhr/v1';
import { seedPartnership, Seed } from './support/actors';
import { sql } from './support/notifications-db';
import { daysAgo, reviewBody, send } from './support/review-driver';
import { startTestApp, TestApp } from './support/test-app';

// ---- A tiny v2, made here the way a real one is made: beside v1, never editing it.
// The one rule that changes: drafting may begin only once EVERY panel agency's IMR
// is received or waived (v1 only asks that none is outstanding, so an agency never
// asked is no obstacle). Same states and events, so v1's chart is reused with that
// guard replaced; a real v2 would copy the chart and rename the guard.
const dhrMachineV2 = dhrMachineV1.provide({
  guards: { noImrOutstanding: ({ context }) => context.panel.every((member) => member.imr === 'received' || member.imr === 'waived') },
});

/** v2's context: v1's, plus the version a migrated review came from. */
type DhrContextV2 = DhrContext & { migratedFrom?: number };

// start/apply/view for v2: v1's helpers, bound to the v2 machine (restore must resolve
// state and guards against the machine that will run the next event).
function restoreV2(persisted: PersistedDhrSnapshot): DhrSnapshot {
  const historyValue = Object.fromEntries(
    Object.entries(persisted.historyValue).map(([id, nodes]) => [id, nodes.map((node) => dhrMachineV2.getStateNodeById(node.id))]),
  );
  return dhrMachineV2.resolveState({ value: persisted.value, context: persisted.context, historyValue });
}

const persistV2 = (snapshot: DhrSnapshot) =>
  JSON.parse(JSON.stringify(dhrMachineV2.getPersistedSnapshot(snapshot))) as PersistedDhrSnapshot;

const DHR_V2: WorkflowVersion = {
  name: 'dhr',
  version: 2,
  start(input: DhrInput) {
    const [snapshot, actions] = initialTransition(dhrMachineV2, input);
    return { snapshot: persistV2(snapshot), effects: effectsOf(actions) };
  },
  apply(persisted: PersistedDhrSnapshot, event: DhrEvent) {
    const before = restoreV2(persisted);
    const fromStage = stageOf(before);
    if (!before.can(event)) return { ok: false, stage: fromStage, allowedEvents: allowedEventsOf(before) };
    const [after, actions] = transition(dhrMachineV2, before, event);
    return { ok: true, snapshot: persistV2(after), effects: effectsOf(actions), fromStage, toStage: stageOf(after) };
  },
  view(persisted: PersistedDhrSnapshot) {
    const snapshot = restoreV2(persisted);
    return {
      stage: stageOf(snapshot),
      onHold: snapshot.matches('on_hold'),
      allowedEvents: allowedEventsOf(snapshot),
      context: snapshot.context,
    };
  },
};

/** States and context carry over as they are; the context gains v2's one new field. */
const DHR_V1_TO_V2: SnapshotMigration = {
  name: 'dhr v1 to v2: note the version migrated from',
  from: 1,
  to: 2,
  migrate: (snapshot) => {
    const v1 = snapshot as PersistedDhrSnapshot;
    return { ...v1, context: { ...v1.context, migratedFrom: 1 } };
  },
};

/** The same engine as built with v2 registered, sharing the running app's database. */
async function startV2Build(t: TestApp): Promise<TestingModule> {
  const build = await Test.createTestingModule({ imports: [CoreModule.forRoot(t.config), DatabaseModule, JobsModule, ReviewsModule] })
    .overrideProvider(WorkflowRegistry)
    .useValue(new WorkflowRegistry('dhr', [DHR_V1, DHR_V2], [DHR_V1_TO_V2]))
    .compile();
  return build.init();
}

interface ReviewRow {
  workflow_version: number;
  version: number;
  stage: string;
  on_hold: boolean;
  snapshot: PersistedDhrSnapshot & { context: DhrContextV2 };
}

describe('migrating running reviews to a new workflow version', () => {
  let t: TestApp;
  let s: Seed;
  let v2Build: TestingModule;
  let v2Reviews: ReviewQueries;
  let v2Spine: ReviewSpine;
  let v2Migration: ReviewMigrationService;
  let coordinator: Actor;

  beforeAll(async () => {
    t = await startTestApp();
    s = await seedPartnership(t, 'MIGR');
    v2Build = await startV2Build(t);
    v2Reviews = v2Build.get(ReviewQueries);
    v2Spine = v2Build.get(ReviewSpine);
    v2Migration = v2Build.get(ReviewMigrationService);
    coordinator = {
      userId: s.coordinator.id,
      role: 'coordinator',
      partnershipId: s.partnership.id,
      agencyId: null,
      requestId: 'test-v2-build',
      sourceIp: null,
    };
  });
  afterAll(async () => {
    await v2Build?.close();
    await t?.close();
  });

  const reviewRow = async (id: string) =>
    (await sql<ReviewRow>(t.config, 'SELECT workflow_version, version, stage, on_hold, snapshot FROM reviews WHERE id = $1', [id]))[0];
  const historyTypes = async (id: string) => (await v2Reviews.history(coordinator, id)).map((h) => h.type);

  /** Over HTTP on the running (v1) app: information gathering, police IMR requested, health's not asked for. */
  async function reviewGatheringInformation(): Promise<string> {
    const created = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    await send(t, s.cspChair, id, { type: 'DECIDE_TO_COMMISSION', decidedAt: daysAgo(45), rationale: 'criteria met' });
    await send(t, s.coordinator, id, { type: 'APPOINT_CHAIR', userId: s.chair.id });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.police.id });
    await send(t, s.coordinator, id, { type: 'ADD_PANEL_AGENCY', agencyId: s.health.id });
    await send(t, s.coordinator, id, { type: 'AGREE_TERMS_OF_REFERENCE', periodFrom: '2022-01-01', periodTo: '2026-01-01' });
    const r = await send(t, s.coordinator, id, { type: 'REQUEST_IMR', agencyId: s.police.id });
    expect(r).toMatchObject({ stage: 'information_gathering', workflow: { name: 'dhr', version: 1 } });
    return id;
  }

  it('keeps a review on its version until migrated, then carries its state over and applies the new rules', async () => {
    const migrated = await reviewGatheringInformation();
    const control = await reviewGatheringInformation(); // stays on v1
    const before = (await t.http().get(`/api/reviews/${migrated}`).set(s.coordinator.auth)).body;
    expect(before).toMatchObject({ workflow: { name: 'dhr', version: 1 }, stage: 'information_gathering', onHold: false });
    const rowBefore = await reviewRow(migrated);

    await expect(v2Migration.migrate(migrated, 2, s.coordinator.id)).resolves.toEqual({ from: 1, to: 2 });

    const row = await reviewRow(migrated);
    expect(row).toMatchObject({ workflow_version: 2, version: rowBefore.version + 1, stage: 'information_gathering', on_hold: false });
    expect(row.snapshot).toEqual({ ...rowBefore.snapshot, context: { ...rowBefore.snapshot.context, migratedFrom: 1 } });
    const after = await v2Reviews.get(coordinator, migrated);
    expect(after).toMatchObject({
      workflow: { name: 'dhr', version: 2 },
      stage: 'information_gathering',
      onHold: false,
      panel: before.panel,
      chairUserId: s.chair.id,
      termsOfReference: before.termsOfReference,
      allowedEvents: before.allowedEvents,
      version: before.version + 1,
    });
    const history = await v2Reviews.history(coordinator, migrated);
    expect(history.at(-1)).toMatchObject({
      seq: history.length,
      type: WORKFLOW_MIGRATED,
      payload: { from: 1, to: 2 },
      actorId: s.coordinator.id,
      fromStage: 'information_gathering',
      toStage: 'information_gathering',
    });

    // Same situation on both: police IMR received, health never asked for.
    await send(t, s.policeContact, control, { type: 'RECEIVE_IMR', agencyId: s.police.id });
    await v2Spine.applyEvent(coordinator, migrated, { type: 'RECEIVE_IMR', agencyId: s.police.id });
    // v1 lets drafting begin; v2 wants health's IMR received or waived first.
    expect(await send(t, s.chair, control, { type: 'BEGIN_DRAFTING' })).toMatchObject({ stage: 'drafting' });
    await expect(v2Spine.applyEvent(coordinator, migrated, { type: 'BEGIN_DRAFTING' })).rejects.toMatchObject({
      code: 'invalid_transition',
      body: { error: 'invalid_transition', stage: 'information_gathering' },
    });
    expect((await v2Reviews.get(coordinator, migrated)).allowedEvents).not.toContain('BEGIN_DRAFTING');
    await v2Spine.applyEvent(coordinator, migrated, { type: 'WAIVE_IMR', agencyId: s.health.id, reason: 'no contact' });
    const drafting = await v2Spine.applyEvent(coordinator, migrated, { type: 'BEGIN_DRAFTING' });
    expect(drafting).toMatchObject({ stage: 'drafting', workflow: { version: 2 } });

    // Events after the migration are recorded under v2; the migrated-from note rides along.
    const versions = await sql<{ type: string; workflow_version: number }>(
      t.config,
      'SELECT type, workflow_version FROM review_events WHERE review_id = $1 ORDER BY seq',
      [migrated],
    );
    const migratedAt = versions.findIndex((e) => e.type === WORKFLOW_MIGRATED);
    expect(versions.slice(0, migratedAt).every((e) => e.workflow_version === 1)).toBe(true);
    expect(versions.slice(migratedAt).map((e) => [e.type, e.workflow_version])).toEqual([
      [WORKFLOW_MIGRATED, 2],
      ['RECEIVE_IMR', 2],
      ['WAIVE_IMR', 2],
      ['BEGIN_DRAFTING', 2],
    ]);
    expect((await reviewRow(migrated)).snapshot.context.migratedFrom).toBe(1);
  });

  it('does nothing to a review already on the target version', async () => {
    const id = await reviewGatheringInformation();
    await v2Migration.migrate(id, 2, s.coordinator.id);
    const row = await reviewRow(id);
    const types = await historyTypes(id);

    await expect(v2Migration.migrate(id, 2, s.coordinator.id)).resolves.toEqual({ from: 2, to: 2 });
    expect(await reviewRow(id)).toEqual(row);
    expect(await historyTypes(id)).toEqual(types);
  });

  it('carries a review on hold across, and it resumes where it was held', async () => {
    const id = await reviewGatheringInformation();
    const held = await send(t, s.coordinator, id, { type: 'PUT_ON_HOLD', kind: 'inquest', reason: 'inquest opened', reference: 'INQ-1' });

    await v2Migration.migrate(id, 2, null);

    expect(await reviewRow(id)).toMatchObject({ workflow_version: 2, stage: 'information_gathering', on_hold: true });
    const after = await v2Reviews.get(coordinator, id);
    expect(after).toMatchObject({ workflow: { version: 2 }, onHold: true, hold: held.hold, panel: held.panel });
    expect(after.allowedEvents).toEqual(held.allowedEvents);
    expect((await v2Reviews.history(coordinator, id)).at(-1)).toMatchObject({ type: WORKFLOW_MIGRATED, actorId: null });

    const resumed = await v2Spine.applyEvent(coordinator, id, { type: 'RESUME' });
    expect(resumed).toMatchObject({ stage: 'information_gathering', onHold: false, hold: null, panel: held.panel });
  });

  it('refuses a version it has no path to and leaves the review as it was', async () => {
    const id = await reviewGatheringInformation();
    const row = await reviewRow(id);
    const types = await historyTypes(id);

    // The running app's build knows only v1.
    await expect(t.app.get(ReviewMigrationService).migrate(id, 2, null)).rejects.toThrow('no migration from dhr v1 to v2');
    // v1 to v2 succeeds in memory, v2 to v3 does not exist: nothing is written.
    await expect(v2Migration.migrate(id, 3, null)).rejects.toThrow('no migration from dhr v2 to v3');
    await expect(v2Migration.migrateAll(1, 3, null)).rejects.toThrow('dhr workflow version 3 is not in this build');
    await expect(v2Migration.migrateAll(2, 1, null)).rejects.toThrow('cannot migrate reviews from v2 to v1');

    expect(await reviewRow(id)).toEqual(row);
    expect(await historyTypes(id)).toEqual(types);
  });

  it('starts new reviews on the newest version of the build that creates them', async () => {
    const dto = Object.assign(new CreateReviewDto(), reviewBody(s.partnership.id));
    expect(await v2Spine.create(coordinator, dto)).toMatchObject({ workflow: { name: 'dhr', version: 2 }, stage: 'notification' });
    const onV1 = await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id));
    expect(onV1.body.workflow).toEqual({ name: 'dhr', version: 1 });
  });

  it('migrates every running review of a version in bulk, page by page, leaving closed reviews as they finished', async () => {
    const closed = (await t.http().post('/api/reviews').set(s.coordinator.auth).send(reviewBody(s.partnership.id))).body.id;
    await send(t, s.coordinator, closed, { type: 'DECIDE_NOT_TO_COMMISSION', rationale: 'not a qualifying death' });
    await send(t, s.coordinator, closed, { type: 'HOME_OFFICE_INFORMED' });
    await send(t, s.coordinator, closed, { type: 'CLOSE' });
    await reviewGatheringInformation();
    const runningOnV1 = async () =>
      (await sql<{ id: string }>(t.config, `SELECT id FROM reviews WHERE workflow_version = 1 AND stage <> 'closed'`)).map((r) => r.id);
    const toMigrate = await runningOnV1();
    expect(toMigrate.length).toBeGreaterThan(2); // more than one page

    await expect(v2Migration.migrateAll(1, 2, null, { pageSize: 2 })).resolves.toEqual({
      migrated: toMigrate.length,
      skipped: 0,
      failure: null,
    });

    expect(await runningOnV1()).toEqual([]);
    expect(await reviewRow(closed)).toMatchObject({ workflow_version: 1, stage: 'closed' });
    for (const id of toMigrate) {
      expect((await v2Reviews.history(coordinator, id)).at(-1)).toMatchObject({
        type: WORKFLOW_MIGRATED,
        payload: { from: 1, to: 2 },
        actorId: null,
      });
    }
    await expect(v2Migration.migrateAll(1, 2, null)).resolves.toEqual({ migrated: 0, skipped: 0, failure: null });
  });
});
