// The statutory guidance's steps (v3), recorded as tasks on the review's file: not gates,
// except where the guidance makes them so. A step recorded again replaces the earlier
// record of it (per agency for an IMR's sign-off); recording the report's time online
// as over meets the keep_online clock that PUBLISH started.
import { assign, enqueueActions } from 'xstate';
import { dhrSetup } from './dhr.setup';
import type { DhrEvent, GuidanceRecord, ReportRecord } from './dhr.types';

export const NO_REPORT_ON_RECORD: ReportRecord = { signedOff: null, submitted: null, approved: null, published: null, amendments: null };

type GuidanceEvent = Extract<DhrEvent, { type: 'RECORD_GUIDANCE_STEP' }>;

/** The record a RECORD_GUIDANCE_STEP leaves. */
export function guidanceRecordOf(event: GuidanceEvent): GuidanceRecord {
  return {
    step: event.step,
    done: event.done,
    at: event.occurredAt,
    organisation: event.organisation ?? null,
    agencyId: event.agencyId ?? null,
    signedOffBy: event.signedOffBy ?? null,
    note: event.note ?? null,
  };
}

/** The records with `record` in place of an earlier one of the same step (and agency). */
export function withGuidanceRecord(records: readonly GuidanceRecord[], record: GuidanceRecord): GuidanceRecord[] {
  return [...records.filter((r) => !(r.step === record.step && r.agencyId === record.agencyId)), record];
}

/** The senior manager's sign-off an IMR arrived with, as a guidance record (null when not given). */
export function imrSignOffOf(event: Extract<DhrEvent, { type: 'RECEIVE_IMR' }>): GuidanceRecord | null {
  if (event.signedOffBy === undefined) return null;
  return {
    step: 'imr_signed_off',
    done: true,
    at: event.signedOffAt ?? event.occurredAt,
    organisation: null,
    agencyId: event.agencyId,
    signedOffBy: event.signedOffBy,
    note: null,
  };
}

/** RECORD_GUIDANCE_STEP: in every commissioned stage and while on hold. */
export const recordGuidanceStep = dhrSetup.createStateConfig({
  on: {
    RECORD_GUIDANCE_STEP: {
      guard: { type: 'guidanceStepFits', params: ({ event }) => ({ step: event.step, agencyId: event.agencyId }) },
      actions: [
        assign({ guidance: ({ context, event }) => withGuidanceRecord(context.guidance, guidanceRecordOf(event)) }),
        enqueueActions(({ event, enqueue }) => {
          if (event.step === 'report_kept_online' && event.done) {
            enqueue({ type: 'clock.meet', params: { subject: { kind: 'keep_online' }, metAt: event.occurredAt } });
          }
        }),
      ],
    },
  },
}).on;
