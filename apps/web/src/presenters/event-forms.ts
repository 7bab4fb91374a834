import type { DhrEventType } from '@dhr/workflows/dhr/contract';
import type { FieldError } from '@dhr/core';
import { longDate, time as clockTime } from './dates';
import { londonDay, londonInstant, readDate, todayParts } from './form-dates';

const TEXT_LIMIT = 4000;

/** Which agencies an agency question offers, from the review's state. */
type AgencyChoice = 'partnership' | 'notOnPanel' | 'imrToRequest' | 'imrRequested' | 'imrOpen' | 'scopingToRequest' | 'scopingRequested';

export type FieldSpec =
  /** When it happened: a date (today by default) and an optional time; the event's named timestamp. */
  | { kind: 'when'; name: string; label?: string }
  /** A calendar date (`date`: YYYY-MM-DD) or a due date (`due`: the end of that London day). */
  | { kind: 'date'; name: string; label: string; hint?: string; optional?: boolean; as: 'date' | 'due' }
  | { kind: 'agency'; name: string; label: string; choose: AgencyChoice }
  | { kind: 'chair'; name: string; label: string }
  | { kind: 'action'; name: string; label: string }
  | { kind: 'choice'; name: string; label: string; options: { value: string; text: string }[] }
  | { kind: 'text'; name: string; label: string; hint?: string; optional?: boolean; maxlength: number; type?: 'url' }
  | { kind: 'reason'; name: string; label: string; hint?: string; optional?: boolean };

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
}

const when = (name: string): FieldSpec => ({ kind: 'when', name });
const reason = (name: string, label: string, hint?: string, optional = false): FieldSpec => ({
  kind: 'reason',
  name,
  label,
  hint,
  optional,
});
const HOLD_KINDS = [
  { value: 'criminal_trial', text: 'A criminal trial' },
  { value: 'inquest', text: 'An inquest' },
  { value: 'iopc', text: 'An IOPC (Independent Office for Police Conduct) investigation' },
  { value: 'other_review', text: 'Another review' },
  { value: 'other', text: 'Something else' },
];

/**
 * One form description per event: the words, the questions and whether it needs confirming.
 * The pages build each form, read it back and map the domain's field errors from these.
 * SUBMIT_DRAFT is recorded by uploading a draft (the Drafts page), so it has no form here.
 */
