// The guidance's steps as the review shows them (v3): each step the review has reached,
// done, not done (and why) or to do, with a warning when no specialist domestic abuse
// service sits on the panel. Tasks, not gates: nothing here refuses an event.
import type { NameLookup } from '@dhr/identity';
import type { WorkflowView } from '@dhr/workflow';
import type { GuidanceRecord, GuidanceStep, Stage } from '@dhr/workflows/dhr/contract';
import { STAGES } from '@dhr/workflows/dhr/contract';

/** From which stage each step is expected (IMR sign-offs are listed per received IMR instead). */
const EXPECTED_FROM: Record<Exclude<GuidanceStep, 'imr_signed_off'>, Stage> = {
  family_leaflet_given: 'setup',
  advocacy_offered: 'setup',
  chair_independence_statement: 'setup',
  family_shown_report: 'csp_signoff',
  qa_letter_published: 'publication',
  family_told_publication_date: 'publication',
  home_office_told_publication_date: 'publication',
  report_kept_online: 'action_plan',
};

export interface GuidanceItem {
  step: GuidanceStep;
  status: 'done' | 'not_done' | 'to_do';
  at: string | null;
  organisation: string | null;
  agencyId: string | null;
  agencyName: string | null;
  signedOffBy: string | null;
  note: string | null;
}

export interface GuidanceView {
  steps: GuidanceItem[];
  /** Whether a specialist domestic abuse service is on the panel (the guidance asks for one). */
  specialistOnPanel: boolean;
}

export function guidanceView(workflow: WorkflowView, names: NameLookup): GuidanceView | null {
  const { context, stage } = workflow;
  if (stage === 'notification' || stage === 'not_commissioned') return null;
  const records = context.guidance ?? []; // older versions recorded none
  const reached = (from: Stage) => stage === 'closed' || STAGES.indexOf(stage) >= STAGES.indexOf(from);
  const item = (step: GuidanceStep, agencyId: string | null = null): GuidanceItem => {
    const record = records.find((r) => r.step === step && r.agencyId === agencyId);
    return { ...itemOf(step, record), agencyId, agencyName: names.agencyName(agencyId) };
  };
  const steps = (Object.keys(EXPECTED_FROM) as (keyof typeof EXPECTED_FROM)[])
    .filter((step) => reached(EXPECTED_FROM[step]))
    .map((step) => item(step));
  const signOffs = context.panel.filter((member) => member.imr === 'received').map((member) => item('imr_signed_off', member.agencyId));
  // The IMR sign-offs sit after the set-up steps, in the order the guidance meets them.
  steps.splice(3, 0, ...signOffs);
  return { steps, specialistOnPanel: context.panel.some((member) => names.agencyKind(member.agencyId) === 'specialist_da') };
}

function itemOf(step: GuidanceStep, record: GuidanceRecord | undefined): Omit<GuidanceItem, 'agencyId' | 'agencyName'> {
  if (!record) return { step, status: 'to_do', at: null, organisation: null, signedOffBy: null, note: null };
  return {
    step,
    status: record.done ? 'done' : 'not_done',
    at: record.at,
    organisation: record.organisation,
    signedOffBy: record.signedOffBy,
    note: record.note,
  };
}
