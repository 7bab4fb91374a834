// The loops back to drafting (CSP changes, Home Office resubmission, family review)
// and the events that record facts without changing stage.
import { apply, view, type PersistedDhrSnapshot } from './dhr.workflow';
import type { DhrEvent } from './dhr.types';
import { CHAIR, HEALTH, POLICE, day, play, reviewIn, sample } from './testing/dhr.test-kit';

const after = (snapshot: PersistedDhrSnapshot, ...events: DhrEvent[]) => play(events, snapshot).snapshot;

describe('back to drafting', () => {
  it('CSP_REQUEST_CHANGES returns to drafting; the family response still stands for the next sign-off', () => {
    const outcome = apply(reviewIn('csp_signoff'), sample('CSP_REQUEST_CHANGES', day(125)));
    expect(outcome).toMatchObject({ ok: true, fromStage: 'csp_signoff', toStage: 'drafting', effects: [] });
    if (!outcome.ok) return;
    const revised = after(outcome.snapshot, sample('SUBMIT_DRAFT', day(126), { documentId: 'doc-draft-2' }));
    expect(view(revised).context.drafts).toHaveLength(2);
    // The completion clock was met at the first submission; meeting it again is declared
    // and left to the service to treat as already met.
    expect(apply(revised, sample('SUBMIT_FOR_SIGNOFF', day(127)))).toMatchObject({
      ok: true,
      toStage: 'csp_signoff',
      effects: [{ type: 'clock.meet', subject: { kind: 'completion' }, metAt: day(127) }],
    });
  });

  it('QA_OUTCOME resubmit counts a resubmission and opens a new Home Office round', () => {
    const submitted = after(reviewIn('home_office_qa'), sample('SUBMIT_TO_HOME_OFFICE', day(131)));
    const outcome = apply(submitted, sample('QA_OUTCOME', day(160), { outcome: 'resubmit', notes: 'amend' }));
    // v3: the clock back to the Home Office starts with the request.
    expect(outcome).toMatchObject({
      ok: true,
      fromStage: 'home_office_qa',
      toStage: 'drafting',
      effects: [{ type: 'clock.start', subject: { kind: 'qa_resubmission' } }],
    });
    if (!outcome.ok) return;
    expect(view(outcome.snapshot).context).toMatchObject({
      resubmissions: 1,
      homeOfficeRound: 2,
      submittedToHomeOfficeThisRound: false,
    });

    // Round two: signed off again without restarting the commissioner-copy clock, which
    // has been running since the report was first completed; only the clock to the Home
    // Office submission starts again (v3).
    const signedAgain = play(
      [sample('SUBMIT_DRAFT', day(170)), sample('SUBMIT_FOR_SIGNOFF', day(171)), sample('CSP_SIGN_OFF', day(172))],
      outcome.snapshot,
    );
    expect(signedAgain.effects[2]).toEqual([{ type: 'clock.start', subject: { kind: 'home_office_submission' }, startedAt: day(172) }]);
    const approved = play(
      [sample('SUBMIT_TO_HOME_OFFICE', day(173)), sample('QA_OUTCOME', day(200), { outcome: 'approved' })],
      signedAgain.snapshot,
    );
    expect(view(approved.snapshot)).toMatchObject({
      stage: 'publication',
      context: { resubmissions: 1, homeOfficeRound: 2, submittedToHomeOfficeThisRound: true },
    });
  });

  it('a second draft can be shared again; sign-off then waits for the new response', () => {
    const responded = after(reviewIn('family_review'), sample('FAMILY_RESPONSE_RECEIVED', day(110)));
    const reshared = after(responded, sample('SUBMIT_DRAFT', day(111)), sample('SHARE_DRAFT_WITH_FAMILY', day(112)));
    expect(view(reshared)).toMatchObject({ stage: 'family_review', context: { family: 'draft_shared' } });
    expect(view(after(reshared, sample('FAMILY_RESPONSE_RECEIVED', day(120)))).context.family).toBe('responded');
  });

  it('SHARE_DRAFT_WITH_FAMILY without responseDueAt leaves the due time to the rulebook', () => {
    const outcome = apply(after(reviewIn('drafting'), sample('SUBMIT_DRAFT', day(70))), sample('SHARE_DRAFT_WITH_FAMILY', day(71)));
    expect(outcome.ok && outcome.effects).toStrictEqual([
      { type: 'clock.start', subject: { kind: 'family_response' }, startedAt: day(71) },
    ]);
  });

  it('FAMILY_NOT_INVOLVED in family_review returns to drafting and cancels (does not meet) the response clock', () => {
    const outcome = apply(
      reviewIn('family_review'),
      sample('FAMILY_NOT_INVOLVED', day(130), { reason: 'no reply after repeated contact' }),
    );
    expect(outcome).toMatchObject({
      ok: true,
      fromStage: 'family_review',
      toStage: 'drafting',
      effects: [{ type: 'clock.cancel', subject: { kind: 'family_response' }, at: day(130) }],
    });
    if (!outcome.ok) return;
    expect(view(outcome.snapshot).context.family).toBe('not_involved');
    // The review is not stuck: it can go to sign-off with the draft it has.
    expect(apply(outcome.snapshot, sample('SUBMIT_FOR_SIGNOFF', day(131)))).toMatchObject({ ok: true, toStage: 'csp_signoff' });
  });

  it('FAMILY_NOT_INVOLVED with a draft allows sign-off without a family review', () => {
    const ready = after(reviewIn('drafting'), sample('SUBMIT_DRAFT', day(70)), sample('FAMILY_NOT_INVOLVED', day(71)));
    expect(view(ready).context.family).toBe('not_involved');
    expect(apply(ready, sample('SUBMIT_FOR_SIGNOFF', day(72)))).toMatchObject({ ok: true, toStage: 'csp_signoff' });
  });
});

