import type { DhrContext, DhrEffect, DhrEvent, DhrEventType, DhrInput, Stage } from '@dhr/workflows/dhr/contract';

/** A persisted XState snapshot: opaque JSON to everything but its own workflow version. */
export type PersistedSnapshot = unknown;

export type ApplyResult =
  | { ok: true; snapshot: PersistedSnapshot; effects: DhrEffect[]; fromStage: Stage; toStage: Stage }
  | { ok: false; stage: Stage; allowedEvents: DhrEventType[] };

export interface WorkflowView {
  stage: Stage;
  onHold: boolean;
  allowedEvents: DhrEventType[];
  context: DhrContext;
}

/**
 * One released version of a workflow. Released versions are never edited; a
 * changed process is a new version registered beside the old one.
 */
export interface WorkflowVersion {
  name: string;
  version: number;
  start(input: DhrInput): { snapshot: PersistedSnapshot; effects: DhrEffect[] };
  apply(snapshot: PersistedSnapshot, event: DhrEvent): ApplyResult;
  view(snapshot: PersistedSnapshot): WorkflowView;
}

/** Rewrites a running review's snapshot from one version to the next. */
export interface SnapshotMigration {
  name: string;
  from: number;
  to: number;
  migrate(snapshot: PersistedSnapshot): PersistedSnapshot;
}
