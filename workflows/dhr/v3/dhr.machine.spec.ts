// The DHR v3 statechart, path by path, with the clock effects declared at each step.
import { apply, start, view, type PersistedDhrSnapshot } from './dhr.workflow';
import type { DhrEffect, DhrEvent, Stage } from './dhr.types';
import { CHAIR, CSP_CHAIR, HEALTH, NOTIFIED_AT, PATH_TO, POLICE, day, play, reviewIn, sample } from './testing/dhr.test-kit';

interface Step {
  event: DhrEvent;
  to: Stage;
  effects: DhrEffect[];
}

/** Applies each step, checking the stage reached and the exact effects declared. */
function walk(steps: Step[], from: PersistedDhrSnapshot): PersistedDhrSnapshot {
  let snapshot = from;
  for (const { event, to, effects } of steps) {
    const outcome = apply(snapshot, event);
    if (!outcome.ok) throw new Error(`${event.type} refused in ${outcome.stage}`);
    expect({ event: event.type, to: outcome.toStage, effects: outcome.effects }).toStrictEqual({
      event: event.type,
      to,
      effects,
    });
    snapshot = outcome.snapshot;
  }
  return snapshot;
}

const SCOPING_DUE = '2025-01-17T17:00:00.000Z';
const IMR_DUE = '2025-03-01T17:00:00.000Z';
const FAMILY_DUE = '2025-05-01T17:00:00.000Z';
const ACTION_DUE = '2026-01-31T17:00:00.000Z';

