// The helper API the reviews service calls: persistence, purity and the refusal shape.
import { initialTransition, transition } from 'xstate';
import { dhrMachineV3 } from './dhr.machine';
import type { DhrEvent } from './dhr.types';
import {
  DHR_WORKFLOW_V3,
  apply,
  effectsOf,
  persistDhrSnapshot,
  restoreDhrSnapshot,
  start,
  view,
  type PersistedDhrSnapshot,
} from './dhr.workflow';
import * as publicApi from './index';
import { NOTIFIED_AT, PATH_TO, day, play, reviewIn, sample } from './testing/dhr.test-kit';

const throughJson = (snapshot: PersistedDhrSnapshot): PersistedDhrSnapshot => JSON.parse(JSON.stringify(snapshot));

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('DHR_WORKFLOW_V3', () => {
  it('names the workflow and version, and carries the machine and helpers', () => {
    expect(DHR_WORKFLOW_V3).toMatchObject({ name: 'dhr', version: 3, machine: dhrMachineV3, start, apply, view });
    expect(dhrMachineV3.id).toBe('dhr');
  });

  it('is re-exported with the contract from index.ts', () => {
    expect(publicApi).toMatchObject({ DHR_WORKFLOW_V3, start, apply, view, dhrMachineV3 });
    expect(publicApi.STAGES).toContain('home_office_qa');
    expect(typeof publicApi.stageDiagramMermaid).toBe('function');
  });
});

describe('persisted snapshots', () => {
  it.each([...Object.keys(PATH_TO), 'on_hold'])('round-trip through JSON unchanged (%s)', (state) => {
    const snapshot =
      state === 'on_hold'
        ? play([sample('PUT_ON_HOLD', day(500))], reviewIn('family_review')).snapshot
        : reviewIn(state as keyof typeof PATH_TO);
    const text = JSON.stringify(snapshot);
    expect(throughJson(snapshot)).toStrictEqual(snapshot);
    expect(persistDhrSnapshot(restoreDhrSnapshot(JSON.parse(text)))).toStrictEqual(snapshot);
    expect(view(JSON.parse(text))).toStrictEqual(view(snapshot));
  });

  it('keep the stage to resume to in the history value while on hold', () => {
    const held = play([sample('PUT_ON_HOLD', day(500))], reviewIn('family_review')).snapshot;
    expect(held.historyValue).toStrictEqual({
      'dhr.commissioned.lastStage': [{ id: 'dhr.commissioned.family_review' }],
    });
  });

  it('a closed review restores as done', () => {
    expect(restoreDhrSnapshot(throughJson(reviewIn('closed'))).status).toBe('done');
  });
});

describe('purity', () => {
  it('start and apply are deterministic and never mutate their input', () => {
    expect(start({ notifiedAt: NOTIFIED_AT })).toStrictEqual(start({ notifiedAt: NOTIFIED_AT }));
    const before = deepFreeze(reviewIn('information_gathering'));
    const copy = throughJson(before);
    const event = deepFreeze(sample('REQUEST_IMR', day(30)));
    expect(apply(before, event)).toStrictEqual(apply(before, event));
    expect(before).toStrictEqual(copy);
  });

  it('transition() returns only declared clock effects (context updates happen inside the snapshot)', () => {
    const [initial, initialActions] = initialTransition(dhrMachineV3, { notifiedAt: NOTIFIED_AT });
    const [, actions] = transition(dhrMachineV3, initial, sample('DECIDE_TO_COMMISSION', day(10)));
    expect([...initialActions, ...actions].map((action) => action.type)).toEqual([
      'clock.start',
      'clock.start',
      'clock.meet',
      'clock.start',
    ]);
  });

  it('the machine definition has no delayed transitions', () => {
    const nodes = (node: typeof dhrMachineV3.root): (typeof dhrMachineV3.root)[] => [node, ...Object.values(node.states).flatMap(nodes)];
    expect(nodes(dhrMachineV3.root).flatMap((node) => node.after)).toEqual([]);
  });
});

describe('apply', () => {
  it('reports the stage moved from and to', () => {
    expect(apply(reviewIn('drafting'), sample('PUT_ON_HOLD', day(80)))).toMatchObject({
      ok: true,
      fromStage: 'drafting',
      toStage: 'drafting',
    });
    expect(apply(reviewIn('csp_signoff'), sample('CSP_SIGN_OFF', day(130)))).toMatchObject({
      ok: true,
      fromStage: 'csp_signoff',
      toStage: 'home_office_qa',
    });
  });

  it('refuses with the current stage and what is allowed instead', () => {
    const event: DhrEvent = sample('PUBLISH', day(10));
    expect(apply(reviewIn('setup'), event)).toStrictEqual({
      ok: false,
      stage: 'setup',
      allowedEvents: [
        'REQUEST_SCOPING',
        'HOME_OFFICE_INFORMED',
        'APPOINT_CHAIR',
        'ADD_PANEL_AGENCY',
        'AGREE_TERMS_OF_REFERENCE',
        'PUT_ON_HOLD',
        'EXTEND_DEADLINE',
        'RECORD_GUIDANCE_STEP',
      ],
    });
  });
});

describe('effectsOf', () => {
  it('keeps only declared clock effects and flattens their params', () => {
    expect(
      effectsOf([
        { type: 'xstate.assign', params: undefined },
        { type: 'clock.pauseAll', params: { at: day(1) } },
        { type: 'clock.meet', params: { subject: { kind: 'decision' }, metAt: day(2) } },
      ]),
    ).toStrictEqual([
      { type: 'clock.pauseAll', at: day(1) },
      { type: 'clock.meet', subject: { kind: 'decision' }, metAt: day(2) },
    ]);
  });
});
