// The event forms' descriptions: the words and questions of each event the pages record.
// How a description becomes a form, a payload and error messages is in event-forms.ts.
import type { DhrEventType, GuidanceStep } from '@dhr/workflows/dhr/contract';

/** Which agencies an agency question offers, from the review's state. */
export type AgencyChoice =
  'partnership' | 'notOnPanel' | 'imrToRequest' | 'imrRequested' | 'imrReceived' | 'imrOpen' | 'scopingToRequest' | 'scopingRequested';

export type FieldSpec =
  /** When it happened: a date (today by default) and an optional time; the event's named timestamp. */
  | { kind: 'when'; name: string; label?: string }
  /** A calendar date (`date`) or a due date (`due`); both are sent as YYYY-MM-DD, and the API places a due date at 5pm London. */
  | { kind: 'date'; name: string; label: string; hint?: string; optional?: boolean; as: 'date' | 'due'; called?: string }
  | { kind: 'agency'; name: string; label: string; choose: AgencyChoice }
  | { kind: 'chair'; name: string; label: string }
  | { kind: 'action'; name: string; label: string }
  | { kind: 'choice'; name: string; label: string; options: { value: string; text: string }[]; missing?: string }
  | {
      kind: 'text';
      name: string;
      label: string;
      hint?: string;
      optional?: boolean;
      maxlength: number;
      type?: 'url';
      /** What it is called in an error message, when the label is not a name ("Describe …"). */
      called?: string;
      /** Needed only with this answer to a choice before it (then required unless optional); ignored with any other. */
      onlyWith?: { field: string; value: string };
      /** Asked only of these roles (the others are themselves the answer). */
      onlyFor?: readonly string[];
    }
  | { kind: 'reason'; name: string; label: string; hint?: string; optional?: boolean }
  /** An outstanding scoping or IMR request, named by agency: sends `kind` and `agencyId` (WITHDRAW_REQUEST). */
  | { kind: 'request'; name: string; label: string }
  /** What a hold stops, the hold kind's usual scope (the rulebook's) chosen until the person chooses (PUT_ON_HOLD). */
  | { kind: 'holdScope'; name: string; label: string }
  /** The CSP chair or chair a coordinator records a step for (`onBehalfOf`). */
  | { kind: 'representative'; name: string; label: string };

export interface EventForm {
  /** The task as the list shows it. */
  task: string;
  /** The form's heading. */
  title: string;
  /** The success banner once recorded. */
  recorded: string;
  fields: FieldSpec[];
  /** Irreversible: a "Check and confirm" page first, with this warning. */
  confirm?: string;
  hint?: string;
  /** The success banner (and the timeline's words) when they depend on the answers. */
  recordedFor?: (payload: Record<string, unknown>) => string;
  /** Sent with the answers: what the task itself says (which guidance step, done or not). */
  fixed?: Record<string, unknown>;
}

const when = (name: string): FieldSpec => ({ kind: 'when', name });
export const reason = (name: string, label: string, hint?: string, optional = false): FieldSpec => ({
  kind: 'reason',
  name,
  label,
  hint,
  optional,
});
export const HOLD_KINDS = [
  { value: 'criminal_trial', text: 'A criminal trial' },
  { value: 'inquest', text: 'An inquest' },
  { value: 'iopc', text: 'An IOPC (Independent Office for Police Conduct) investigation' },
  { value: 'other_review', text: 'Another review' },
  { value: 'other', text: 'Something else' },
];

/** A request's due date, left blank for the rulebook's usual time (REQUEST_SCOPING, REQUEST_IMR). */
const OPTIONAL_DUE_DATE: FieldSpec = {
  kind: 'date',
  name: 'dueAt',
  label: 'Due by (optional)',
  hint: 'Leave blank for the usual time allowed. It is due at 5pm that day. For example, 27 3 2027',
  optional: true,
  as: 'due',
  called: 'The due date',
};

/**
 * Who made a decision, asked of the coordinator recording it (v3); a CSP chair recording
 * their own decision is the decision-maker, so is not asked.
 */
const DECISION_MAKER: FieldSpec = {
  kind: 'text',
  name: 'decisionMaker',
  label: 'Who made the decision?',
  hint: 'For example, the CSP chair, or the CSP board at its meeting',
  maxlength: 200,
  called: 'Who made the decision',
  onlyFor: ['coordinator'],
};

