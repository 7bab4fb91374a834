// The action plan (v3): drafted with the report, agreed at the first CSP sign-off
// (when the clocks start), carried out while publication waits.
import { apply, view } from './dhr.workflow';
import { HEALTH, POLICE, day, play, reviewIn, sample } from './testing/dhr.test-kit';

const ACTION_DUE = '2026-06-30T16:00:00.000Z';
const drafted = () =>
  play(
    [
      sample('ADD_ACTION', day(65), { actionId: 'a-1', agencyId: POLICE, dueAt: ACTION_DUE }),
      sample('ADD_ACTION', day(66), { actionId: 'a-2', agencyId: HEALTH, dueAt: ACTION_DUE }),
    ],
    reviewIn('drafting'),
  );

describe('the action plan agreed with the report', () => {
  it('drafts actions from drafting on without clocks, and cannot complete them yet', () => {
    const { snapshot, effects } = drafted();
    expect(effects).toEqual([[], []]);
    expect(view(snapshot).context.actions.map((a) => a.agreedAt)).toEqual([null, null]);
    expect(view(snapshot).allowedEvents).not.toContain('COMPLETE_ACTION');
    expect(apply(snapshot, sample('COMPLETE_ACTION', day(67), { actionId: 'a-1' })).ok).toBe(false);
  });

  it('agrees them at the first sign-off, starting each clock for its agency', () => {
    const signed = play(
      [
        sample('SUBMIT_DRAFT', day(90)),
        sample('FAMILY_NOT_INVOLVED', day(91)),
        sample('SUBMIT_FOR_SIGNOFF', day(92)),
        sample('CSP_SIGN_OFF', day(100)),
      ],
      drafted().snapshot,
    );
    expect(signed.effects.at(-1)).toEqual(
      expect.arrayContaining([
        { type: 'clock.start', subject: { kind: 'action', actionId: 'a-1', agencyId: POLICE }, startedAt: day(100), dueAt: ACTION_DUE },
        { type: 'clock.start', subject: { kind: 'action', actionId: 'a-2', agencyId: HEALTH }, startedAt: day(100), dueAt: ACTION_DUE },
      ]),
    );
    const context = view(signed.snapshot).context;
    expect(context.actionPlanAgreedAt).toBe(day(100));
    expect(context.actions.map((a) => a.agreedAt)).toEqual([day(100), day(100)]);

    // Carried out while the report is assured: completed in home_office_qa; one added now is agreed at once.
    const carried = play(
      [
        sample('COMPLETE_ACTION', day(101), { actionId: 'a-1' }),
        sample('ADD_ACTION', day(102), { actionId: 'a-3', agencyId: POLICE, dueAt: ACTION_DUE }),
      ],
      signed.snapshot,
    );
    expect(carried.effects).toEqual([
      [{ type: 'clock.meet', subject: { kind: 'action', actionId: 'a-1' }, metAt: day(101) }],
      [{ type: 'clock.start', subject: { kind: 'action', actionId: 'a-3', agencyId: POLICE }, startedAt: day(102), dueAt: ACTION_DUE }],
    ]);
  });

  it('agrees nothing again at a sign-off after a Home Office resubmission', () => {
    const signedTwice = play(
      [
        sample('SUBMIT_DRAFT', day(90)),
        sample('FAMILY_NOT_INVOLVED', day(91)),
        sample('SUBMIT_FOR_SIGNOFF', day(92)),
        sample('CSP_SIGN_OFF', day(100)),
        sample('SUBMIT_TO_HOME_OFFICE', day(101)),
        sample('QA_OUTCOME', day(150), { outcome: 'resubmit' }),
        sample('SUBMIT_DRAFT', day(160)),
        sample('SUBMIT_FOR_SIGNOFF', day(161)),
        sample('CSP_SIGN_OFF', day(170)),
      ],
      drafted().snapshot,
    );
    expect(signedTwice.effects.at(-1)).toEqual([{ type: 'clock.start', subject: { kind: 'home_office_submission' }, startedAt: day(170) }]);
    expect(view(signedTwice.snapshot).context.actionPlanAgreedAt).toBe(day(100));
  });
});
