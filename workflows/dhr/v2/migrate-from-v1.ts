// A running v1 review, rewritten for v2. The states are the same; v2's context adds
// a hold's scope (every v1 hold held the whole review) and when a scoping request was
// withdrawn (v1 could not withdraw one). Pure: the registry checks v2 can read the result.
import type { PersistedDhrSnapshot as PersistedV1 } from '../v1/dhr.workflow';
import type { PersistedDhrSnapshot } from './dhr.workflow';

export const DHR_V1_TO_V2 = {
  name: 'dhr-v1-to-v2',
  from: 1,
  to: 2,
  migrate(snapshot: unknown): PersistedDhrSnapshot {
    const v1 = snapshot as PersistedV1;
    return {
      ...v1,
      context: {
        ...v1.context,
        scoping: v1.context.scoping.map((request) => ({ ...request, withdrawnAt: null })),
        hold: v1.context.hold === null ? null : { ...v1.context.hold, scope: 'review' },
      },
    };
  },
} as const;
