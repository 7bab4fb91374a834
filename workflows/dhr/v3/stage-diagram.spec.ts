import { dhrMachineV3 } from './dhr.machine';
import { STAGES } from './dhr.types';
import { stageDiagramMermaid } from './stage-diagram';

describe('stageDiagramMermaid', () => {
  const diagram = stageDiagramMermaid();
  const lines = diagram.split('\n').map((line) => line.trim());

  it('is a Mermaid state diagram naming every stage and on_hold', () => {
    expect(lines[0]).toBe('stateDiagram-v2');
    for (const state of [...STAGES, 'on_hold']) expect(diagram).toContain(state);
  });

  it('draws the stage-changing transitions of the machine, with their guards', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        '[*] --> notification',
        'notification --> commissioned : DECIDE_TO_COMMISSION',
        'notification --> not_commissioned : DECIDE_NOT_TO_COMMISSION',
        'not_commissioned --> commissioned : SECRETARY_OF_STATE_DIRECTION',
        'not_commissioned --> closed : CLOSE [homeOfficeAccepted]',
        'not_commissioned --> commissioned : RECONSIDER_DECISION [homeOfficeChallenged]',
        'state commissioned {',
        '[*] --> setup',
        'setup --> information_gathering : (automatic) [setupComplete]',
        'information_gathering --> drafting : BEGIN_DRAFTING [noImrOutstanding]',
        'drafting --> family_review : SHARE_DRAFT_WITH_FAMILY [draftExists]',
        'family_review --> drafting : FAMILY_RESPONSE_RECEIVED',
        'family_review --> drafting : FAMILY_NOT_INVOLVED',
        'drafting --> csp_signoff : SUBMIT_FOR_SIGNOFF [readyForSignoff]',
        'csp_signoff --> home_office_qa : CSP_SIGN_OFF',
        'csp_signoff --> drafting : CSP_REQUEST_CHANGES',
        'home_office_qa --> publication : QA_OUTCOME [approvedAfterSubmission]',
        'home_office_qa --> drafting : QA_OUTCOME [resubmissionRequestedAfterSubmission]',
        'publication --> action_plan : PUBLISH [noHoldOpen]',
        'action_plan --> closed : CLOSE [allActionsComplete and commissionerCopySent]',
        'state "H*" as lastStage',
        'on_hold --> lastStage : RESUME',
        'closed --> [*]',
      ]),
    );
  });

  it('spells out a combined guard by the names of its parts', () => {
    expect(lines.filter((line) => line.startsWith('action_plan --> closed'))).toEqual([
      'action_plan --> closed : CLOSE [allActionsComplete and commissionerCopySent]',
    ]);
    expect(diagram).not.toContain('[guard]');
  });

  it('draws no scoping edge: scoping is recorded within a stage, never changing it', () => {
    expect(lines.filter((line) => line.includes('SCOPING'))).toEqual([]);
  });

  it('draws PUT_ON_HOLD once, from the commissioned composite, not once per stage', () => {
    expect(lines.filter((line) => line.includes('PUT_ON_HOLD'))).toEqual(['commissioned --> on_hold : PUT_ON_HOLD [reviewHoldAsked]']);
  });

  it('writes an edge leaving the composite outside its block (Mermaid would otherwise nest the target)', () => {
    const blockEnd = lines.indexOf('}');
    expect(lines.indexOf('action_plan --> closed : CLOSE [allActionsComplete and commissionerCopySent]')).toBeGreaterThan(blockEnd);
    expect(lines.indexOf('drafting --> csp_signoff : SUBMIT_FOR_SIGNOFF [readyForSignoff]')).toBeLessThan(blockEnd);
  });

  it('follows the machine: one line per stage-changing transition (PUT_ON_HOLD collapsed)', () => {
    const nodes = (node: typeof dhrMachineV3.root): (typeof dhrMachineV3.root)[] => [node, ...Object.values(node.states).flatMap(nodes)];
    const targeted = nodes(dhrMachineV3.root)
      .flatMap((node) => [...[...node.transitions.values()].flat(), ...(node.always ?? [])])
      .filter((transition) => transition.target?.some((target) => target !== transition.source));
    const holdEdges = targeted.filter((transition) => transition.eventType === 'PUT_ON_HOLD').length;
    const edgeLines = lines.filter((line) => line.includes(' --> ') && !line.includes('[*]'));
    expect(edgeLines).toHaveLength(targeted.length - holdEdges + 1);
  });
});
