// Parallel proceedings: PUT_ON_HOLD from any commissioned stage and RESUME to exactly
// that stage, with the clocks paused and resumed; what a held review still accepts.
import { COMMISSIONED_STAGES } from './dhr.types';
import { apply, view, type PersistedDhrSnapshot } from './dhr.workflow';
import { HEALTH, PATH_TO, POLICE, day, play, reviewIn, sample } from './testing/dhr.test-kit';
const hold = (from: PersistedDhrSnapshot, reference?: string) =>
  play([sample('PUT_ON_HOLD', day(500), { kind: 'inquest', reason: 'inquest opened', reference })], from).snapshot;

/** Persist → JSON text → parse, as a jsonb column would. */
const throughJson = (snapshot: PersistedDhrSnapshot): PersistedDhrSnapshot => JSON.parse(JSON.stringify(snapshot));

describe.each(COMMISSIONED_STAGES)('on hold from %s', (stage) => {
  const before = reviewIn(stage);

  it('records the hold and pauses every clock but the Home Office notice', () => {
    const outcome = apply(before, sample('PUT_ON_HOLD', day(500), { kind: 'inquest', reason: 'inquest opened', reference: 'INQ-1' }));
    expect(outcome).toMatchObject({
      ok: true,
      fromStage: stage,
      toStage: stage, // the API keeps showing the stage it is held in
      effects: [{ type: 'clock.pauseAll', at: day(500), except: ['home_office_notice'] }],
    });
    if (!outcome.ok) return;
    expect(outcome.snapshot.value).toBe('on_hold');
    const held = view(outcome.snapshot);
    expect(held).toMatchObject({ stage, onHold: true });
    expect(held.context.hold).toStrictEqual({
      kind: 'inquest',
      scope: 'review',
      reason: 'inquest opened',
      reference: 'INQ-1',
      since: day(500),
    });
    expect(held.context.holdStage).toBe(stage);
  });

  it('resumes to exactly the same stage, even after a JSON round-trip, and resumes the clocks', () => {
    const held = throughJson(hold(before));
    const outcome = apply(held, sample('RESUME', day(600)));
    expect(outcome).toMatchObject({
      ok: true,
      fromStage: stage,
      toStage: stage,
      effects: [{ type: 'clock.resumeAll', at: day(600) }],
    });
    if (!outcome.ok) return;
    expect(outcome.snapshot.value).toStrictEqual(before.value);
    expect(view(outcome.snapshot)).toMatchObject({ stage, onHold: false });
    expect(outcome.snapshot.context).toStrictEqual(before.context);
  });
});

describe('putting on hold', () => {
  it('stores a missing reference as null', () => {
    expect(view(hold(reviewIn('drafting'))).context.hold?.reference).toBeNull();
  });

  it.each(['notification', 'not_commissioned', 'closed'] as const)('is refused in %s', (stage) => {
    expect(apply(reviewIn(stage), sample('PUT_ON_HOLD', day(500)))).toMatchObject({ ok: false, stage });
  });

  it('is refused while already on hold, and RESUME is refused when not on hold', () => {
    const held = hold(reviewIn('drafting'));
    expect(apply(held, sample('PUT_ON_HOLD', day(501)))).toMatchObject({ ok: false, stage: 'drafting' });
    expect(apply(reviewIn('drafting'), sample('RESUME', day(501)))).toMatchObject({ ok: false, stage: 'drafting' });
  });

  it('can be held, resumed and held again from a later stage', () => {
    const drafting = play([sample('RESUME', day(600))], hold(reviewIn('drafting'))).snapshot;
    const later = play(
      [sample('SUBMIT_DRAFT', day(601)), sample('FAMILY_NOT_INVOLVED', day(602)), sample('SUBMIT_FOR_SIGNOFF', day(603))],
      drafting,
    ).snapshot;
    const heldAgain = hold(later);
    expect(view(heldAgain)).toMatchObject({ stage: 'csp_signoff', onHold: true });
    const resumed = play([sample('RESUME', day(700))], throughJson(heldAgain)).snapshot;
    expect(view(resumed)).toMatchObject({ stage: 'csp_signoff', onHold: false });
  });
});