/** The statutory record of a decision (v3): the kind of death, and who decided. */
const DECISION_RECORD: FieldSpec[] = [
  {
    kind: 'choice',
    name: 'deathType',
    label: 'What kind of death is it?',
    missing: 'Select what kind of death it is',
    options: [
      { value: 'homicide', text: 'A homicide' },
      { value: 'suicide', text: 'A suicide after domestic abuse' },
      { value: 'other', text: 'Something else' },
    ],
  },
  // A plain question after the radios rather than a conditional reveal: GOV.UK's reveal puts
  // aria-expanded on a radio, which ARIA does not allow (axe's aria-allowed-attr).
  {
    kind: 'text',
    name: 'deathTypeDescription',
    label: 'If something else, describe the kind of death',
    called: 'The description of the kind of death',
    maxlength: 4000,
    onlyWith: { field: 'deathType', value: 'other' },
  },
  DECISION_MAKER,
];

/** Who signed an IMR off for the agency (the guidance asks for a senior manager's sign-off). */
const SENIOR_MANAGER: FieldSpec = {
  kind: 'text',
  name: 'signedOffBy',
  label: 'Which senior manager signed it off? (optional)',
  hint: 'Their role, for example Detective Superintendent, Public Protection',
  optional: true,
  maxlength: 200,
};

/** What a hold stops (v2): the review's own clocks, or only its publication. */
export const HOLD_SCOPE_OPTIONS = [
  { value: 'publication', text: 'Publication only – work on the review carries on' },
  { value: 'review', text: 'The whole review – its deadlines stop' },
];

/**
 * One form description per event: the words, the questions and whether it needs confirming.
 * The pages build each form, read it back and map the domain's field errors from these.
 * SUBMIT_DRAFT is recorded by uploading a draft (the Drafts page), and EXTEND_DEADLINE from the
 * Deadlines page (each deadline's "Change due date"), so neither is listed here.
 */
