import * as v1 from '@dhr/workflows/dhr/v1';
import * as v2 from '@dhr/workflows/dhr/v2';
import * as v3 from '@dhr/workflows/dhr/v3';
import { WorkflowRegistry } from './workflow-registry';
import type { SnapshotMigration, WorkflowVersion } from './workflow-version';

// Older versions' types are their own (frozen with them); the registry speaks the
// contract's, which their snapshots reach through the migrations below.
export const DHR_V1: WorkflowVersion = {
  name: 'dhr',
  version: 1,
  start: v1.start,
  apply: v1.apply,
  view: v1.view,
} as unknown as WorkflowVersion;
export const DHR_V2: WorkflowVersion = {
  name: 'dhr',
  version: 2,
  start: v2.start,
  apply: v2.apply,
  view: v2.view,
} as unknown as WorkflowVersion;
export const DHR_V3: WorkflowVersion = {
  name: 'dhr',
  version: 3,
  start: v3.start,
  apply: v3.apply,
  view: v3.view,
  prerequisiteOf: v3.prerequisiteOf,
  factOutOfOrder: v3.factOutOfOrder,
} as WorkflowVersion;

/** The DHR workflow versions of this build, and the migrations between them. New reviews start on the latest. */
export function dhrWorkflows(): WorkflowRegistry {
  return new WorkflowRegistry(
    'dhr',
    [DHR_V1, DHR_V2, DHR_V3],
    [v2.DHR_V1_TO_V2 as SnapshotMigration, v3.DHR_V2_TO_V3 as SnapshotMigration],
  );
}
