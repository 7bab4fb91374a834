import type { Stage, ImrStatus, DeadlineKind, ScopingStatus } from '@dhr/workflows/dhr/contract';

/** Stages in plain words. */
export const STAGE_WORDS: Record<Stage, string> = {
  notification: 'Notification',
  not_commissioned: 'Not commissioned',
  setup: 'Setting up',
  information_gathering: 'Information gathering',
  drafting: 'Drafting',
  family_review: 'Family review',
  csp_signoff: 'Partnership sign-off',
  home_office_qa: 'Home Office quality assurance',
  publication: 'Publication',
  action_plan: 'Action plan',
  closed: 'Closed',
};

export const IMR_WORDS: Record<ImrStatus, string> = {
  not_requested: 'Not requested',
  requested: 'Requested',
  received: 'Received',
  waived: 'Not needed',
  withdrawn: 'Withdrawn',
};

export const SCOPING_WORDS: Record<ScopingStatus, string> = {
  requested: 'Requested',
  returned: 'Received',
  withdrawn: 'Withdrawn',
};

export const DEADLINE_WORDS: Record<DeadlineKind, string> = {
  decision: 'Decision whether to hold a review',
  home_office_notice: 'Tell the Home Office',
  scoping_return: 'Scoping information',
  imr: 'IMR (individual management review)',
  completion: 'Review completed',
  family_response: 'Family response to the draft',
  commissioner_copy: 'Copy to the commissioner',
  publication: 'Publication',
  action: 'Action',
  home_office_submission: 'Send the report to the Home Office',
  qa_resubmission: 'Send the revised report back to the Home Office',
  keep_online: 'Keep the published report online',
};
