// view().allowedEvents in each stage: what the machine accepts now, guards included.
import type { CommissionedStage } from './dhr.shared-transitions';
import { COMMISSIONED_STAGES } from './dhr.types';
import type { DhrEvent, DhrEventType, Stage } from './dhr.types';
import { view, type PersistedDhrSnapshot } from './dhr.workflow';
import { HEALTH, PATH_TO, POLICE, day, play, reviewIn, sample } from './testing/dhr.test-kit';

const allowed = (snapshot: PersistedDhrSnapshot) => [...view(snapshot).allowedEvents].sort();
const after = (snapshot: PersistedDhrSnapshot, ...events: DhrEvent[]) => play(events, snapshot).snapshot;
/**
 * v2's two events follow from the rest, so the lists below stay v1's and this adds them:
 * EXTEND_DEADLINE until the file is closed (which clocks are live is the service's to
 * check), WITHDRAW_REQUEST exactly when a request is outstanding (an agency could return it).
 */
const withV2Events = (snapshot: PersistedDhrSnapshot, expected: DhrEventType[]): DhrEventType[] => [
  ...expected,
  ...(view(snapshot).stage === 'closed' ? [] : (['EXTEND_DEADLINE'] as const)),
  // v3: the guidance's steps are recorded from commissioning until the file is closed.
  ...(COMMISSIONED_STAGES.includes(view(snapshot).stage as CommissionedStage) ? (['RECORD_GUIDANCE_STEP'] as const) : []),
  ...(expected.includes('RECEIVE_SCOPING') || expected.includes('RECEIVE_IMR') ? (['WITHDRAW_REQUEST'] as const) : []),
];
const expectAllowed = (snapshot: PersistedDhrSnapshot, expected: DhrEventType[]) =>
  expect(allowed(snapshot)).toEqual(withV2Events(snapshot, expected).sort());

const ALWAYS_AFTER_COMMISSIONING: DhrEventType[] = ['HOME_OFFICE_INFORMED', 'APPOINT_CHAIR', 'PUT_ON_HOLD'];

/** A review in `stage` whose police scoping request, made at notification, is still outstanding. */
const withScopingOutstanding = (stage: Stage): PersistedDhrSnapshot =>
  play(PATH_TO[stage](), after(reviewIn('notification'), sample('REQUEST_SCOPING', day(1), { agencyId: POLICE }))).snapshot;

