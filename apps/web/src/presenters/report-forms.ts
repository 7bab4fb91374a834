import { DomainError } from '@dhr/core';
import { readDate } from './form-dates';
import { formErrors, FormErrors } from './form-errors';

/** The report pages' GET forms: a period as two GOV.UK date inputs, and a choice. */
export interface PeriodForm {
  /** The query as the form shows it again. */
  values: Record<string, string>;
  /** YYYY-MM-DD each, once both dates read. */
  from: string | null;
  to: string | null;
  messages: Record<string, string>;
}

const LABELS: Record<string, string> = { from: 'start date', to: 'end date' };

const text = (query: Record<string, unknown>, name: string) => (typeof query[name] === 'string' ? (query[name] as string).trim() : '');

/** Nothing asked yet (the page opened, not the form sent): an empty form and no errors. */
export const nothingAsked = (query: Record<string, unknown>): boolean => Object.keys(query).length === 0;

export function readPeriodForm(query: Record<string, unknown>, choices: string[]): PeriodForm {
  const values = Object.fromEntries(
    [...['from', 'to'].flatMap((n) => ['day', 'month', 'year'].map((p) => `${n}-${p}`)), ...choices].map((name) => [
      name,
      text(query, name),
    ]),
  );
  const messages: Record<string, string> = {};
  const dates: Record<string, string | null> = { from: null, to: null };
  for (const name of ['from', 'to']) {
    const read = readDate(query, name);
    if (read === null) messages[name] = `Enter the ${LABELS[name]}`;
    else if ('problem' in read)
      messages[name] =
        read.problem === 'incomplete'
          ? `The ${LABELS[name]} must include a ${read.parts.join(' and ')}`
          : `The ${LABELS[name]} must be a real date, like 1 4 2026`;
    else dates[name] = read.date;
  }
  return { values, from: dates.from, to: dates.to, messages };
}

/** The lib's field problems (a period backwards, in the future…) in the form's words. */
export function periodProblems(error: unknown): Record<string, string> | null {
  if (!(error instanceof DomainError) || error.code !== 'validation_failed') return null;
  const fields = (error.details.fields ?? []) as { field: string; reason: string }[];
  const words: Record<string, string> = {
    'to:must be on or after from': 'The end date must be the same as or after the start date',
    'to:the period may be at most ten years': 'The period must be ten years or shorter',
    'from:must not be in the future': 'The start date must be today or in the past',
  };
  return Object.fromEntries(fields.map((f) => [f.field, words[`${f.field}:${f.reason}`] ?? `Check the ${LABELS[f.field] ?? f.field}`]));
}

export const errorsOf = (messages: Record<string, string>): FormErrors | undefined =>
  Object.keys(messages).length > 0
    ? formErrors(Object.fromEntries(Object.entries(messages).map(([k, v]) => [k === 'from' || k === 'to' ? `${k}-day` : k, v])))
    : undefined;

/** Field messages keyed by the name the template uses (the date inputs are keyed by their first box). */
export const fieldMessage = (messages: Record<string, string>, name: string) => (messages[name] ? { text: messages[name] } : undefined);