export const EVENT_FORMS: Partial<Record<DhrEventType, EventForm>> = {
  REQUEST_SCOPING: {
    task: 'Ask an agency for scoping information',
    title: 'Ask an agency for scoping information',
    recorded: 'Scoping information requested',
    fields: [{ kind: 'agency', name: 'agencyId', label: 'Which agency?', choose: 'scopingToRequest' }, OPTIONAL_DUE_DATE],
  },
  RECEIVE_SCOPING: {
    task: 'Record scoping information received',
    title: 'Record scoping information received',
    recorded: 'Scoping information recorded as received',
    fields: [{ kind: 'agency', name: 'agencyId', label: 'Which agency sent it?', choose: 'scopingRequested' }, when('receivedAt')],
  },
  DECIDE_TO_COMMISSION: {
    task: 'Record the decision to hold a review',
    title: 'Record the decision to hold a review',
    recorded: 'Decision to hold a review recorded',
    fields: [
      when('decidedAt'),
      ...DECISION_RECORD,
      reason('rationale', 'Why was the decision made?', 'Give the reasons the partnership recorded.'),
    ],
    confirm: 'Once recorded, the review is commissioned: the clocks for setting it up and completing it start, and it cannot be undone.',
  },
  DECIDE_NOT_TO_COMMISSION: {
    task: 'Record the decision not to hold a review',
    title: 'Record the decision not to hold a review',
    recorded: 'Decision not to hold a review recorded',
    fields: [
      when('decidedAt'),
      ...DECISION_RECORD,
      reason('rationale', 'Why was the decision made?', 'The Home Office will be told these reasons.'),
    ],
    confirm:
      'Once recorded, the review cannot be commissioned again except by a direction of the Secretary of State or a reconsidered decision.',
  },
  HOME_OFFICE_RESPONSE: {
    task: 'Record the Home Office’s response to the decision',
    title: 'Record the Home Office’s response to the decision not to hold a review',
    recorded: 'Home Office response recorded',
    recordedFor: (payload) =>
      payload.outcome === 'accepted'
        ? 'Home Office response recorded: it accepted the decision not to hold a review'
        : payload.outcome === 'challenged'
          ? 'Home Office response recorded: it challenged the decision not to hold a review'
          : 'Home Office response recorded',
    hint: 'The Home Office quality assurance panel reviews every decision not to hold a review. The review can be closed once it accepts the decision.',
    fields: [
      when('receivedAt'),
      {
        kind: 'choice',
        name: 'outcome',
        label: 'What did the Home Office say?',
        missing: 'Select what the Home Office said',
        options: [
          { value: 'accepted', text: 'It accepted the decision' },
          { value: 'challenged', text: 'It challenged the decision' },
        ],
      },
      reason('note', 'What did it say? (optional)', undefined, true),
    ],
  },
  RECONSIDER_DECISION: {
    task: 'Record that the partnership reconsidered and will hold a review',
    title: 'Record the reconsidered decision to hold a review',
    recorded: 'Reconsidered decision recorded: the review is commissioned',
    fields: [
      when('decidedAt'),
      DECISION_MAKER,
      reason('rationale', 'Why did the partnership reconsider?', 'Give the reasons the partnership recorded.'),
    ],
    confirm: 'Once recorded, the review is commissioned: the clocks for setting it up and completing it start, and it cannot be undone.',
  },
  HOME_OFFICE_INFORMED: {
    task: 'Record that the Home Office was told',
    title: 'Record that the Home Office was told',
    recorded: 'Home Office notice recorded',
    fields: [when('sentAt')],
  },
  SECRETARY_OF_STATE_DIRECTION: {
    task: 'Record a direction from the Secretary of State to hold a review',
    title: 'Record a direction from the Secretary of State',
    recorded: 'Direction from the Secretary of State recorded',
    fields: [when('receivedAt')],
  },
  APPOINT_CHAIR: {
    task: 'Appoint the independent chair',
    title: 'Appoint the independent chair',
    recorded: 'Independent chair appointed',
    fields: [{ kind: 'chair', name: 'userId', label: 'Who will chair the review?' }],
  },
  ADD_PANEL_AGENCY: {
    task: 'Add an agency to the review panel',
    title: 'Add an agency to the review panel',
    recorded: 'Agency added to the panel',
    fields: [{ kind: 'agency', name: 'agencyId', label: 'Which agency?', choose: 'notOnPanel' }],
  },
  AGREE_TERMS_OF_REFERENCE: {
    task: 'Record the agreed terms of reference',
    title: 'Record the agreed terms of reference',
    recorded: 'Terms of reference recorded',
    fields: [
      when('agreedAt'),
      { kind: 'date', name: 'periodFrom', label: 'Period the review covers: from', hint: 'For example, 1 1 2021', as: 'date' },
      { kind: 'date', name: 'periodTo', label: 'Period the review covers: to', hint: 'For example, 14 9 2026', as: 'date' },
    ],
  },
  REQUEST_IMR: {
    task: 'Ask an agency for its IMR (individual management review)',
    title: 'Ask an agency for its IMR (individual management review)',
    recorded: 'IMR (individual management review) requested',
    fields: [{ kind: 'agency', name: 'agencyId', label: 'Which agency?', choose: 'imrToRequest' }, OPTIONAL_DUE_DATE],
  },
  RECEIVE_IMR: {
    task: 'Record an IMR (individual management review) received',
    title: 'Record an IMR (individual management review) received',
    recorded: 'IMR (individual management review) recorded as received',
    fields: [
      { kind: 'agency', name: 'agencyId', label: 'Which agency sent it?', choose: 'imrRequested' },
      when('receivedAt'),
      SENIOR_MANAGER,
      {
        kind: 'date',
        name: 'signedOffAt',
        label: 'When did they sign it off? (optional)',
        hint: 'For example, 27 3 2027',
        optional: true,
        as: 'date',
        called: 'The date it was signed off',
      },
    ],
  },
  WAIVE_IMR: {
    task: 'Record that an agency’s IMR (individual management review) is not needed',
    title: 'Record that an IMR (individual management review) is not needed',
    recorded: 'IMR (individual management review) recorded as not needed',
    fields: [{ kind: 'agency', name: 'agencyId', label: 'Which agency?', choose: 'imrOpen' }, reason('reason', 'Why is it not needed?')],
  },
  BEGIN_DRAFTING: {
    task: 'Begin drafting the overview report',
    title: 'Begin drafting the overview report',
    recorded: 'Drafting begun',
    hint: 'Every IMR (individual management review) asked for has been received or is not needed.',
    fields: [],
  },
  SHARE_DRAFT_WITH_FAMILY: {
    task: 'Record the draft shared with the family',
    title: 'Record the draft shared with the family',
    recorded: 'Draft recorded as shared with the family',
    fields: [
      when('sharedAt'),
      {
        kind: 'date',
        name: 'responseDueAt',
        label: 'Response due by (optional)',
        hint: 'Leave blank for the usual time allowed. It is due at 5pm that day.',
        optional: true,
        as: 'due',
        called: 'The date the response is due',
      },
    ],
  },
  FAMILY_RESPONSE_RECEIVED: {
    task: 'Record the family’s response to the draft',
    title: 'Record the family’s response to the draft',
    recorded: 'Family response recorded',
    fields: [when('receivedAt')],
  },
  FAMILY_NOT_INVOLVED: {
    task: 'Record that the family is not involved',
    title: 'Record that the family is not involved',
    recorded: 'Family recorded as not involved',
    fields: [reason('reason', 'Why is the family not involved?')],
  },
  SUBMIT_FOR_SIGNOFF: {
    task: 'Send the report to the partnership for sign-off',
    title: 'Send the report to the partnership for sign-off',
    recorded: 'Report sent for sign-off',
    fields: [],
  },
  CSP_SIGN_OFF: {
    task: 'Sign off the report for the partnership',
    title: 'Sign off the report for the partnership',
    recorded: 'Report signed off',
    fields: [when('signedAt')],
    confirm: 'Once signed off, the report goes to Home Office quality assurance.',
  },
  CSP_REQUEST_CHANGES: {
    task: 'Ask for changes to the report',
    title: 'Ask for changes to the report',
    recorded: 'Changes to the report asked for',
    fields: [reason('reason', 'What needs to change?')],
  },
  SUBMIT_TO_HOME_OFFICE: {
    task: 'Record the report sent to the Home Office',
    title: 'Record the report sent to the Home Office',
    recorded: 'Report recorded as sent to the Home Office',
    fields: [when('submittedAt')],
    confirm: 'This can be recorded once for each round of quality assurance.',
  },
  QA_OUTCOME: {
    task: 'Record the Home Office quality assurance outcome',
    title: 'Record the Home Office quality assurance outcome',
    recorded: 'Quality assurance outcome recorded',
    fields: [
      when('receivedAt'),
      {
        kind: 'choice',
        name: 'outcome',
        label: 'What did the Home Office decide?',
        options: [
          { value: 'approved', text: 'Approved for publication' },
          { value: 'resubmit', text: 'Changes needed and the report sent again' },
        ],
      },
      reason('notes', 'Notes (optional)', undefined, true),
    ],
  },
  COPY_SENT_TO_COMMISSIONER: {
    task: 'Record a copy sent to the Domestic Abuse Commissioner',
    title: 'Record a copy sent to the Domestic Abuse Commissioner',
    recorded: 'Copy to the commissioner recorded',
    fields: [when('sentAt')],
  },
  PUBLISH: {
    task: 'Record the report published',
    title: 'Record the report published',
    recorded: 'Publication recorded',
    fields: [
      when('publishedAt'),
      {
        kind: 'text',
        name: 'url',
        label: 'Web address of the published report',
        hint: 'For example, https://www.example.gov.uk/dhr',
        maxlength: 2000,
        type: 'url',
      },
      reason(
        'amendments',
        'Amendments since the version the Home Office approved (optional)',
        'Needed if you publish a later version than the one the Home Office approved.',
        true,
      ),
      {
        kind: 'date',
        name: 'keepOnlineUntil',
        label: 'Keep it online until (optional)',
        hint: 'At least 12 months after publication. Leave blank for 12 months.',
        optional: true,
        as: 'due',
        called: 'The date to keep it online until',
      },
    ],
    confirm: 'Publishing cannot be undone. The documents are checked for identifying terms first.',
  },
  ADD_ACTION: {
    task: 'Add an action to the action plan',
    title: 'Add an action to the action plan',
    recorded: 'Action added',
    fields: [
      { kind: 'agency', name: 'agencyId', label: 'Which agency owns it?', choose: 'partnership' },
      reason('description', 'What needs to be done?'),
      {
        kind: 'date',
        name: 'dueAt',
        label: 'Due by',
        hint: 'It is due at 5pm that day. For example, 27 3 2027',
        as: 'due',
        called: 'The due date',
      },
    ],
  },
  COMPLETE_ACTION: {
    task: 'Record an action completed',
    title: 'Record an action completed',
    recorded: 'Action recorded as complete',
    fields: [{ kind: 'action', name: 'actionId', label: 'Which action?' }, when('completedAt')],
  },
  CLOSE: {
    task: 'Close the review',
    title: 'Close the review',
    recorded: 'Review closed',
    fields: [],
    confirm: 'A closed review cannot be changed.',
  },
  PUT_ON_HOLD: {
    task: 'Put the review on hold',
    title: 'Put the review on hold',
    recorded: 'Review put on hold',
    recordedFor: (payload) => (payload.scope === 'publication' ? 'Publication put on hold' : 'Review put on hold'),
    hint: 'A hold on publication lets the work on the review carry on and stops only publishing. A hold on the whole review stops its deadlines until it resumes.',
    fields: [
      { kind: 'choice', name: 'kind', label: 'What is holding the review?', options: HOLD_KINDS },
      { kind: 'holdScope', name: 'scope', label: 'What does the hold stop?' },
      reason('reason', 'Why is the review on hold?'),
      {
        kind: 'text',
        name: 'reference',
        label: 'Reference (optional)',
        hint: 'For example, a court case number',
        optional: true,
        maxlength: 200,
      },
    ],
  },
  RESUME: {
    task: 'Resume the review',
    title: 'Resume the review',
    recorded: 'Review resumed',
    hint: 'Open deadlines move on by the time the review was on hold.',
    fields: [],
  },
  WITHDRAW_REQUEST: {
    task: 'Withdraw a request to an agency',
    title: 'Withdraw a request to an agency',
    recorded: 'Request withdrawn',
    hint: 'Its deadline stops: no more reminders are sent about it.',
    fields: [{ kind: 'request', name: 'request', label: 'Which request?' }, reason('reason', 'Why is it no longer needed?')],
    confirm: 'A withdrawn request cannot be brought back. If it is needed after all, ask the agency again.',
  },
};

