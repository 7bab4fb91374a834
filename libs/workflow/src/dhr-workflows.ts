import { apply, start, view } from '@dhr/workflows/dhr/v1';
import { WorkflowRegistry } from './workflow-registry';
import type { WorkflowVersion } from './workflow-version';

export const DHR_V1: WorkflowVersion = { name: 'dhr', version: 1, start, apply, view } as WorkflowVersion;

/** The DHR workflow versions of this build. Add v2 beside v1 here, with its migration. */
export function dhrWorkflows(): WorkflowRegistry {
  return new WorkflowRegistry('dhr', [DHR_V1], []);
}