describe('DHR v3 happy path: notification → closed', () => {
  it('starts in notification with both notification clocks running from notifiedAt', () => {
    const started = start({ notifiedAt: NOTIFIED_AT });
    expect(started.effects).toStrictEqual([
      { type: 'clock.start', subject: { kind: 'decision' }, startedAt: NOTIFIED_AT },
      { type: 'clock.start', subject: { kind: 'home_office_notice' }, startedAt: NOTIFIED_AT },
    ]);
    const { stage, onHold, context } = view(started.snapshot);
    expect({ stage, onHold }).toEqual({ stage: 'notification', onHold: false });
    expect(context).toStrictEqual({
      notifiedAt: NOTIFIED_AT,
      scoping: [],
      chairUserId: null,
      panel: [],
      termsOfReference: null,
      homeOfficeInformedAt: null,
      decision: null,
      decidedAt: null,
      decidedBy: null,
      deathType: null,
      deathTypeDescription: null,
      homeOfficeResponse: null,
      drafts: [],
      family: 'not_contacted',
      homeOfficeRound: 1,
      submittedToHomeOfficeThisRound: false,
      resubmissions: 0,
      commissionerCopySentAt: null,
      publishedAt: null,
      publishedUrl: null,
      actions: [],
      actionPlanAgreedAt: null,
      report: { signedOff: null, submitted: null, approved: null, published: null, amendments: null },
      keepOnlineUntil: null,
      guidance: [],
      hold: null,
      holdStage: null,
    });
  });

  it('walks every stage, declaring each clock effect at the event time', () => {
    const scoping = (agencyId: string) => ({ kind: 'scoping_return' as const, agencyId });
    const imr = (agencyId: string) => ({ kind: 'imr' as const, agencyId });
    const action = (actionId: string, agencyId?: string) => ({ kind: 'action' as const, actionId, ...(agencyId ? { agencyId } : {}) });
    const last = walk(
      [
        {
          event: sample('REQUEST_SCOPING', day(1), { agencyId: POLICE, dueAt: SCOPING_DUE }),
          to: 'notification',
          effects: [{ type: 'clock.start', subject: scoping(POLICE), startedAt: day(1), dueAt: SCOPING_DUE }],
        },
        {
          event: sample('REQUEST_SCOPING', day(2), { agencyId: HEALTH }),
          to: 'notification',
          effects: [{ type: 'clock.start', subject: scoping(HEALTH), startedAt: day(2) }],
        },
        {
          event: sample('RECEIVE_SCOPING', day(5), { agencyId: POLICE }),
          to: 'notification',
          effects: [{ type: 'clock.meet', subject: scoping(POLICE), metAt: day(5) }],
        },
        {
          // The health scoping request is still outstanding: the decision leaves its clock alone.
          event: sample('DECIDE_TO_COMMISSION', day(10)),
          to: 'setup',
          effects: [
            { type: 'clock.meet', subject: { kind: 'decision' }, metAt: day(10) },
            { type: 'clock.start', subject: { kind: 'completion' }, startedAt: day(10) },
          ],
        },
        {
          event: sample('HOME_OFFICE_INFORMED', day(12)),
          to: 'setup',
          effects: [{ type: 'clock.meet', subject: { kind: 'home_office_notice' }, metAt: day(12) }],
        },
        {
          event: sample('RECEIVE_SCOPING', day(15), { agencyId: HEALTH }),
          to: 'setup',
          effects: [{ type: 'clock.meet', subject: scoping(HEALTH), metAt: day(15) }],
        },
        { event: sample('APPOINT_CHAIR', day(20)), to: 'setup', effects: [] },
        { event: sample('ADD_PANEL_AGENCY', day(21), { agencyId: POLICE }), to: 'setup', effects: [] },
        { event: sample('ADD_PANEL_AGENCY', day(21), { agencyId: HEALTH }), to: 'setup', effects: [] },
        { event: sample('AGREE_TERMS_OF_REFERENCE', day(25)), to: 'information_gathering', effects: [] },
        {
          event: sample('REQUEST_IMR', day(30), { agencyId: POLICE, dueAt: IMR_DUE }),
          to: 'information_gathering',
          effects: [{ type: 'clock.start', subject: imr(POLICE), startedAt: day(30), dueAt: IMR_DUE }],
        },
        {
          event: sample('REQUEST_IMR', day(30), { agencyId: HEALTH }),
          to: 'information_gathering',
          effects: [{ type: 'clock.start', subject: imr(HEALTH), startedAt: day(30) }],
        },
        {
          event: sample('RECEIVE_IMR', day(60), { agencyId: POLICE }),
          to: 'information_gathering',
          effects: [{ type: 'clock.meet', subject: imr(POLICE), metAt: day(60) }],
        },
        {
          event: sample('WAIVE_IMR', day(62), { agencyId: HEALTH }),
          to: 'information_gathering',
          effects: [{ type: 'clock.cancel', subject: imr(HEALTH), at: day(62) }],
        },
        { event: sample('BEGIN_DRAFTING', day(63)), to: 'drafting', effects: [] },
        { event: sample('SUBMIT_DRAFT', day(90)), to: 'drafting', effects: [] },
        {
          event: sample('SHARE_DRAFT_WITH_FAMILY', day(91), { responseDueAt: FAMILY_DUE }),
          to: 'family_review',
          effects: [{ type: 'clock.start', subject: { kind: 'family_response' }, startedAt: day(91), dueAt: FAMILY_DUE }],
        },
        {
          event: sample('FAMILY_RESPONSE_RECEIVED', day(110)),
          to: 'drafting',
          effects: [{ type: 'clock.meet', subject: { kind: 'family_response' }, metAt: day(110) }],
        },
        {
          event: sample('SUBMIT_FOR_SIGNOFF', day(120)),
          to: 'csp_signoff',
          effects: [{ type: 'clock.meet', subject: { kind: 'completion' }, metAt: day(120) }],
        },
        {
          event: sample('CSP_SIGN_OFF', day(130)),
          to: 'home_office_qa',
          effects: [
            { type: 'clock.start', subject: { kind: 'commissioner_copy' }, startedAt: day(130) },
            { type: 'clock.start', subject: { kind: 'home_office_submission' }, startedAt: day(130) },
          ],
        },
        {
          event: sample('SUBMIT_TO_HOME_OFFICE', day(131)),
          to: 'home_office_qa',
          effects: [
            { type: 'clock.meet', subject: { kind: 'home_office_submission' }, metAt: day(131) },
            { type: 'clock.meet', subject: { kind: 'qa_resubmission' }, metAt: day(131) },
          ],
        },
        {
          event: sample('QA_OUTCOME', day(200), { outcome: 'approved' }),
          to: 'publication',
          effects: [{ type: 'clock.start', subject: { kind: 'publication' }, startedAt: day(200) }],
        },
        {
          event: sample('COPY_SENT_TO_COMMISSIONER', day(201)),
          to: 'publication',
          effects: [{ type: 'clock.meet', subject: { kind: 'commissioner_copy' }, metAt: day(201) }],
        },
        {
          event: sample('PUBLISH', day(220)),
          to: 'action_plan',
          effects: [
            { type: 'clock.meet', subject: { kind: 'publication' }, metAt: day(220) },
            // v3: the report's time online (the rulebook's 12 months, no date given).
            { type: 'clock.start', subject: { kind: 'keep_online' }, startedAt: day(220) },
          ],
        },
        {
          event: sample('ADD_ACTION', day(221), { actionId: 'a-1', dueAt: ACTION_DUE }),
          to: 'action_plan',
          effects: [{ type: 'clock.start', subject: action('a-1', POLICE), startedAt: day(221), dueAt: ACTION_DUE }],
        },
        {
          event: sample('ADD_ACTION', day(222), { actionId: 'a-2', agencyId: HEALTH, dueAt: ACTION_DUE }),
          to: 'action_plan',
          effects: [{ type: 'clock.start', subject: action('a-2', HEALTH), startedAt: day(222), dueAt: ACTION_DUE }],
        },
        {
          event: sample('COMPLETE_ACTION', day(300), { actionId: 'a-1' }),
          to: 'action_plan',
          effects: [{ type: 'clock.meet', subject: action('a-1'), metAt: day(300) }],
        },
        {
          event: sample('COMPLETE_ACTION', day(301), { actionId: 'a-2' }),
          to: 'action_plan',
          effects: [{ type: 'clock.meet', subject: action('a-2'), metAt: day(301) }],
        },
        {
          event: sample('CLOSE', day(400)),
          to: 'closed',
          effects: [{ type: 'clock.cancelAll', at: day(400) }],
        },
      ],
      start({ notifiedAt: NOTIFIED_AT }).snapshot,
    );

    expect(last.status).toBe('done');
    expect(view(last)).toMatchObject({ stage: 'closed', onHold: false, allowedEvents: [] });
    expect(view(last).context).toMatchObject({
      scoping: [
        { agencyId: POLICE, status: 'returned', requestedAt: day(1), returnedAt: day(5), withdrawnAt: null },
        { agencyId: HEALTH, status: 'returned', requestedAt: day(2), returnedAt: day(15), withdrawnAt: null },
      ],
      decision: 'commissioned',
      chairUserId: CHAIR,
      homeOfficeInformedAt: day(12),
      panel: [
        { agencyId: POLICE, imr: 'received' },
        { agencyId: HEALTH, imr: 'waived' },
      ],
      termsOfReference: { agreedAt: day(25), periodFrom: '2020-01-01', periodTo: '2024-12-31' },
      drafts: [{ documentId: 'doc-draft-1', note: 'first draft', submittedAt: day(90) }],
      family: 'responded',
      homeOfficeRound: 1,
      submittedToHomeOfficeThisRound: true,
      resubmissions: 0,
      commissionerCopySentAt: day(201),
      publishedAt: day(220),
      publishedUrl: 'https://csp.example/dhr/1',
      actions: [
        {
          id: 'a-1',
          agencyId: POLICE,
          description: 'train call handlers',
          dueAt: ACTION_DUE,
          status: 'complete',
          completedAt: day(300),
        },
        {
          id: 'a-2',
          agencyId: HEALTH,
          description: 'train call handlers',
          dueAt: ACTION_DUE,
          status: 'complete',
          completedAt: day(301),
        },
      ],
    });
  });

  it('closes an action plan with no actions (not every review makes recommendations)', () => {
    const copied = play([sample('COPY_SENT_TO_COMMISSIONER', day(221))], reviewIn('action_plan')).snapshot;
    const outcome = apply(copied, sample('CLOSE', day(300)));
    expect(outcome).toMatchObject({ ok: true, fromStage: 'action_plan', toStage: 'closed' });
  });

  it('does not close before the copy to the Domestic Abuse Commissioner is sent (DVCVA 2004 s.9(3B))', () => {
    const plan = reviewIn('action_plan');
    expect(view(plan).context.commissionerCopySentAt).toBeNull();
    expect(apply(plan, sample('CLOSE', day(300)))).toMatchObject({ ok: false, stage: 'action_plan' });
    const closed = walk(
      [
        {
          event: sample('COPY_SENT_TO_COMMISSIONER', day(301)),
          to: 'action_plan',
          effects: [{ type: 'clock.meet', subject: { kind: 'commissioner_copy' }, metAt: day(301) }],
        },
        { event: sample('CLOSE', day(302)), to: 'closed', effects: [{ type: 'clock.cancelAll', at: day(302) }] },
      ],
      plan,
    );
    expect(view(closed).context.commissionerCopySentAt).toBe(day(301));
  });
});