const done = (step: GuidanceStep, task: string, recorded: string, fields: FieldSpec[] = [], hint?: string): EventForm => ({
  task,
  title: task,
  recorded,
  hint,
  fields: [...fields, when('doneAt')],
  fixed: { step, done: true },
});

/**
 * The guidance's steps (v3), one task each: recorded as done (with what it needs), or for the
 * family's sight of the report, as not done and why. Their task keys are "RECORD_GUIDANCE_STEP.<step>".
 */
export const GUIDANCE_FORMS: Record<string, EventForm> = {
  family_leaflet_given: done(
    'family_leaflet_given',
    'Record the Home Office leaflet given to the family',
    'Leaflet recorded as given to the family',
  ),
  advocacy_offered: done('advocacy_offered', 'Record specialist advocacy offered to the family', 'Advocacy recorded as offered', [
    {
      kind: 'text',
      name: 'organisation',
      label: 'Which advocacy service was offered?',
      hint: 'For example, AAFDA (Advocacy After Fatal Domestic Abuse)',
      maxlength: 200,
    },
  ]),
  chair_independence_statement: done(
    'chair_independence_statement',
    'Record the chair’s statement of independence',
    'Statement of independence recorded',
  ),
  imr_signed_off: done('imr_signed_off', 'Record an IMR’s sign-off by a senior manager', 'IMR sign-off recorded', [
    { kind: 'agency', name: 'agencyId', label: 'Whose IMR (individual management review)?', choose: 'imrReceived' },
    { ...SENIOR_MANAGER, optional: false, label: 'Which senior manager signed it off?' } as FieldSpec,
  ]),
  family_shown_report: done(
    'family_shown_report',
    'Record the report shown to the family',
    'Report recorded as shown to the family',
    [],
    'Before it goes to the Home Office.',
  ),
  family_not_shown_report: {
    task: 'Record why the family was not shown the report',
    title: 'Record why the family was not shown the report',
    recorded: 'Recorded why the family was not shown the report',
    fields: [reason('note', 'Why was the family not shown the report?'), when('doneAt')],
    fixed: { step: 'family_shown_report', done: false },
  },
  qa_letter_published: done(
    'qa_letter_published',
    'Record the Home Office letter published with the report',
    'Home Office letter recorded as published',
  ),
  family_told_publication_date: done(
    'family_told_publication_date',
    'Record the family told the publication date',
    'Family recorded as told the publication date',
  ),
  home_office_told_publication_date: done(
    'home_office_told_publication_date',
    'Record the Home Office told the publication date',
    'Home Office recorded as told the publication date',
  ),
  report_kept_online: done(
    'report_kept_online',
    'Record the report kept online for its minimum time',
    'Report recorded as kept online',
    [],
    'Record this once the date to keep it online until has passed.',
  ),
};

