// Public surface of the DHR workflow, version 2.
export * from './dhr.types';
export { dhrMachineV3, initialDhrContext, type DhrMachineV3 } from './dhr.machine';
export { DHR_EFFECT_TYPES, type DhrEffectType, type EffectParams } from './dhr.setup';
export type { CommissionedStage } from './dhr.shared-transitions';
export {
  DHR_WORKFLOW_V3,
  start,
  apply,
  view,
  persistDhrSnapshot,
  restoreDhrSnapshot,
  stageOf,
  allowedEventsOf,
  effectsOf,
  type ApplyOutcome,
  type DhrSnapshot,
  type DhrStateValue,
  type DhrView,
  type PersistedDhrSnapshot,
} from './dhr.workflow';
export { stageDiagramMermaid } from './stage-diagram';
export { DHR_V2_TO_V3 } from './migrate-from-v2';
export { factOutOfOrder, prerequisiteOf, NOTIFIED, type Prerequisite, type RecordedFact } from './fact-order';