describe('DHR v3 scoping requests', () => {
  const scoping = (agencyId: string) => ({ kind: 'scoping_return' as const, agencyId });

  it('records each request and its return, one per agency', () => {
    const { snapshot } = play([
      sample('REQUEST_SCOPING', day(1), { agencyId: POLICE }),
      sample('REQUEST_SCOPING', day(1), { agencyId: HEALTH }),
      sample('RECEIVE_SCOPING', day(4), { agencyId: HEALTH }),
    ]);
    expect(view(snapshot)).toMatchObject({ stage: 'notification', onHold: false });
    expect(view(snapshot).context.scoping).toStrictEqual([
      { agencyId: POLICE, status: 'requested', requestedAt: day(1), returnedAt: null, withdrawnAt: null },
      { agencyId: HEALTH, status: 'returned', requestedAt: day(1), returnedAt: day(4), withdrawnAt: null },
    ]);
  });

  it('without dueAt leaves the due time to the rulebook (10 working days)', () => {
    const outcome = apply(reviewIn('notification'), sample('REQUEST_SCOPING', day(1)));
    expect(outcome.ok && outcome.effects).toStrictEqual([{ type: 'clock.start', subject: scoping(POLICE), startedAt: day(1) }]);
  });

  it.each([
    ['DECIDE_TO_COMMISSION', 'setup'],
    ['DECIDE_NOT_TO_COMMISSION', 'not_commissioned'],
  ] as const)('%s leaves an outstanding scoping clock alone', (type, to) => {
    const asked = play([sample('REQUEST_SCOPING', day(1))]).snapshot;
    const outcome = apply(asked, sample(type, day(10)));
    expect(outcome).toMatchObject({ ok: true, toStage: to });
    if (!outcome.ok) return;
    expect(outcome.effects.filter((effect) => 'subject' in effect && effect.subject.kind === 'scoping_return')).toEqual([]);
    expect(outcome.effects.map((effect) => effect.type)).not.toContain('clock.cancelAll');
    expect(view(outcome.snapshot).context.scoping).toEqual([expect.objectContaining({ agencyId: POLICE, status: 'requested' })]);
  });

  it('late scoping: requested and returned in setup, stays in setup', () => {
    const requested = apply(reviewIn('setup'), sample('REQUEST_SCOPING', day(12), { agencyId: HEALTH, dueAt: SCOPING_DUE }));
    expect(requested).toMatchObject({
      ok: true,
      fromStage: 'setup',
      toStage: 'setup',
      effects: [{ type: 'clock.start', subject: scoping(HEALTH), startedAt: day(12), dueAt: SCOPING_DUE }],
    });
    if (!requested.ok) return;
    expect(apply(requested.snapshot, sample('RECEIVE_SCOPING', day(14), { agencyId: HEALTH }))).toMatchObject({
      ok: true,
      toStage: 'setup',
      effects: [{ type: 'clock.meet', subject: scoping(HEALTH), metAt: day(14) }],
    });
  });

  describe('an outstanding request can still be answered after its stage has passed', () => {
    const asked = () => play([sample('REQUEST_SCOPING', day(1), { agencyId: POLICE, dueAt: SCOPING_DUE })]).snapshot;

    it('outstanding at DECIDE_NOT_TO_COMMISSION: received in not_commissioned, which it does not leave', () => {
      const declined = walk(
        [
          {
            event: sample('DECIDE_NOT_TO_COMMISSION', day(10)),
            to: 'not_commissioned',
            effects: [{ type: 'clock.meet', subject: { kind: 'decision' }, metAt: day(10) }],
          },
          {
            event: sample('RECEIVE_SCOPING', day(12), { agencyId: POLICE }),
            to: 'not_commissioned',
            effects: [{ type: 'clock.meet', subject: scoping(POLICE), metAt: day(12) }],
          },
        ],
        asked(),
      );
      expect(view(declined).context.scoping).toStrictEqual([
        { agencyId: POLICE, status: 'returned', requestedAt: day(1), returnedAt: day(12), withdrawnAt: null },
      ]);
      // The declined review closes as before once the Home Office is told and accepts the "no".
      const told = [sample('HOME_OFFICE_INFORMED', day(13)), sample('HOME_OFFICE_RESPONSE', day(14)), sample('CLOSE', day(15))];
      expect(view(play(told, declined).snapshot).stage).toBe('closed');
    });

    it('outstanding when setup moves on by itself: received in information_gathering, staying there', () => {
      const gathering = play(PATH_TO.information_gathering(), asked()).snapshot;
      expect(view(gathering)).toMatchObject({ stage: 'information_gathering', context: { scoping: [{ status: 'requested' }] } });
      const received = walk(
        [
          {
            event: sample('RECEIVE_SCOPING', day(26), { agencyId: POLICE }),
            to: 'information_gathering',
            effects: [{ type: 'clock.meet', subject: scoping(POLICE), metAt: day(26) }],
          },
        ],
        gathering,
      );
      expect(view(received).context.scoping).toStrictEqual([
        { agencyId: POLICE, status: 'returned', requestedAt: day(1), returnedAt: day(26), withdrawnAt: null },
      ]);
      // Nothing else changed: the stage's own events work as before.
      expect(view(play([sample('BEGIN_DRAFTING', day(27))], received).snapshot).stage).toBe('drafting');
    });

    it('outstanding when setup moves on by itself: received in drafting, staying there', () => {
      const drafting = play(PATH_TO.drafting(), asked()).snapshot;
      const received = walk(
        [
          {
            event: sample('RECEIVE_SCOPING', day(65), { agencyId: POLICE }),
            to: 'drafting',
            effects: [{ type: 'clock.meet', subject: scoping(POLICE), metAt: day(65) }],
          },
        ],
        drafting,
      );
      expect(view(received).context).toStrictEqual({
        ...view(drafting).context,
        scoping: [{ agencyId: POLICE, status: 'returned', requestedAt: day(1), returnedAt: day(65), withdrawnAt: null }],
      });
    });

    it('a late request made in setup, outstanding when setup moves on, is received in drafting', () => {
      const lateAsked = play([sample('REQUEST_SCOPING', day(11), { agencyId: HEALTH })], reviewIn('setup')).snapshot;
      const drafting = play(PATH_TO.drafting().slice(PATH_TO.setup().length), lateAsked).snapshot;
      expect(view(drafting).stage).toBe('drafting');
      expect(apply(drafting, sample('RECEIVE_SCOPING', day(65), { agencyId: HEALTH }))).toMatchObject({
        ok: true,
        toStage: 'drafting',
        effects: [{ type: 'clock.meet', subject: scoping(HEALTH), metAt: day(65) }],
      });
    });
  });

  it('does not count towards leaving setup', () => {
    const { snapshot } = play(
      [sample('REQUEST_SCOPING', day(12)), sample('RECEIVE_SCOPING', day(13)), sample('APPOINT_CHAIR', day(14))],
      reviewIn('setup'),
    );
    expect(view(snapshot).stage).toBe('setup');
  });
});