export const EVENT_FORMS: Partial<Record<DhrEventType, EventForm>> = {
  REQUEST_SCOPING: {
    task: 'Ask an agency for scoping information',
    title: 'Ask an agency for scoping information',
    recorded: 'Scoping information requested',
    fields: [
      { kind: 'agency', name: 'agencyId', label: 'Which agency?', choose: 'scopingToRequest' },
      {
        kind: 'date',
        name: 'dueAt',
        label: 'Due by (optional)',
        hint: 'Leave blank for the usual time allowed. For example, 27 3 2027',
        optional: true,
        as: 'due',
      },
    ],
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
    fields: [when('decidedAt'), reason('rationale', 'Why was the decision made?', 'Give the reasons the partnership recorded.')],
    confirm: 'Once recorded, the review is commissioned: the clocks for setting it up and completing it start, and it cannot be undone.',
  },
  DECIDE_NOT_TO_COMMISSION: {
    task: 'Record the decision not to hold a review',
    title: 'Record the decision not to hold a review',
    recorded: 'Decision not to hold a review recorded',
    fields: [when('decidedAt'), reason('rationale', 'Why was the decision made?', 'The Home Office will be told these reasons.')],
    confirm:
      'Once recorded, the review cannot be commissioned again except by a direction of the Secretary of State or a reconsidered decision.',
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
    fields: [
      { kind: 'agency', name: 'agencyId', label: 'Which agency?', choose: 'imrToRequest' },
      {
        kind: 'date',
        name: 'dueAt',
        label: 'Due by (optional)',
        hint: 'Leave blank for the usual time allowed. For example, 27 3 2027',
        optional: true,
        as: 'due',
      },
    ],
  },
  RECEIVE_IMR: {
    task: 'Record an IMR (individual management review) received',
    title: 'Record an IMR (individual management review) received',
    recorded: 'IMR (individual management review) recorded as received',
    fields: [{ kind: 'agency', name: 'agencyId', label: 'Which agency sent it?', choose: 'imrRequested' }, when('receivedAt')],
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
        hint: 'Leave blank for the usual time allowed',
        optional: true,
        as: 'due',
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
      { kind: 'date', name: 'dueAt', label: 'Due by', hint: 'For example, 27 3 2027', as: 'due' },
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
    hint: 'Its deadlines stop until it resumes.',
    fields: [
      { kind: 'choice', name: 'kind', label: 'What is holding the review?', options: HOLD_KINDS },
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
};

export function eventForm(type: string): EventForm | null {
  return Object.prototype.hasOwnProperty.call(EVENT_FORMS, type) ? EVENT_FORMS[type as DhrEventType]! : null;
}

/** What the choices are made from: the review's state and the partnership's agencies and chairs, by name. */
export interface FormContext {
  review: {
    panel: { agencyId: string; imr: string }[];
    scoping: { agencyId: string; status: string }[];
    actions: { id: string; agencyId: string; description: string; status: string }[];
  };
  agencies: { id: string; name: string }[];
  chairs: { id: string; name: string }[];
  /** An agency contact's own agency: the only one they are offered. */
  ownAgencyId: string | null;
}

type Option = { value: string; text: string };

export function choicesFor(field: FieldSpec, ctx: FormContext): Option[] {
  const name = (id: string) => ctx.agencies.find((a) => a.id === id)?.name ?? 'An agency';
  if (field.kind === 'chair') return ctx.chairs.map((c) => ({ value: c.id, text: c.name }));
  if (field.kind === 'choice') return field.options;
  if (field.kind === 'action')
    return ctx.review.actions
      .filter((a) => a.status === 'open' && (!ctx.ownAgencyId || a.agencyId === ctx.ownAgencyId))
      .map((a) => ({ value: a.id, text: `${a.description} (${name(a.agencyId)})` }));
  if (field.kind !== 'agency') return [];
  const panel = ctx.review.panel;
  const ids: string[] = (() => {
    switch (field.choose) {
      case 'partnership':
        return ctx.agencies.map((a) => a.id);
      case 'notOnPanel':
        return ctx.agencies.map((a) => a.id).filter((id) => !panel.some((p) => p.agencyId === id));
      case 'imrToRequest':
        return panel.filter((p) => p.imr === 'not_requested').map((p) => p.agencyId);
      case 'imrRequested':
        return panel.filter((p) => p.imr === 'requested').map((p) => p.agencyId);
      case 'imrOpen':
        return panel.filter((p) => p.imr === 'not_requested' || p.imr === 'requested').map((p) => p.agencyId);
      case 'scopingToRequest':
        return ctx.agencies.map((a) => a.id).filter((id) => !ctx.review.scoping.some((s) => s.agencyId === id));
      case 'scopingRequested':
        return ctx.review.scoping.filter((s) => s.status === 'requested').map((s) => s.agencyId);
    }
  })();
  return ids.filter((id) => !ctx.ownAgencyId || id === ctx.ownAgencyId).map((id) => ({ value: id, text: name(id) }));
}

export type Values = Record<string, string>;
export type Answer = { name: string; href: string; key: string; value: string };
export type Errors = { list: { text: string; href: string }[]; field: Record<string, { text: string }>; parts: Record<string, string[]> };

/** What a form field is called in an error message. */
function errorName(field: FieldSpec): string {
  if (field.kind === 'when') return field.label ? 'The date' : 'The date this happened';
  if (field.kind === 'date') return field.label.replace(/ \(optional\)$/, '');
  return field.label.replace(/\?$/, '').replace(/ \(optional\)$/, '');
}

/** Where the error summary links to: the first input of the field. */
function anchor(field: FieldSpec, parts: string[] = []): string {
  if (field.kind === 'when' || field.kind === 'date') return `#${field.name}-${parts[0] ?? 'day'}`;
  return `#${field.name}`;
}

export function errorsOf(entries: { field: FieldSpec; text: string; parts?: string[] }[]): Errors {
  return {
    list: entries.map((e) => ({ text: e.text, href: anchor(e.field, e.parts) })),
    field: Object.fromEntries(entries.map((e) => [e.field.name, { text: e.text }])),
    parts: Object.fromEntries(entries.map((e) => [e.field.name, e.parts ?? []])),
  };
}

/** The values a form starts with: today for "when did this happen?", nothing else. */
export function initialValues(form: EventForm, now: Date): Values {
  const values: Values = {};
  for (const f of form.fields)
    if (f.kind === 'when') {
      const today = todayParts(now);
      values[`${f.name}-day`] = today.day;
      values[`${f.name}-month`] = today.month;
      values[`${f.name}-year`] = today.year;
    }
  return values;
}

/** The strings a form sent, for showing it again. */
export function valuesOf(form: EventForm, body: Record<string, unknown>): Values {
  const values: Values = {};
  const keep = (key: string) => {
    if (typeof body[key] === 'string') values[key] = (body[key] as string).slice(0, TEXT_LIMIT + 100);
  };
  for (const f of form.fields) {
    if (f.kind === 'when' || f.kind === 'date') ['day', 'month', 'year', 'time'].forEach((p) => keep(`${f.name}-${p}`));
    else keep(f.name);
  }
  return values;
}

const DATE_MESSAGES = {
  missing: (n: string) => `Enter ${n.toLowerCase().replace(/^the /, 'the ')}`,
  incomplete: (n: string, parts: string[]) => `${n} must include a ${parts.join(' and a ')}`,
  invalid: (n: string) => `${n} must be a real date`,
  time: () => 'Enter the time like 2:30pm or 14:30, or leave it blank',
};

/**
 * Reads a form into the event's payload, or the GOV.UK messages for what is missing or
 * malformed (the domain checks the rest: future dates, dates before the death, …).
 */
export function readForm(
  form: EventForm,
  body: Record<string, unknown>,
  ctx: FormContext,
  now: Date,
): { payload: Record<string, unknown>; answers: Answer[] } | { errors: Errors } {
  const payload: Record<string, unknown> = {};
  const answers: Answer[] = [];
  const problems: { field: FieldSpec; text: string; parts?: string[] }[] = [];
  for (const field of form.fields) {
    const text = typeof body[field.name] === 'string' ? (body[field.name] as string).trim() : '';
    const label =
      field.kind === 'when'
        ? (field.label ?? 'When did this happen?').replace(/\?$/, '').replace(/^When did this happen$/, 'When it happened')
        : errorName(field);
    if (field.kind === 'when' || field.kind === 'date') {
      const read = readDate(body, field.name, field.kind === 'when');
      const optional = field.kind === 'date' && field.optional;
      if (!read) {
        if (!optional)
          problems.push({
            field,
            text: field.kind === 'when' ? 'Enter the date this happened' : DATE_MESSAGES.missing(errorName(field)),
            parts: ['day', 'month', 'year'],
          });
        continue;
      }
      if ('problem' in read) {
        const n = errorName(field);
        problems.push({ field, text: DATE_MESSAGES[read.problem](n, read.parts), parts: read.parts });
        continue;
      }
      if (field.kind === 'date' && field.as === 'date') payload[field.name] = read.date;
      else if (field.kind === 'date') payload[field.name] = londonInstant(read.date, 23, 59).toISOString();
      else if (read.time) payload[field.name] = londonInstant(read.date, read.time.hour, read.time.minute).toISOString();
      else if (read.date === londonDay(now)) payload[field.name] = now.toISOString();
      else payload[field.name] = londonInstant(read.date, 12, 0).toISOString();
      const instant = payload[field.name] as string;
      answers.push({
        name: field.name,
        href: anchor(field),
        key: label,
        value:
          field.kind === 'when' && read.time
            ? `${longDate(instant)}, ${clockTime(instant)}`
            : longDate(field.kind === 'date' && field.as === 'date' ? read.date : instant),
      });
      continue;
    }
    if (field.kind === 'agency' || field.kind === 'chair' || field.kind === 'action' || field.kind === 'choice') {
      const options = choicesFor(field, ctx);
      const chosen = options.find((o) => o.value === text);
      if (!chosen) {
        problems.push({
          field,
          text: `Select ${field.kind === 'chair' ? 'who will chair the review' : field.kind === 'agency' ? 'an agency' : field.kind === 'action' ? 'an action' : 'an option'}`,
        });
        continue;
      }
      payload[field.name] = chosen.value;
      answers.push({ name: field.name, href: anchor(field), key: label, value: chosen.text });
      continue;
    }
    const max = field.kind === 'text' ? field.maxlength : TEXT_LIMIT;
    if (!text) {
      if (!field.optional)
        problems.push({
          field,
          text: `Enter ${field.kind === 'reason' ? 'the reason' : label.toLowerCase()}`.replace('the reason', reasonWords(field)),
        });
      continue;
    }
    if (text.length > max) {
      problems.push({ field, text: `${label} must be ${max} characters or fewer` });
      continue;
    }
    payload[field.name] = text;
    answers.push({ name: field.name, href: anchor(field), key: label, value: text });
  }
  return problems.length ? { errors: errorsOf(problems) } : { payload, answers };
}

function reasonWords(field: FieldSpec): string {
  if (field.name === 'rationale') return 'why the decision was made';
  if (field.name === 'description') return 'what needs to be done';
  if (field.name === 'reason' && /change/.test(field.kind === 'reason' ? field.label : '')) return 'what needs to change';
  return 'the reason';
}

/** The domain's field errors (`validation_failed`) on this form's fields; `occurredAt` is the "when" field. */
export function domainErrors(form: EventForm, fields: FieldError[]): Errors {
  const entries = fields.map((f) => {
    const target =
      form.fields.find((s) => s.name === f.field) ??
      (f.field === 'occurredAt' ? form.fields.find((s) => s.kind === 'when') : undefined) ??
      form.fields[0];
    const name = target ? errorName(target) : 'This';
    const text = `${name} ${humanReason(f.reason)}`;
    return target ? { field: target, text, parts: target.kind === 'when' || target.kind === 'date' ? ['day', 'month', 'year'] : [] } : null;
  });
  const known = entries.filter((e): e is NonNullable<typeof e> => e !== null);
  const result = errorsOf(known);
  if (known.length < fields.length)
    result.list.push({ text: 'This could not be recorded. Check your answers and try again.', href: '#main-content' });
  return result;
}

/** A domain reason in the words of a GOV.UK message ("must not be in the future"). */
function humanReason(reason: string): string {
  return reason
    .replace(/\bdeathDate\b/g, 'the date of death')
    .replace(/\bnotifiedAt\b/g, 'the date of notification')
    .replace(/\bperiodFrom\b/g, 'the start of the period')
    .replace(/\b[a-z]+At\b/g, 'the date it happened');
}

/** GOV.UK macro parameters for each question of a form, with the values and errors shown. */
export function formFields(form: EventForm, ctx: FormContext, values: Values, errors?: Errors) {
  return form.fields.map((field) => {
    const errorMessage = errors?.field[field.name];
    const value = (key: string) => values[key] ?? '';
    if (field.kind === 'when' || field.kind === 'date') {
      const bad = new Set(errors?.parts[field.name] ?? []);
      const item = (part: 'day' | 'month' | 'year', width: number) => ({
        name: part,
        label: part[0].toUpperCase() + part.slice(1),
        value: value(`${field.name}-${part}`),
        classes: `govuk-input--width-${width}${errorMessage && (bad.size === 0 || bad.has(part)) ? ' govuk-input--error' : ''}`,
      });
      const date = {
        id: field.name,
        namePrefix: field.name,
        fieldset: {
          legend: {
            text: field.kind === 'when' ? (field.label ?? 'When did this happen?') : field.label,
            classes: 'govuk-fieldset__legend--s',
          },
        },
        hint: { text: field.kind === 'when' ? 'For example, 2 10 2026. The time is optional.' : (field.hint ?? 'For example, 27 3 2027') },
        errorMessage: errorMessage && !bad.has('time') ? errorMessage : undefined,
        items: [item('day', 2), item('month', 2), item('year', 4)],
      };
      const time =
        field.kind === 'when'
          ? {
              id: `${field.name}-time`,
              name: `${field.name}-time`,
              label: { text: 'Time (optional)' },
              hint: { text: 'For example, 2:30pm or 14:30' },
              classes: 'govuk-input--width-5',
              value: value(`${field.name}-time`),
              errorMessage: errorMessage && bad.has('time') ? errorMessage : undefined,
            }
          : null;
      return { macro: 'date', params: date, time };
    }
    if (field.kind === 'text')
      return {
        macro: 'input',
        params: {
          id: field.name,
          name: field.name,
          label: { text: field.label, classes: 'govuk-label--s' },
          hint: field.hint ? { text: field.hint } : undefined,
          value: value(field.name),
          type: field.type ?? 'text',
          spellcheck: false,
          errorMessage,
        },
      };
    if (field.kind === 'reason')
      return {
        macro: 'characterCount',
        params: {
          id: field.name,
          name: field.name,
          maxlength: TEXT_LIMIT,
          label: { text: field.label, classes: 'govuk-label--s' },
          hint: field.hint ? { text: field.hint } : undefined,
          value: value(field.name),
          errorMessage,
        },
      };
    const options = choicesFor(field, ctx);
    return {
      macro: 'radios',
      empty: options.length === 0,
      params: {
        idPrefix: field.name,
        name: field.name,
        fieldset: { legend: { text: field.label, classes: 'govuk-fieldset__legend--s' } },
        items: options.map((o) => ({ value: o.value, text: o.text, checked: values[field.name] === o.value })),
        errorMessage,
      },
    };
  });
}
