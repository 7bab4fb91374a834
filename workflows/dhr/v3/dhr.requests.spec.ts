// v2's requests and dates: WITHDRAW_REQUEST cancels an outstanding request's clock;
// EXTEND_DEADLINE declares the move (the service checks the clock); v1 snapshots migrate.
import { DHR_V2_TO_V3 } from './migrate-from-v2';
import { apply, view } from './dhr.workflow';
import { HEALTH, PATH_TO, POLICE, day, play, reviewIn, sample } from './testing/dhr.test-kit';

const askedForScoping = () => play([sample('REQUEST_SCOPING', day(1), { agencyId: POLICE })]).snapshot;

describe('WITHDRAW_REQUEST', () => {
  it.each(['notification', 'not_commissioned', 'setup', 'drafting', 'action_plan'] as const)(
    'withdraws a scoping request outstanding in %s and cancels its clock',
    (stage) => {
      const snapshot = play(stage === 'notification' ? [] : PATH_TO[stage](), askedForScoping()).snapshot;
      const outcome = apply(snapshot, sample('WITHDRAW_REQUEST', day(300), { agencyId: POLICE, kind: 'scoping' }));
      expect(outcome).toMatchObject({
        ok: true,
        effects: [{ type: 'clock.cancel', subject: { kind: 'scoping_return', agencyId: POLICE }, at: day(300) }],
      });
      if (!outcome.ok) return;
      expect(view(outcome.snapshot).context.scoping).toEqual([
        { agencyId: POLICE, status: 'withdrawn', requestedAt: day(1), returnedAt: null, withdrawnAt: day(300) },
      ]);
      // Nothing left to receive or withdraw; it may be asked again where asking is allowed.
      expect(apply(outcome.snapshot, sample('RECEIVE_SCOPING', day(301), { agencyId: POLICE })).ok).toBe(false);
      expect(apply(outcome.snapshot, sample('WITHDRAW_REQUEST', day(301), { agencyId: POLICE, kind: 'scoping' })).ok).toBe(false);
    },
  );

  it('lets a withdrawn scoping request be asked again, replacing it', () => {
    const withdrawn = play([sample('WITHDRAW_REQUEST', day(2), { agencyId: POLICE, kind: 'scoping' })], askedForScoping()).snapshot;
    const again = play([sample('REQUEST_SCOPING', day(3), { agencyId: POLICE })], withdrawn);
    expect(view(again.snapshot).context.scoping).toEqual([
      { agencyId: POLICE, status: 'requested', requestedAt: day(3), returnedAt: null, withdrawnAt: null },
    ]);
  });

  it('withdraws a requested IMR (in information gathering or on hold), which then stops nothing', () => {
    const requested = play([sample('REQUEST_IMR', day(40), { agencyId: POLICE })], reviewIn('information_gathering')).snapshot;
    for (const snapshot of [requested, play([sample('PUT_ON_HOLD', day(41))], requested).snapshot]) {
      const outcome = apply(snapshot, sample('WITHDRAW_REQUEST', day(42), { agencyId: POLICE, kind: 'imr' }));
      expect(outcome).toMatchObject({
        ok: true,
        effects: [{ type: 'clock.cancel', subject: { kind: 'imr', agencyId: POLICE }, at: day(42) }],
      });
      if (!outcome.ok) return;
      expect(view(outcome.snapshot).context.panel.find((member) => member.agencyId === POLICE)?.imr).toBe('withdrawn');
    }
    const withdrawn = play([sample('WITHDRAW_REQUEST', day(42), { agencyId: POLICE, kind: 'imr' })], requested).snapshot;
    expect(view(withdrawn).allowedEvents).toContain('BEGIN_DRAFTING');
    expect(apply(withdrawn, sample('REQUEST_IMR', day(43), { agencyId: POLICE })).ok).toBe(true);
  });

  it('refuses a request that is not outstanding: never made, returned, or of the other kind', () => {
    const requested = play([sample('REQUEST_IMR', day(40), { agencyId: POLICE })], reviewIn('information_gathering')).snapshot;
    expect(apply(requested, sample('WITHDRAW_REQUEST', day(42), { agencyId: HEALTH, kind: 'imr' })).ok).toBe(false);
    expect(apply(requested, sample('WITHDRAW_REQUEST', day(42), { agencyId: POLICE, kind: 'scoping' })).ok).toBe(false);
    const received = play([sample('RECEIVE_IMR', day(41), { agencyId: POLICE })], requested).snapshot;
    expect(apply(received, sample('WITHDRAW_REQUEST', day(42), { agencyId: POLICE, kind: 'imr' })).ok).toBe(false);
  });
});

describe('EXTEND_DEADLINE', () => {
  it.each(['notification', 'not_commissioned', 'information_gathering', 'action_plan'] as const)('declares the move in %s', (stage) => {
    const outcome = apply(reviewIn(stage), sample('EXTEND_DEADLINE', day(300), { deadlineId: 'clock-9', dueAt: day(330) }));
    expect(outcome).toMatchObject({
      ok: true,
      fromStage: stage,
      toStage: stage,
      effects: [{ type: 'clock.extend', deadlineId: 'clock-9', dueAt: day(330), reason: 'agreed', at: day(300) }],
    });
  });

  it('is accepted on hold and refused once closed', () => {
    expect(apply(play([sample('PUT_ON_HOLD', day(200))], reviewIn('drafting')).snapshot, sample('EXTEND_DEADLINE', day(201))).ok).toBe(
      true,
    );
    expect(apply(reviewIn('closed'), sample('EXTEND_DEADLINE', day(900))).ok).toBe(false);
  });
});

describe('a v2 snapshot migrated to v3', () => {
  it('keeps its state and hold, its decision unrecorded, and no action plan agreed before sign-off', () => {
    const v3Held = play([sample('PUT_ON_HOLD', day(500))], play(PATH_TO.setup(), askedForScoping()).snapshot).snapshot;
    // A v2 snapshot is v3's without the fields v3 added.
    const {
      decidedAt: _decidedAt,
      decidedBy: _decidedBy,
      deathType: _deathType,
      deathTypeDescription: _description,
      homeOfficeResponse: _response,
      actionPlanAgreedAt: _agreed,
      report: _report,
      keepOnlineUntil: _keepOnlineUntil,
      guidance: _guidance,
      ...v2Context
    } = v3Held.context;
    const migrated = DHR_V2_TO_V3.migrate({ ...v3Held, context: v2Context });
    // What v2 never recorded is unknown, not guessed.
    expect(migrated).toEqual({
      ...v3Held,
      context: { ...v3Held.context, decidedAt: null, decidedBy: null, deathType: null, deathTypeDescription: null },
    });
    expect(view(migrated)).toMatchObject({ stage: 'setup', onHold: true });
    expect(apply(migrated, sample('RESUME', day(600)))).toMatchObject({ ok: true, toStage: 'setup' });
  });

  it('marks the action plan agreed for a review past sign-off, so actions added now start their clocks', () => {
    const inQa = reviewIn('home_office_qa');
    const { actionPlanAgreedAt: _agreed, ...v2Context } = inQa.context;
    const migrated = DHR_V2_TO_V3.migrate({ ...inQa, context: { ...v2Context, actions: [] } });
    expect(migrated.context.actionPlanAgreedAt).not.toBeNull();
    const added = apply(migrated, sample('ADD_ACTION', day(900)));
    expect(added).toMatchObject({ ok: true });
    expect(added.ok && added.effects.some((effect) => effect.type === 'clock.start')).toBe(true);
  });
});