describe('DHR v3 not commissioned', () => {
  it('records the decision, and closes only once the Home Office has been told and has accepted the "no"', () => {
    const notCommissioned = walk(
      [
        {
          event: sample('DECIDE_NOT_TO_COMMISSION', day(10), { deathType: 'suicide', decidedBy: { role: 'CSP board' } }),
          to: 'not_commissioned',
          effects: [{ type: 'clock.meet', subject: { kind: 'decision' }, metAt: day(10) }],
        },
      ],
      start({ notifiedAt: NOTIFIED_AT }).snapshot,
    );
    expect(view(notCommissioned).context).toMatchObject({
      decision: 'not_commissioned',
      decidedAt: day(10),
      decidedBy: { role: 'CSP board' },
      deathType: 'suicide',
      deathTypeDescription: null,
    });
    expect(apply(notCommissioned, sample('CLOSE', day(11)))).toMatchObject({ ok: false, stage: 'not_commissioned' });
    // The Home Office cannot answer before it is told.
    expect(apply(notCommissioned, sample('HOME_OFFICE_RESPONSE', day(11))).ok).toBe(false);

    const told = walk(
      [
        {
          event: sample('HOME_OFFICE_INFORMED', day(12)),
          to: 'not_commissioned',
          effects: [{ type: 'clock.meet', subject: { kind: 'home_office_notice' }, metAt: day(12) }],
        },
      ],
      notCommissioned,
    );
    expect(view(told).context.homeOfficeInformedAt).toBe(day(12));
    // Told is not enough (v1 closed here): the Home Office's QA panel reviews every "no".
    expect(apply(told, sample('CLOSE', day(13)))).toMatchObject({ ok: false, stage: 'not_commissioned' });

    const closed = walk(
      [
        { event: sample('HOME_OFFICE_RESPONSE', day(40), { note: 'no further action' }), to: 'not_commissioned', effects: [] },
        { event: sample('CLOSE', day(41)), to: 'closed', effects: [{ type: 'clock.cancelAll', at: day(41) }] },
      ],
      told,
    );
    expect(view(closed).context.homeOfficeResponse).toEqual({ receivedAt: day(40), outcome: 'accepted', note: 'no further action' });
  });

  it('after a challenge, the CSP may reconsider into setup, or answer and have the "no" accepted later', () => {
    const challenged = play([
      sample('DECIDE_NOT_TO_COMMISSION', day(10)),
      sample('HOME_OFFICE_INFORMED', day(12)),
      sample('HOME_OFFICE_RESPONSE', day(40), { outcome: 'challenged', note: 'the QA panel asks the CSP to reconsider' }),
    ]).snapshot;
    expect(view(challenged).allowedEvents).toEqual(expect.arrayContaining(['RECONSIDER_DECISION', 'HOME_OFFICE_RESPONSE']));
    expect(view(challenged).allowedEvents).not.toContain('CLOSE');

    const reconsidered = walk(
      [
        {
          event: sample('RECONSIDER_DECISION', day(50)),
          to: 'setup',
          effects: [{ type: 'clock.start', subject: { kind: 'completion' }, startedAt: day(50) }],
        },
      ],
      challenged,
    );
    expect(view(reconsidered).context).toMatchObject({ decision: 'reconsidered', decidedAt: day(50), decidedBy: { userId: CSP_CHAIR } });

    const acceptedLater = play([sample('HOME_OFFICE_RESPONSE', day(60)), sample('CLOSE', day(61))], challenged).snapshot;
    expect(view(acceptedLater).stage).toBe('closed');
  });

  it('refuses RECONSIDER_DECISION unless the Home Office challenged the "no"', () => {
    const told = play([sample('DECIDE_NOT_TO_COMMISSION', day(10)), sample('HOME_OFFICE_INFORMED', day(12))]).snapshot;
    expect(apply(told, sample('RECONSIDER_DECISION', day(20))).ok).toBe(false);
    const accepted = play([sample('HOME_OFFICE_RESPONSE', day(30))], told).snapshot;
    expect(apply(accepted, sample('RECONSIDER_DECISION', day(31))).ok).toBe(false);
    expect(apply(accepted, sample('HOME_OFFICE_RESPONSE', day(31))).ok).toBe(false); // accepted once is final
  });
});