describe('while on hold, facts that happen regardless are still recorded', () => {
  it('accepts HOME_OFFICE_INFORMED once, staying on hold', () => {
    const held = hold(reviewIn('setup'));
    const outcome = apply(held, sample('HOME_OFFICE_INFORMED', day(510)));
    expect(outcome).toMatchObject({
      ok: true,
      fromStage: 'setup',
      toStage: 'setup',
      effects: [{ type: 'clock.meet', subject: { kind: 'home_office_notice' }, metAt: day(510) }],
    });
    if (!outcome.ok) return;
    expect(view(outcome.snapshot)).toMatchObject({ onHold: true, context: { homeOfficeInformedAt: day(510) } });
    expect(apply(outcome.snapshot, sample('HOME_OFFICE_INFORMED', day(511))).ok).toBe(false);
  });

  it.each(COMMISSIONED_STAGES)('accepts RECEIVE_SCOPING once for a request outstanding when held from %s', (stage) => {
    const asked = play([sample('REQUEST_SCOPING', day(1), { agencyId: POLICE })]).snapshot;
    const held = hold(play(PATH_TO[stage](), asked).snapshot);
    expect(view(held).allowedEvents).toContain('RECEIVE_SCOPING');
    const outcome = apply(held, sample('RECEIVE_SCOPING', day(510), { agencyId: POLICE }));
    expect(outcome).toMatchObject({
      ok: true,
      fromStage: stage,
      toStage: stage,
      effects: [{ type: 'clock.meet', subject: { kind: 'scoping_return', agencyId: POLICE }, metAt: day(510) }],
    });
    if (!outcome.ok) return;
    expect(outcome.snapshot.value).toBe('on_hold');
    expect(view(outcome.snapshot)).toMatchObject({
      onHold: true,
      context: { scoping: [{ agencyId: POLICE, status: 'returned', requestedAt: day(1), returnedAt: day(510) }] },
    });
    expect(view(outcome.snapshot).allowedEvents).not.toContain('RECEIVE_SCOPING');
    expect(apply(outcome.snapshot, sample('RECEIVE_SCOPING', day(511), { agencyId: POLICE })).ok).toBe(false);
    // RESUME still returns to the stage, keeping the answer.
    const resumed = play([sample('RESUME', day(600))], outcome.snapshot).snapshot;
    expect(view(resumed)).toMatchObject({ stage, onHold: false, context: { scoping: [{ status: 'returned' }] } });
  });

  it('refuses RECEIVE_SCOPING on hold from an agency never asked, and REQUEST_SCOPING', () => {
    const held = hold(play(PATH_TO.setup(), play([sample('REQUEST_SCOPING', day(1), { agencyId: POLICE })]).snapshot).snapshot);
    expect(apply(held, sample('RECEIVE_SCOPING', day(510), { agencyId: HEALTH })).ok).toBe(false);
    expect(apply(held, sample('REQUEST_SCOPING', day(510), { agencyId: HEALTH })).ok).toBe(false);
  });

  it.each(['publication', 'action_plan'] as const)('accepts COPY_SENT_TO_COMMISSIONER once when held from %s', (stage) => {
    const held = hold(reviewIn(stage));
    const outcome = apply(held, sample('COPY_SENT_TO_COMMISSIONER', day(520)));
    expect(outcome).toMatchObject({
      ok: true,
      effects: [{ type: 'clock.meet', subject: { kind: 'commissioner_copy' }, metAt: day(520) }],
    });
    if (!outcome.ok) return;
    expect(view(outcome.snapshot)).toMatchObject({ onHold: true, context: { commissionerCopySentAt: day(520) } });
    expect(apply(outcome.snapshot, sample('COPY_SENT_TO_COMMISSIONER', day(521))).ok).toBe(false);
  });

  it('refuses COPY_SENT_TO_COMMISSIONER when held before publication', () => {
    expect(apply(hold(reviewIn('home_office_qa')), sample('COPY_SENT_TO_COMMISSIONER', day(520)))).toMatchObject({
      ok: false,
      stage: 'home_office_qa',
      allowedEvents: ['HOME_OFFICE_INFORMED', 'RESUME', 'EXTEND_DEADLINE', 'RECORD_GUIDANCE_STEP'],
    });
  });

  it('refuses COPY_SENT_TO_COMMISSIONER on hold when the copy was already sent', () => {
    const sent = play([sample('COPY_SENT_TO_COMMISSIONER', day(210))], reviewIn('publication')).snapshot;
    expect(apply(hold(sent), sample('COPY_SENT_TO_COMMISSIONER', day(520))).ok).toBe(false);
  });
});

