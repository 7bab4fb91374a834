// Public surface of the DHR workflow, version 2.
export * from './dhr.types';
export { dhrMachineV2, initialDhrContext, type DhrMachineV2 } from './dhr.machine';
export { DHR_EFFECT_TYPES, type DhrEffectType, type EffectParams } from './dhr.setup';
export type { CommissionedStage } from './dhr.shared-transitions';
export {
  DHR_WORKFLOW_V2,
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
export { DHR_V1_TO_V2 } from './migrate-from-v1';
