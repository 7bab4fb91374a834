// v3's statutory record in the machine: which report versions were signed off, sent,
// approved and published, and the guidance's steps recorded as tasks.
import { apply, view, type PersistedDhrSnapshot } from './dhr.workflow';
import { factOutOfOrder } from './fact-order';
import type { ReportVersions } from './dhr.types';
import { POLICE, day, play, reviewIn, sample } from './testing/dhr.test-kit';

const versions = (n: number): ReportVersions => ({
  overviewReport: { documentId: 'overview', version: n },
  executiveSummary: { documentId: 'summary', version: n },
  actionPlan: null,
});
const contextOf = (snapshot: PersistedDhrSnapshot) => view(snapshot).context;

describe('report versions on the record', () => {
  it('keeps what was signed off, sent this round, approved and published, with the amendments', () => {
    const signed = play([sample('CSP_SIGN_OFF', day(130), { documents: versions(2) })], reviewIn('csp_signoff')).snapshot;
    expect(contextOf(signed).report).toMatchObject({ signedOff: versions(2), submitted: null, approved: null });
    const sent = play([sample('SUBMIT_TO_HOME_OFFICE', day(131), { documents: versions(2) })], signed).snapshot;
    const approved = play([sample('QA_OUTCOME', day(200), { outcome: 'approved' })], sent).snapshot;
    expect(contextOf(approved).report).toMatchObject({ submitted: versions(2), approved: versions(2) });
    const published = play(
      [sample('PUBLISH', day(220), { documents: versions(3), amendments: 'Typographical corrections' })],
      approved,
    ).snapshot;
    expect(contextOf(published).report).toEqual({
      signedOff: versions(2),
      submitted: versions(2),
      approved: versions(2),
      published: versions(3),
      amendments: 'Typographical corrections',
    });
  });

  it('approves only what was sent in the round the outcome answers', () => {
    const firstRound = play(
      [
        sample('CSP_SIGN_OFF', day(130), { documents: versions(1) }),
        sample('SUBMIT_TO_HOME_OFFICE', day(131), { documents: versions(1) }),
        sample('QA_OUTCOME', day(150), { outcome: 'resubmit' }),
      ],
      reviewIn('csp_signoff'),
    ).snapshot;
    const secondRound = play(
      [
        sample('SUBMIT_DRAFT', day(160)),
        sample('SUBMIT_FOR_SIGNOFF', day(161)),
        sample('CSP_SIGN_OFF', day(162), { documents: versions(2) }),
        sample('SUBMIT_TO_HOME_OFFICE', day(163), { documents: versions(2) }),
        sample('QA_OUTCOME', day(200), { outcome: 'approved' }),
      ],
      firstRound,
    ).snapshot;
    expect(contextOf(secondRound).report.approved).toEqual(versions(2));
  });

  it('starts the keep-online clock at publication, at the date given', () => {
    const outcome = apply(reviewIn('publication'), sample('PUBLISH', day(220), { keepOnlineUntil: day(600) }));
    expect(outcome.ok && outcome.effects).toContainEqual({
      type: 'clock.start',
      subject: { kind: 'keep_online' },
      startedAt: day(220),
      dueAt: day(600),
    });
    expect(outcome.ok && contextOf(outcome.snapshot).keepOnlineUntil).toBe(day(600));
  });
});

describe('the guidance steps recorded', () => {
  it('records a step, and a step recorded again replaces the earlier record', () => {
    const once = play([sample('RECORD_GUIDANCE_STEP', day(40), { step: 'advocacy_offered', organisation: 'AAFDA' })], reviewIn('setup'));
    const again = play(
      [sample('RECORD_GUIDANCE_STEP', day(41), { step: 'advocacy_offered', organisation: 'Local IDVA service' })],
      once.snapshot,
    );
    expect(contextOf(again.snapshot).guidance).toEqual([
      {
        step: 'advocacy_offered',
        done: true,
        at: day(41),
        organisation: 'Local IDVA service',
        agencyId: null,
        signedOffBy: null,
        note: null,
      },
    ]);
  });

  it('records a step not done, with why', () => {
    const notDone = play(
      [sample('RECORD_GUIDANCE_STEP', day(140), { step: 'family_shown_report', done: false, note: 'The family asked not to see it' })],
      reviewIn('home_office_qa'),
    );
    expect(contextOf(notDone.snapshot).guidance).toMatchObject([
      { step: 'family_shown_report', done: false, note: 'The family asked not to see it' },
    ]);
  });

  it('takes an IMR’s senior-manager sign-off with the IMR, or later once it is received, never before', () => {
    const gathering = play([sample('REQUEST_IMR', day(40), { agencyId: POLICE })], reviewIn('information_gathering')).snapshot;
    const early = sample('RECORD_GUIDANCE_STEP', day(41), { step: 'imr_signed_off', agencyId: POLICE, signedOffBy: 'Superintendent' });
    expect(apply(gathering, early).ok).toBe(false);
    const received = play(
      [sample('RECEIVE_IMR', day(60), { agencyId: POLICE, signedOffBy: 'Detective Superintendent', signedOffAt: day(58) })],
      gathering,
    ).snapshot;
    expect(contextOf(received).guidance).toEqual([
      {
        step: 'imr_signed_off',
        done: true,
        at: day(58),
        organisation: null,
        agencyId: POLICE,
        signedOffBy: 'Detective Superintendent',
        note: null,
      },
    ]);
    expect(apply(received, { ...early, occurredAt: day(61), doneAt: day(61) }).ok).toBe(true);
  });

  it('records the report kept online only once it is published, meeting its clock', () => {
    const kept = sample('RECORD_GUIDANCE_STEP', day(600), { step: 'report_kept_online' });
    expect(apply(reviewIn('publication'), kept).ok).toBe(false);
    const outcome = apply(reviewIn('action_plan'), kept);
    expect(outcome.ok && outcome.effects).toEqual([{ type: 'clock.meet', subject: { kind: 'keep_online' }, metAt: day(600) }]);
  });

  it('is accepted while the review is held and refused before commissioning and once closed', () => {
    const held = play([sample('PUT_ON_HOLD', day(100))], reviewIn('drafting')).snapshot;
    expect(apply(held, sample('RECORD_GUIDANCE_STEP', day(101))).ok).toBe(true);
    expect(apply(reviewIn('notification'), sample('RECORD_GUIDANCE_STEP', day(1))).ok).toBe(false);
    expect(apply(reviewIn('closed'), sample('RECORD_GUIDANCE_STEP', day(900))).ok).toBe(false);
  });

  it('may not be dated before commissioning, or before the publication it follows', () => {
    const commissioned = { type: 'DECIDE_TO_COMMISSION', occurredAt: new Date(day(20)), payload: {} };
    expect(factOutOfOrder(sample('RECORD_GUIDANCE_STEP', day(19)), [commissioned])).toBe(commissioned);
    const published = { type: 'PUBLISH', occurredAt: new Date(day(220)), payload: {} };
    expect(factOutOfOrder(sample('RECORD_GUIDANCE_STEP', day(219), { step: 'report_kept_online' }), [commissioned, published])).toBe(
      published,
    );
  });
});