describe('DHR v3 Secretary of State direction', () => {
  it('brings a declined review back into setup with the completion clock started', () => {
    const declined = play([sample('DECIDE_NOT_TO_COMMISSION', day(10)), sample('HOME_OFFICE_INFORMED', day(12))]).snapshot;
    const directed = walk(
      [
        {
          event: sample('SECRETARY_OF_STATE_DIRECTION', day(100)),
          to: 'setup',
          effects: [{ type: 'clock.start', subject: { kind: 'completion' }, startedAt: day(100) }],
        },
      ],
      declined,
    );
    expect(view(directed).context).toMatchObject({ decision: 'directed', homeOfficeInformedAt: day(12) });
    // The Home Office was told once already (of the "no"): a second notice is refused.
    expect(apply(directed, sample('HOME_OFFICE_INFORMED', day(101))).ok).toBe(false);
    const gathering = play(
      [sample('APPOINT_CHAIR', day(110)), sample('ADD_PANEL_AGENCY', day(111)), sample('AGREE_TERMS_OF_REFERENCE', day(112))],
      directed,
    ).snapshot;
    expect(view(gathering).stage).toBe('information_gathering');
  });

  it('can be directed before the Home Office was told, which is then recorded in setup', () => {
    const directed = play([sample('DECIDE_NOT_TO_COMMISSION', day(10)), sample('SECRETARY_OF_STATE_DIRECTION', day(20))]);
    expect(view(directed.snapshot).stage).toBe('setup');
    expect(apply(directed.snapshot, sample('HOME_OFFICE_INFORMED', day(21)))).toMatchObject({
      ok: true,
      toStage: 'setup',
    });
  });
});

