import type { FieldError } from '@dhr/core';
import { dueDate, longDate, time as clockTime } from './dates';
import { EventForm, FieldSpec, HOLD_KINDS, HOLD_SCOPE_OPTIONS } from './event-form-catalogue';
import { londonDay, londonInstant, readDate, todayParts } from './form-dates';

export * from './event-form-catalogue';

const TEXT_LIMIT = 4000;
/** The instant a due date sent as a date means (the rulebook's due time, 5pm London): for showing the answer. */
const DUE_HOUR = 17;

/** What the choices are made from: the review's state and the partnership's agencies and chairs, by name. */
export interface FormContext {
  review: {
    panel: { agencyId: string; imr: string }[];
    scoping: { agencyId: string; status: string }[];
    actions: { id: string; agencyId: string; description: string; status: string }[];
  };
  agencies: { id: string; name: string }[];
  chairs: { id: string; name: string }[];
  /** Whom a coordinator may record this step for (the review's chair, the partnership's CSP chairs). */
  representatives?: { id: string; name: string }[];
  /** An agency contact's own agency: the only one they are offered. */
  ownAgencyId: string | null;
  /** The rulebook's usual hold scope per hold kind (PUT_ON_HOLD's "what does the hold stop?"). */
  holdScopes?: Record<string, string>;
}

type Option = { value: string; text: string };

export function choicesFor(field: FieldSpec, ctx: FormContext): Option[] {
  const name = (id: string) => ctx.agencies.find((a) => a.id === id)?.name ?? 'An agency';
  if (field.kind === 'chair') return ctx.chairs.map((c) => ({ value: c.id, text: c.name }));
  if (field.kind === 'representative') return (ctx.representatives ?? []).map((c) => ({ value: c.id, text: c.name }));
  if (field.kind === 'choice') return field.options;
  if (field.kind === 'holdScope') return HOLD_SCOPE_OPTIONS;
  if (field.kind === 'request')
    return [
      ...ctx.review.scoping
        .filter((s) => s.status === 'requested')
        .map((s) => ({ value: `scoping:${s.agencyId}`, text: `Scoping information from ${name(s.agencyId)}` })),
      ...ctx.review.panel
        .filter((p) => p.imr === 'requested')
        .map((p) => ({ value: `imr:${p.agencyId}`, text: `IMR (individual management review) from ${name(p.agencyId)}` })),
    ];
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
        // A waived or withdrawn IMR may be asked for after all.
        return panel.filter((p) => ['not_requested', 'waived', 'withdrawn'].includes(p.imr)).map((p) => p.agencyId);
      case 'imrRequested':
        return panel.filter((p) => p.imr === 'requested').map((p) => p.agencyId);
      case 'imrReceived':
        return panel.filter((p) => p.imr === 'received').map((p) => p.agencyId);
      case 'imrOpen':
        return panel.filter((p) => ['not_requested', 'requested', 'withdrawn'].includes(p.imr)).map((p) => p.agencyId);
      case 'scopingToRequest':
        // One request per agency; a withdrawn one may be asked again.
        return ctx.agencies.map((a) => a.id).filter((id) => !ctx.review.scoping.some((s) => s.agencyId === id && s.status !== 'withdrawn'));
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
  if ((field.kind === 'date' || field.kind === 'text') && field.called) return field.called;
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
      // A due date is sent as the date: the API places it at the rulebook's due time (5pm London).
      if (field.kind === 'date') payload[field.name] = read.date;
      else if (read.time) payload[field.name] = londonInstant(read.date, read.time.hour, read.time.minute).toISOString();
      else if (read.date === londonDay(now)) payload[field.name] = now.toISOString();
      else payload[field.name] = londonInstant(read.date, 12, 0).toISOString();
      const instant = payload[field.name] as string;
      answers.push({
        name: field.name,
        href: anchor(field),
        key: label,
        value:
          field.kind === 'date'
            ? field.as === 'due'
              ? dueDate(londonInstant(read.date, DUE_HOUR, 0))
              : longDate(read.date)
            : read.time
              ? `${longDate(instant)}, ${clockTime(instant)}`
              : longDate(instant),
      });
      continue;
    }
    if (isChoice(field)) {
      const options = choicesFor(field, ctx);
      const chosen = options.find((o) => o.value === text);
      if (!chosen) {
        problems.push({ field, text: (field.kind === 'choice' && field.missing) || SELECT_MESSAGES[field.kind] });
        continue;
      }
      if (field.kind === 'request') {
        // "imr:<agency id>": the two fields WITHDRAW_REQUEST names.
        const [kind, agencyId] = chosen.value.split(':');
        Object.assign(payload, { kind, agencyId });
      } else payload[field.name] = chosen.value;
      answers.push({ name: field.name, href: anchor(field), key: label, value: chosen.text });
      continue;
    }
    // A follow-up question counts only with the answer it follows ("Something else": describe it).
    if (field.kind === 'text' && field.onlyWith && body[field.onlyWith.field] !== field.onlyWith.value) continue;
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