describe('allowedEvents', () => {
  describe('notification', () => {
    const decisions: DhrEventType[] = ['DECIDE_TO_COMMISSION', 'DECIDE_NOT_TO_COMMISSION'];

    it('scoping and the two decisions (the Home Office is told of a decision, not before)', () => {
      expectAllowed(reviewIn('notification'), ['REQUEST_SCOPING', ...decisions]);
    });

    it('a scoping request outstanding: it can be received; other agencies can still be asked', () => {
      const asked = after(reviewIn('notification'), sample('REQUEST_SCOPING', day(1), { agencyId: POLICE }));
      expectAllowed(asked, ['REQUEST_SCOPING', 'RECEIVE_SCOPING', ...decisions]);
    });

    it('every scoping request returned: nothing left to receive', () => {
      const returned = after(
        reviewIn('notification'),
        sample('REQUEST_SCOPING', day(1), { agencyId: POLICE }),
        sample('REQUEST_SCOPING', day(1), { agencyId: HEALTH }),
        sample('RECEIVE_SCOPING', day(5), { agencyId: POLICE }),
        sample('RECEIVE_SCOPING', day(6), { agencyId: HEALTH }),
      );
      expectAllowed(returned, ['REQUEST_SCOPING', ...decisions]);
    });
  });

  it('not_commissioned: the Home Office is told once, answers, and CLOSE only once it accepted the "no"', () => {
    const declined = reviewIn('not_commissioned');
    expectAllowed(declined, ['HOME_OFFICE_INFORMED', 'SECRETARY_OF_STATE_DIRECTION']);
    const told = after(declined, sample('HOME_OFFICE_INFORMED', day(12)));
    expectAllowed(told, ['SECRETARY_OF_STATE_DIRECTION', 'HOME_OFFICE_RESPONSE']);
    const challenged = after(told, sample('HOME_OFFICE_RESPONSE', day(40), { outcome: 'challenged' }));
    expectAllowed(challenged, ['SECRETARY_OF_STATE_DIRECTION', 'HOME_OFFICE_RESPONSE', 'RECONSIDER_DECISION']);
    expectAllowed(after(told, sample('HOME_OFFICE_RESPONSE', day(40))), ['SECRETARY_OF_STATE_DIRECTION', 'CLOSE']);
  });

  it('not_commissioned: a request outstanding at the decision can be received, none made', () => {
    const declined = withScopingOutstanding('not_commissioned');
    expectAllowed(declined, ['HOME_OFFICE_INFORMED', 'RECEIVE_SCOPING', 'SECRETARY_OF_STATE_DIRECTION']);
    expectAllowed(after(declined, sample('RECEIVE_SCOPING', day(12))), ['HOME_OFFICE_INFORMED', 'SECRETARY_OF_STATE_DIRECTION']);
  });

  describe('setup', () => {
    const base: DhrEventType[] = [...ALWAYS_AFTER_COMMISSIONING, 'ADD_PANEL_AGENCY', 'AGREE_TERMS_OF_REFERENCE', 'REQUEST_SCOPING'];

    it('late scoping can still be requested', () => {
      expectAllowed(reviewIn('setup'), base);
    });

    it('a scoping request outstanding from before the decision can be received', () => {
      const commissioned = play([sample('REQUEST_SCOPING', day(1)), sample('DECIDE_TO_COMMISSION', day(10))]).snapshot;
      expectAllowed(commissioned, [...base, 'RECEIVE_SCOPING']);
    });

    it('once the Home Office is informed: HOME_OFFICE_INFORMED is gone', () => {
      expectAllowed(
        after(reviewIn('setup'), sample('HOME_OFFICE_INFORMED', day(12))),
        base.filter((type) => type !== 'HOME_OFFICE_INFORMED'),
      );
    });
  });

  it('information_gathering: a late request still outstanding when setup moved on can be received, none made', () => {
    const outstanding = after(reviewIn('setup'), sample('REQUEST_SCOPING', day(15)));
    const gathering = after(
      outstanding,
      sample('APPOINT_CHAIR', day(20)),
      sample('ADD_PANEL_AGENCY', day(21)),
      sample('AGREE_TERMS_OF_REFERENCE', day(22)),
    );
    expect(view(gathering).stage).toBe('information_gathering');
    expect(allowed(gathering).filter((type) => type.endsWith('_SCOPING'))).toEqual(['RECEIVE_SCOPING']);
  });

  describe('a scoping request outstanding', () => {
    const commissionedStages: CommissionedStage[] = [...COMMISSIONED_STAGES];

    it.each(commissionedStages)('%s lists RECEIVE_SCOPING on top of what it lists without the request', (stage) => {
      const without = allowed(reviewIn(stage)).filter((type) => type !== 'EXTEND_DEADLINE' && type !== 'RECORD_GUIDANCE_STEP');
      expectAllowed(withScopingOutstanding(stage), [...without, 'RECEIVE_SCOPING']);
    });

    it.each(commissionedStages)('%s, held: RESUME, HOME_OFFICE_INFORMED and RECEIVE_SCOPING are listed', (stage) => {
      const held = after(withScopingOutstanding(stage), sample('PUT_ON_HOLD', day(500)));
      expect(allowed(held)).toEqual(expect.arrayContaining(['RESUME', 'HOME_OFFICE_INFORMED', 'RECEIVE_SCOPING']));
      expect(allowed(held)).not.toContain('REQUEST_SCOPING');
    });

    it('closed: nothing, not even RECEIVE_SCOPING', () => {
      expectAllowed(withScopingOutstanding('closed'), []);
    });
  });

  describe('information_gathering', () => {
    const gathering = reviewIn('information_gathering');
    const base: DhrEventType[] = [...ALWAYS_AFTER_COMMISSIONING, 'ADD_PANEL_AGENCY'];

    it('nothing requested yet: request, waive, or draft straight away', () => {
      expectAllowed(gathering, [...base, 'REQUEST_IMR', 'WAIVE_IMR', 'BEGIN_DRAFTING']);
    });

    it('an IMR outstanding: it can be received or waived, drafting must wait', () => {
      expectAllowed(after(gathering, sample('REQUEST_IMR', day(30))), [...base, 'REQUEST_IMR', 'RECEIVE_IMR', 'WAIVE_IMR']);
    });

    it('every IMR received: only drafting remains', () => {
      const allIn = after(
        gathering,
        sample('REQUEST_IMR', day(30), { agencyId: POLICE }),
        sample('REQUEST_IMR', day(30), { agencyId: HEALTH }),
        sample('RECEIVE_IMR', day(40), { agencyId: POLICE }),
        sample('RECEIVE_IMR', day(41), { agencyId: HEALTH }),
      );
      expectAllowed(allIn, [...base, 'BEGIN_DRAFTING']);
    });

    it('a waived IMR can be requested after all', () => {
      const waived = after(
        gathering,
        sample('WAIVE_IMR', day(30), { agencyId: POLICE }),
        sample('REQUEST_IMR', day(30), { agencyId: HEALTH }),
        sample('RECEIVE_IMR', day(40), { agencyId: HEALTH }),
      );
      expectAllowed(waived, [...base, 'REQUEST_IMR', 'BEGIN_DRAFTING']);
    });
  });

  describe('drafting', () => {
    const drafting = reviewIn('drafting');
    // v3: the action plan is drafted with the report.
    const base: DhrEventType[] = [...ALWAYS_AFTER_COMMISSIONING, 'ADD_PANEL_AGENCY', 'ADD_ACTION', 'SUBMIT_DRAFT', 'FAMILY_NOT_INVOLVED'];

    it('no draft yet', () => {
      expectAllowed(drafting, base);
    });

    it('a draft: it can be shared with the family', () => {
      expectAllowed(after(drafting, sample('SUBMIT_DRAFT', day(70))), [...base, 'SHARE_DRAFT_WITH_FAMILY']);
    });

    it('a draft and the family not involved: ready for sign-off', () => {
      const ready = after(drafting, sample('SUBMIT_DRAFT', day(70)), sample('FAMILY_NOT_INVOLVED', day(71)));
      expectAllowed(ready, [...base, 'SHARE_DRAFT_WITH_FAMILY', 'SUBMIT_FOR_SIGNOFF']);
    });
  });

  it('family_review: the response, or the family not involved after all', () => {
    expectAllowed(reviewIn('family_review'), [
      ...ALWAYS_AFTER_COMMISSIONING,
      'ADD_ACTION',
      'FAMILY_RESPONSE_RECEIVED',
      'FAMILY_NOT_INVOLVED',
    ]);
  });

  it('csp_signoff', () => {
    expectAllowed(reviewIn('csp_signoff'), [...ALWAYS_AFTER_COMMISSIONING, 'ADD_ACTION', 'CSP_SIGN_OFF', 'CSP_REQUEST_CHANGES']);
  });

  it('home_office_qa: submit first, then the outcome', () => {
    const qa = reviewIn('home_office_qa');
    expectAllowed(qa, [...ALWAYS_AFTER_COMMISSIONING, 'ADD_ACTION', 'SUBMIT_TO_HOME_OFFICE']);
    expectAllowed(after(qa, sample('SUBMIT_TO_HOME_OFFICE', day(131))), [...ALWAYS_AFTER_COMMISSIONING, 'ADD_ACTION', 'QA_OUTCOME']);
  });

  it('publication: the commissioner copy once', () => {
    const publication = reviewIn('publication');
    expectAllowed(publication, [...ALWAYS_AFTER_COMMISSIONING, 'ADD_ACTION', 'COPY_SENT_TO_COMMISSIONER', 'PUBLISH']);
    expectAllowed(after(publication, sample('COPY_SENT_TO_COMMISSIONER', day(201))), [
      ...ALWAYS_AFTER_COMMISSIONING,
      'ADD_ACTION',
      'PUBLISH',
    ]);
  });

  describe('action_plan: CLOSE only once the commissioner copy is sent and while no action is open', () => {
    const base: DhrEventType[] = [...ALWAYS_AFTER_COMMISSIONING, 'ADD_ACTION'];

    it('copy not yet sent: no CLOSE, however complete the actions', () => {
      const plan = reviewIn('action_plan');
      expectAllowed(plan, [...base, 'COPY_SENT_TO_COMMISSIONER']);
      const done = after(plan, sample('ADD_ACTION', day(221)), sample('COMPLETE_ACTION', day(230)));
      expectAllowed(done, [...base, 'COPY_SENT_TO_COMMISSIONER']);
    });

    it('copy sent: CLOSE while no action is open', () => {
      const plan = after(reviewIn('action_plan'), sample('COPY_SENT_TO_COMMISSIONER', day(221)));
      expectAllowed(plan, [...base, 'CLOSE']);
      const open = after(plan, sample('ADD_ACTION', day(222)));
      expectAllowed(open, [...base, 'COMPLETE_ACTION']);
      expectAllowed(after(open, sample('COMPLETE_ACTION', day(230))), [...base, 'CLOSE']);
    });

    it('copy sent back in publication counts', () => {
      const published = play([sample('COPY_SENT_TO_COMMISSIONER', day(201)), sample('PUBLISH', day(220))], reviewIn('publication'));
      expectAllowed(published.snapshot, [...base, 'CLOSE']);
    });
  });

  it('on hold: RESUME, plus the facts still to record', () => {
    const hold = sample('PUT_ON_HOLD', day(500));
    expectAllowed(after(reviewIn('drafting'), hold), ['RESUME', 'HOME_OFFICE_INFORMED']);
    expectAllowed(after(reviewIn('publication'), hold), ['RESUME', 'HOME_OFFICE_INFORMED', 'COPY_SENT_TO_COMMISSIONER']);
    expectAllowed(after(reviewIn('drafting'), sample('HOME_OFFICE_INFORMED', day(70)), hold), ['RESUME']);
    expectAllowed(after(withScopingOutstanding('drafting'), hold), ['RESUME', 'HOME_OFFICE_INFORMED', 'RECEIVE_SCOPING']);
  });

  it('closed: nothing', () => {
    expectAllowed(reviewIn('closed'), []);
  });
});