/** The task key of a chair's or CSP chair's step recorded by the coordinator on their behalf. */
export const onBehalfTask = (type: string): string => `${type}.on-behalf`;
export const isOnBehalfTask = (task: string): boolean => task.endsWith('.on-behalf');

/** A chair's form as the coordinator fills it for them: who did it first, what records it last. */
function onBehalfForm(form: EventForm): EventForm {
  return {
    ...form,
    title: `${form.title} on someone’s behalf`,
    hint: 'Record a step a chair or CSP chair took outside this service, for example at a board meeting or by email.',
    fields: [
      { kind: 'representative', name: 'onBehalfOf', label: 'Who did this?' },
      ...form.fields,
      {
        kind: 'text',
        name: 'evidence',
        label: 'What records it?',
        hint: 'For example, CSP board minutes, 12 March 2026, item 4',
        maxlength: 1000,
      },
    ],
  };
}

/** The task key of a guidance step's form: "RECORD_GUIDANCE_STEP.<step>". */
export const guidanceTask = (step: string): string => `RECORD_GUIDANCE_STEP.${step}`;

/** The event a task records: its key up to the first dot. */
export const eventTypeOf = (task: string): string => task.split('.')[0];

/** Resuming from a hold on publication only: the review never stopped, so the words say what ends. */
const END_PUBLICATION_HOLD: EventForm = {
  task: 'End the hold on publication',
  title: 'End the hold on publication',
  recorded: 'Hold on publication ended',
  hint: 'The report can then be published.',
  fields: [],
};

