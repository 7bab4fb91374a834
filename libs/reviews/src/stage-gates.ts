import { DomainError } from '@dhr/core';
import { STAGES, Stage } from '@dhr/workflows/dhr/contract';

/**
 * Stages in which a part of the review file may change. The one place these facts
 * live: domains name a gate (`change(…, { gate: 'open' })`), never a stage.
 */
const GATES = {
  /** The file is open until the review is closed. */
  open: { passes: (stage: Stage) => stage !== 'closed', message: 'the review is closed' },
  /** Recommendations are written from drafting until the review closes. */
  recommendations: {
    passes: (stage: Stage) => stage !== 'closed' && STAGES.indexOf(stage) >= STAGES.indexOf('drafting'),
    message: 'recommendations are recorded from drafting until the review is closed',
  },
} satisfies Record<string, { passes: (stage: Stage) => boolean; message: string }>;

export type StageGate = keyof typeof GATES;

export function assertStageGate(stage: string, gate: StageGate): void {
  if (!GATES[gate].passes(stage as Stage)) throw DomainError.invalidStage(stage, GATES[gate].message);
}
