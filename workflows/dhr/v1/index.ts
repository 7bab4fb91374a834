// Public surface of the DHR workflow, version 1.
export * from './dhr.types';
export { dhrMachineV1, initialDhrContext, type DhrMachineV1 } from './dhr.machine';
export { DHR_EFFECT_TYPES, type DhrEffectType, type EffectParams } from './dhr.setup';
export type { CommissionedStage } from './dhr.shared-transitions';
export {
  DHR_WORKFLOW_V1,
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