describe('a publication hold (v2): everything goes on, only PUBLISH waits', () => {
  const holdPublication = (from: PersistedDhrSnapshot, at = day(150)) =>
    play([sample('PUT_ON_HOLD', at, { kind: 'criminal_trial', scope: 'publication', reason: 'trial listed' })], from).snapshot;

  it('stays in its stage, holds only the publication clock and is not "on hold"', () => {
    const outcome = apply(reviewIn('information_gathering'), sample('PUT_ON_HOLD', day(150), { scope: 'publication' }));
    expect(outcome).toMatchObject({
      ok: true,
      fromStage: 'information_gathering',
      toStage: 'information_gathering',
      effects: [{ type: 'clock.pauseAll', at: day(150), only: ['publication'] }],
    });
    if (!outcome.ok) return;
    expect(outcome.snapshot.value).toEqual({ commissioned: 'information_gathering' });
    expect(view(outcome.snapshot)).toMatchObject({ onHold: false, context: { hold: { kind: 'criminal_trial', scope: 'publication' } } });
  });

  it('goes from information gathering to publication, refusing only PUBLISH, and publishes once resumed', () => {
    const held = holdPublication(reviewIn('information_gathering'));
    const gathered = play(PATH_TO.publication().slice(PATH_TO.information_gathering().length), held);
    expect(view(gathered.snapshot)).toMatchObject({ stage: 'publication', onHold: false });
    // QA approval starts the publication clock stopped: it cannot be met while the trial runs.
    expect(gathered.effects.at(-1)).toEqual([
      { type: 'clock.start', subject: { kind: 'publication' }, startedAt: expect.any(String) },
      { type: 'clock.pauseAll', at: expect.any(String), only: ['publication'] },
    ]);
    expect(view(gathered.snapshot).allowedEvents).not.toContain('PUBLISH');
    expect(apply(gathered.snapshot, sample('PUBLISH', day(400)))).toMatchObject({ ok: false, stage: 'publication' });
    expect(apply(gathered.snapshot, sample('PUT_ON_HOLD', day(400))).ok).toBe(false); // one hold at a time

    const resumed = apply(gathered.snapshot, sample('RESUME', day(500)));
    expect(resumed).toMatchObject({ ok: true, toStage: 'publication', effects: [{ type: 'clock.resumeAll', at: day(500) }] });
    if (!resumed.ok) return;
    expect(view(resumed.snapshot).context.hold).toBeNull();
    expect(apply(resumed.snapshot, sample('PUBLISH', day(501)))).toMatchObject({ ok: true, toStage: 'action_plan' });
  });

  it('refuses RESUME when nothing is held', () => {
    expect(apply(reviewIn('publication'), sample('RESUME', day(400))).ok).toBe(false);
  });
});

describe('a review hold (v2) still records agencies’ returns', () => {
  it('accepts RECEIVE_IMR for a requested IMR, meeting its clock, and stays on hold', () => {
    const gathering = play([sample('REQUEST_IMR', day(40), { agencyId: POLICE })], reviewIn('information_gathering')).snapshot;
    const held = hold(gathering);
    const outcome = apply(held, sample('RECEIVE_IMR', day(510), { agencyId: POLICE }));
    expect(outcome).toMatchObject({
      ok: true,
      effects: [{ type: 'clock.meet', subject: { kind: 'imr', agencyId: POLICE }, metAt: day(510) }],
    });
    if (!outcome.ok) return;
    expect(outcome.snapshot.value).toBe('on_hold');
    expect(view(outcome.snapshot).context.panel.find((member) => member.agencyId === POLICE)?.imr).toBe('received');
  });
});
