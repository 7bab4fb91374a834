// Facts in order, path by path: every event of every path to every stage follows its
// prerequisite; dated a moment before it, it is out of order, naming that fact.
import type { DhrEvent, Stage } from './dhr.types';
import { factOutOfOrder, NOTIFIED, prerequisiteOf, type RecordedFact } from './fact-order';
import { CHAIR, HEALTH, NOTIFIED_AT, PATH_TO, POLICE, day, sample } from './testing/dhr.test-kit';

/** What history keeps of an event: its type, when, and its payload. */
const recorded = (event: DhrEvent): RecordedFact => {
  const { type, occurredAt, ...payload } = event;
  return { type, occurredAt: new Date(occurredAt), payload };
};
const notified: RecordedFact = { type: NOTIFIED, occurredAt: new Date(NOTIFIED_AT), payload: {} };
const earlier = (at: string, ms = 60_000) => new Date(Date.parse(at) - ms).toISOString();

const FULL_PATHS: Stage[] = ['not_commissioned', 'closed'];
const withDirection = [
  ...PATH_TO.not_commissioned(),
  sample('HOME_OFFICE_INFORMED', day(12)),
  sample('SECRETARY_OF_STATE_DIRECTION', day(40)),
  sample('APPOINT_CHAIR', day(41)),
];

describe.each([...FULL_PATHS.map((stage) => [stage, PATH_TO[stage]()] as const), ['direction', withDirection] as const])(
  'the path to %s',
  (_name, path) => {
    const histories = path.map((_, i) => [notified, ...path.slice(0, i).map(recorded)]);

    it.each(path.map((event, i) => [event.type, i] as const))('%s follows what it follows', (_type, i) => {
      expect(factOutOfOrder(path[i], histories[i])).toBeNull();
    });

    it.each(path.map((event, i) => [event.type, i] as const))('%s dated before its prerequisite is out of order', (_type, i) => {
      const event = path[i];
      const prerequisites = histories[i].filter((fact) => prerequisiteOf(event)?.types.includes(fact.type));
      if (prerequisites.length === 0) return; // follows nothing recorded on this path
      const latest = factOutOfOrder({ ...event, occurredAt: '2000-01-01T00:00:00.000Z' } as DhrEvent, histories[i])!;
      expect(prerequisites).toContain(latest);
      const justBefore = { ...event, occurredAt: earlier(latest.occurredAt.toISOString()) } as DhrEvent;
      expect(factOutOfOrder(justBefore, histories[i])).toBe(latest);
      // The same moment is in order: facts recorded together share a time.
      expect(factOutOfOrder({ ...event, occurredAt: latest.occurredAt.toISOString() } as DhrEvent, histories[i])).toBeNull();
    });
  },
);

describe('the wrong paths the statutory record must refuse', () => {
  it('a direction of the Secretary of State dated before the refusal it overturns', () => {
    const refusal = recorded(sample('DECIDE_NOT_TO_COMMISSION', day(10)));
    const direction = sample('SECRETARY_OF_STATE_DIRECTION', day(9));
    expect(factOutOfOrder(direction, [notified, refusal])).toBe(refusal);
  });

  it('terms of reference agreed before the chair was appointed', () => {
    const history = [
      notified,
      recorded(sample('DECIDE_TO_COMMISSION', day(10))),
      recorded(sample('APPOINT_CHAIR', day(20), { userId: CHAIR })),
    ];
    expect(factOutOfOrder(sample('AGREE_TERMS_OF_REFERENCE', day(15)), history)).toBe(history[2]);
    expect(factOutOfOrder(sample('AGREE_TERMS_OF_REFERENCE', day(21)), history)).toBeNull();
  });

  it('an agency’s return compares with its own request only, not another agency’s', () => {
    const history = [
      notified,
      recorded(sample('REQUEST_SCOPING', day(1), { agencyId: POLICE })),
      recorded(sample('REQUEST_SCOPING', day(8), { agencyId: HEALTH })),
    ];
    expect(factOutOfOrder(sample('RECEIVE_SCOPING', day(5), { agencyId: POLICE }), history)).toBeNull();
    expect(factOutOfOrder(sample('RECEIVE_SCOPING', day(5), { agencyId: HEALTH }), history)).toBe(history[2]);
    expect(factOutOfOrder(sample('WITHDRAW_REQUEST', day(5), { agencyId: HEALTH, kind: 'scoping' }), history)).toBe(history[2]);
  });

  it('a Home Office response before the Home Office was told, and a reconsidered decision before the response', () => {
    const told = recorded(sample('HOME_OFFICE_INFORMED', day(12)));
    const response = recorded(sample('HOME_OFFICE_RESPONSE', day(40), { outcome: 'challenged' }));
    expect(factOutOfOrder(sample('HOME_OFFICE_RESPONSE', day(11)), [notified, told])).toBe(told);
    expect(factOutOfOrder(sample('RECONSIDER_DECISION', day(39)), [notified, told, response])).toBe(response);
  });
});