describe('DHR v3 setup moves on by itself', () => {
  const setupSteps: DhrEvent[] = [
    sample('APPOINT_CHAIR', day(20)),
    sample('ADD_PANEL_AGENCY', day(21)),
    sample('AGREE_TERMS_OF_REFERENCE', day(22)),
  ];
  const permutations = (items: DhrEvent[]): DhrEvent[][] =>
    items.length <= 1 ? [items] : items.flatMap((item, i) => permutations(items.filter((_, j) => j !== i)).map((rest) => [item, ...rest]));

  it.each(permutations(setupSteps).map((order) => [order.map((e) => e.type).join(' → '), order] as const))('%s', (_name, order) => {
    const commissioned = reviewIn('setup');
    const { snapshot: afterTwo } = play(order.slice(0, 2), commissioned);
    expect(view(afterTwo).stage).toBe('setup');
    const last = apply(afterTwo, order[2]);
    expect(last).toMatchObject({ ok: true, fromStage: 'setup', toStage: 'information_gathering', effects: [] });
  });

  it('stays in setup while any one of the three is missing, however much else is done', () => {
    const noPanel = play([sample('APPOINT_CHAIR', day(20)), sample('AGREE_TERMS_OF_REFERENCE', day(21))], reviewIn('setup'));
    expect(view(noPanel.snapshot).stage).toBe('setup');
    const twoAgencies = play(
      [sample('ADD_PANEL_AGENCY', day(20), { agencyId: POLICE }), sample('ADD_PANEL_AGENCY', day(20), { agencyId: HEALTH })],
      reviewIn('setup'),
    );
    expect(view(twoAgencies.snapshot).stage).toBe('setup');
  });
});
