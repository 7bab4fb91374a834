// A running v2 review, rewritten for v3. The states are the same; v3's context adds the
// decision's record, the Home Office's response to a "no", when the action plan was
// agreed, the report versions on the record and the guidance's steps. Pure: the registry checks v3 can read the result.
import type { PersistedDhrSnapshot as PersistedV2 } from '../v2/dhr.workflow';
import { NO_REPORT_ON_RECORD } from './dhr.guidance';
import type { PersistedDhrSnapshot } from './dhr.workflow';

/** Stages in which the CSP has signed the report off (and with it, from v3, the action plan). */
const SIGNED_OFF_STAGES: readonly string[] = ['home_office_qa', 'publication', 'action_plan', 'closed'];

export const DHR_V2_TO_V3 = {
  name: 'dhr-v2-to-v3',
  from: 2,
  to: 3,
  migrate(snapshot: unknown): PersistedDhrSnapshot {
    const v2 = snapshot as PersistedV2;
    const stage = stageOfPersisted(v2);
    // v2 added actions only after publication, each agreed (its clock started) as it was added.
    // A v2 review past sign-off has an agreed plan (its time is not in the snapshot: the
    // latest report draft is the last fact known before it); before sign-off, none yet.
    const lastDraftAt = v2.context.drafts.at(-1)?.submittedAt ?? null;
    const planAgreedAt = SIGNED_OFF_STAGES.includes(stage) ? (v2.context.publishedAt ?? lastDraftAt ?? v2.context.notifiedAt) : null;
    return {
      ...v2,
      context: {
        ...v2.context,
        // v2 kept no record of who decided, when, or the kind of death: unknown, not guessed.
        decidedAt: null,
        decidedBy: null,
        deathType: null,
        deathTypeDescription: null,
        // A v2 "no" was never answered on the record: CLOSE now waits for the Home Office's response.
        homeOfficeResponse: null,
        actions: v2.context.actions.map((action) => ({ ...action, agreedAt: planAgreedAt })),
        actionPlanAgreedAt: planAgreedAt,
        // Which report versions went where, and the guidance's steps, were not recorded under v2.
        report: NO_REPORT_ON_RECORD,
        keepOnlineUntil: null,
        guidance: [],
      },
    } as PersistedDhrSnapshot;
  },
} as const;

/** The stage of a persisted snapshot, read from its value (held reviews keep their stage in context). */
function stageOfPersisted(snapshot: PersistedV2): string {
  const value = snapshot.value as unknown;
  if (typeof value === 'object' && value !== null && 'commissioned' in value)
    return String((value as { commissioned: string }).commissioned);
  if (value === 'on_hold') return String(snapshot.context.holdStage);
  return String(value);
}
