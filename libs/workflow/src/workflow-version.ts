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
  /**
   * Facts in order (v3 on): which recorded facts an event follows, and the latest of
   * them it is dated before (null when in order). Absent: no order rule.
   */
  prerequisiteOf?(event: DhrEvent): { types: readonly string[] } | null;
  factOutOfOrder?(event: DhrEvent, facts: readonly RecordedFact[]): RecordedFact | null;
}

/** A fact on a review's record, as the order rule reads it. */
export interface RecordedFact {
  type: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

/** Rewrites a running review's snapshot from one version to the next. */
export interface SnapshotMigration {
  name: string;
  from: number;
  to: number;
  migrate(snapshot: PersistedSnapshot): PersistedSnapshot;
}
