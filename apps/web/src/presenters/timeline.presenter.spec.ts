import { HistoryEntry, namedUserIds, timelineItems } from './timeline.presenter';

const entry = (type: string, payload: Record<string, unknown>, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  seq: 1,
  type,
  payload,
  actor: { id: 'c1', name: 'Cam Coordinator' },
  agencyName: null,
  occurredAt: '2026-10-02T13:30:00Z',
  recordedAt: '2026-10-02T13:30:00Z',
  fromStage: 'notification',
  toStage: 'notification',
  ...extra,
});

describe('timeline: v3 decisions and the Home Office’s response', () => {
  const names: Record<string, string> = { u9: 'Casey CSP Chair' };
  const userName = (id: string) => names[id] ?? null;

  it('says the kind of death and who decided, by name or by the role the coordinator gave', () => {
    const [byRole, byChair] = timelineItems(
      [
        entry('DECIDE_TO_COMMISSION', { deathType: 'suicide', decidedBy: { userId: 'u9' }, rationale: 'Criteria met.' }),
        entry('DECIDE_NOT_TO_COMMISSION', {
          deathType: 'other',
          deathTypeDescription: 'A death in custody',
          decidedBy: { role: 'CSP board' },
          rationale: 'Not in scope.',
        }),
      ],
      userName,
    );
    expect(byRole.label).toBe('Decision not to hold a review recorded');
    expect(byRole.details).toEqual(['Kind of death: A death in custody', 'Decided by: CSP board', 'Not in scope.']);
    expect(byChair.details).toEqual(['Kind of death: a suicide after domestic abuse', 'Decided by: Casey CSP Chair', 'Criteria met.']);
    expect(
      namedUserIds([entry('DECIDE_TO_COMMISSION', { decidedBy: { userId: 'u9' } }), entry('APPOINT_CHAIR', { userId: 'u2' })]),
    ).toEqual(['u9', 'u2']);
  });

  it('words the Home Office’s response and a reconsidered decision', () => {
    const [reconsidered, response] = timelineItems(
      [
        entry('HOME_OFFICE_RESPONSE', { outcome: 'challenged', note: 'The panel asks for a review.' }),
        entry('RECONSIDER_DECISION', { decidedBy: { role: 'CSP board' }, rationale: 'The Home Office is right.' }),
      ],
      userName,
    );
    expect(response.label).toBe('Home Office response recorded: it challenged the decision not to hold a review');
    expect(response.details).toEqual(['The panel asks for a review.']);
    expect(reconsidered.label).toBe('Reconsidered decision recorded: the review is commissioned');
    expect(reconsidered.details).toEqual(['Decided by: CSP board', 'The Home Office is right.']);
  });

  it('names who a coordinator recorded a step for, and the evidence', () => {
    const [item] = timelineItems(
      [
        entry(
          'CSP_SIGN_OFF',
          { signedAt: '2026-10-02T13:30:00Z' },
          { onBehalfOf: { id: 'u9', name: 'Casey CSP Chair' }, evidence: 'Board minutes' },
        ),
      ],
      userName,
    );
    expect(item.byline).toBe('Cam Coordinator on behalf of Casey CSP Chair');
    expect(item.details).toContain('Evidence: Board minutes');
  });
});