describe('facts recorded within a stage', () => {
  it('APPOINT_CHAIR in a later stage replaces the chair', () => {
    const replaced = after(reviewIn('publication'), sample('APPOINT_CHAIR', day(205), { userId: 'user-new-chair' }));
    expect(view(replaced)).toMatchObject({ stage: 'publication', context: { chairUserId: 'user-new-chair' } });
    expect(view(reviewIn('publication')).context.chairUserId).toBe(CHAIR);
  });

  it('ADD_PANEL_AGENCY in drafting joins with no IMR requested', () => {
    const joined = after(reviewIn('drafting'), sample('ADD_PANEL_AGENCY', day(70), { agencyId: 'agency-housing' }));
    expect(view(joined).context.panel).toContainEqual({ agencyId: 'agency-housing', imr: 'not_requested' });
  });

  it('WAIVE_IMR of an IMR never requested cancels no clock', () => {
    const outcome = apply(reviewIn('information_gathering'), sample('WAIVE_IMR', day(30), { agencyId: HEALTH }));
    expect(outcome).toMatchObject({ ok: true, effects: [] });
    if (outcome.ok) expect(view(outcome.snapshot).context.panel).toContainEqual({ agencyId: HEALTH, imr: 'waived' });
  });

  it('REQUEST_IMR after a waiver requests it again and starts its clock', () => {
    const waived = after(reviewIn('information_gathering'), sample('WAIVE_IMR', day(30), { agencyId: POLICE }));
    const outcome = apply(waived, sample('REQUEST_IMR', day(31), { agencyId: POLICE }));
    expect(outcome).toMatchObject({
      ok: true,
      effects: [{ type: 'clock.start', subject: { kind: 'imr', agencyId: POLICE }, startedAt: day(31) }],
    });
  });

  it('RECEIVE_IMR is accepted in drafting for an IMR still requested', () => {
    // Not reachable through v1 events (BEGIN_DRAFTING waits for every requested IMR),
    // so the snapshot is written as a later version or a migration might leave it.
    const drafting = reviewIn('drafting');
    const requested: PersistedDhrSnapshot = {
      ...drafting,
      context: { ...drafting.context, panel: [{ agencyId: HEALTH, imr: 'requested' }] },
    };
    expect(apply(requested, sample('RECEIVE_IMR', day(70), { agencyId: HEALTH }))).toMatchObject({
      ok: true,
      toStage: 'drafting',
      effects: [{ type: 'clock.meet', subject: { kind: 'imr', agencyId: HEALTH }, metAt: day(70) }],
    });
  });

  it('SUBMIT_DRAFT without a document or note records nulls', () => {
    const drafted = after(reviewIn('drafting'), { type: 'SUBMIT_DRAFT', occurredAt: day(70) });
    expect(view(drafted).context.drafts).toStrictEqual([{ documentId: null, note: null, submittedAt: day(70) }]);
  });
});