type ChoiceField = Extract<FieldSpec, { kind: 'agency' | 'chair' | 'action' | 'choice' | 'request' | 'holdScope' | 'representative' }>;
const isChoice = (field: FieldSpec): field is ChoiceField =>
  ['agency', 'chair', 'action', 'choice', 'request', 'holdScope', 'representative'].includes(field.kind);

const SELECT_MESSAGES: Record<ChoiceField['kind'], string> = {
  agency: 'Select an agency',
  chair: 'Select who will chair the review',
  action: 'Select an action',
  choice: 'Select an option',
  request: 'Select the request to withdraw',
  holdScope: 'Select what the hold stops',
  representative: 'Select who did this',
};

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
      // WITHDRAW_REQUEST's agencyId and kind are both the one "which request?" question.
      (['agencyId', 'kind'].includes(f.field) ? form.fields.find((s) => s.kind === 'request') : undefined) ??
      (f.field === 'occurredAt' ? form.fields.find((s) => s.kind === 'when') : undefined) ??
      form.fields[0];
    const name = target ? errorName(target) : 'This';
    // Without a "when" question the event happens now: a due date "after occurredAt" is one in the future.
    const now = !form.fields.some((s) => s.kind === 'when') && f.reason === 'must be after occurredAt';
    const text = `${name} ${now ? 'must be in the future' : humanReason(f.reason)}`;
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
    const chosen = field.kind === 'holdScope' ? (values[field.name] ?? usualScope(ctx, values.kind)) : values[field.name];
    return {
      macro: 'radios',
      empty: options.length === 0,
      params: {
        idPrefix: field.name,
        name: field.name,
        fieldset: { legend: { text: field.label, classes: 'govuk-fieldset__legend--s' } },
        hint: field.kind === 'holdScope' ? { text: usualScopesHint(ctx) } : undefined,
        // With JavaScript, choosing a hold kind chooses its usual scope until the person picks one (app.mjs).
        attributes: field.kind === 'holdScope' ? { 'data-usual-scopes': JSON.stringify(ctx.holdScopes ?? {}) } : undefined,
        items: options.map((o) => ({ value: o.value, text: o.text, checked: chosen === o.value })),
        errorMessage,
      },
    };
  });
}

/** The rulebook's usual scope for a hold kind, once the kind is known. */
function usualScope(ctx: FormContext, kind: string | undefined): string | undefined {
  return kind ? ctx.holdScopes?.[kind] : undefined;
}

/** "Usually publication only for a criminal trial or an inquest, and the whole review for …", from the rulebook. */
export function usualScopesHint(ctx: FormContext): string {
  const kindsWith = (scope: string) =>
    HOLD_KINDS.filter((k) => ctx.holdScopes?.[k.value] === scope).map((k) => k.text[0].toLowerCase() + k.text.slice(1));
  const list = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}` : items[0]);
  const parts = [
    ...(kindsWith('publication').length ? [`publication only for ${list(kindsWith('publication'))}`] : []),
    ...(kindsWith('review').length ? [`the whole review for ${list(kindsWith('review'))}`] : []),
  ];
  return parts.length ? `Usually ${parts.join(', and ')}.` : 'Choose what the hold stops.';
}