/** The form for an event, in the words that fit the review now (resuming a hold on publication only says so). */
export function eventForm(type: string, review?: { hold?: { scope: string } | null }, role?: string): EventForm | null {
  if (isOnBehalfTask(type)) {
    const own = eventForm(eventTypeOf(type), review);
    return own && !type.startsWith('RECORD_GUIDANCE_STEP') ? onBehalfForm(own) : null;
  }
  if (type === 'RESUME' && review?.hold?.scope === 'publication') return END_PUBLICATION_HOLD;
  if (type.startsWith('RECORD_GUIDANCE_STEP.')) {
    const step = type.slice('RECORD_GUIDANCE_STEP.'.length);
    return Object.prototype.hasOwnProperty.call(GUIDANCE_FORMS, step) ? GUIDANCE_FORMS[step] : null;
  }
  const form = Object.prototype.hasOwnProperty.call(EVENT_FORMS, type) ? EVENT_FORMS[type as DhrEventType]! : null;
  return form && role ? forRole(form, role) : form;
}

/** The form as this role sees it: without the questions asked only of others. */
function forRole(form: EventForm, role: string): EventForm {
  const asked = form.fields.filter((f) => f.kind !== 'text' || !f.onlyFor || f.onlyFor.includes(role));
  return asked.length === form.fields.length ? form : { ...form, fields: asked };
}

/** What a history entry of this type recorded, in words, when the form knows them. */
export function recordedWords(type: string, payload: Record<string, unknown>): string | null {
  if (type === 'RECORD_GUIDANCE_STEP') {
    const step = payload.done === false ? 'family_not_shown_report' : String(payload.step);
    return Object.prototype.hasOwnProperty.call(GUIDANCE_FORMS, step) ? GUIDANCE_FORMS[step].recorded : null;
  }
  const form = Object.prototype.hasOwnProperty.call(EVENT_FORMS, type) ? EVENT_FORMS[type as DhrEventType] : undefined;
  return form ? (form.recordedFor?.(payload) ?? form.recorded) : null;
}
