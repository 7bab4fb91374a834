import * as v1 from '@dhr/workflows/dhr/v1';
import * as v2 from '@dhr/workflows/dhr/v2';
import { WorkflowRegistry } from './workflow-registry';
import type { SnapshotMigration, WorkflowVersion } from './workflow-version';

// v1's types are its own (frozen with it); the registry speaks the contract's, which v1
// snapshots reach through the migration below.
export const DHR_V1: WorkflowVersion = {
  name: 'dhr',
  version: 1,
  start: v1.start,
  apply: v1.apply,
  view: v1.view,
} as unknown as WorkflowVersion;
export const DHR_V2: WorkflowVersion = { name: 'dhr', version: 2, start: v2.start, apply: v2.apply, view: v2.view } as WorkflowVersion;

/** The DHR workflow versions of this build, and the migrations between them. New reviews start on the latest. */
export function dhrWorkflows(): WorkflowRegistry {
  return new WorkflowRegistry('dhr', [DHR_V1, DHR_V2], [v2.DHR_V1_TO_V2 as SnapshotMigration]);
}
