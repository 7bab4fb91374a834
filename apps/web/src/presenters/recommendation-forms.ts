import { DEPARTMENT_MAX, RECOMMENDATION_SCOPES } from '@dhr/action-plan';
import type { FieldWords } from './dto-errors';

/** How a bad answer to "Add a recommendation" is worded (CreateRecommendationDto's rules and the lib's owner rule). */
export const RECOMMENDATION_WORDS: FieldWords = {
  scope: () => 'Select whether the recommendation is local or national',
  text: (constraint) => (constraint === 'maxLength' ? 'The recommendation must be 4,000 characters or fewer' : 'Enter the recommendation'),
  ownerAgencyId: () => 'Select the agency that owns a local recommendation, from the partnership’s agencies',
};

const SCOPE_WORDS: Record<string, { text: string; hint: string }> = {
  local: { text: 'Local', hint: 'For an agency of the partnership to act on' },
  national: { text: 'National', hint: 'For government or a national body; an owning agency is optional' },
};

/** The form's choices: local or national, and the partnership's agencies by name (none chosen first). */
export function recommendationChoices(values: Record<string, string | undefined>, agencies: { id: string; name: string }[]) {
  return {
    scopes: RECOMMENDATION_SCOPES.map((value) => ({
      value,
      text: SCOPE_WORDS[value]?.text ?? value,
      hint: { text: SCOPE_WORDS[value]?.hint ?? '' },
      checked: values.scope === value,
    })),
    agencies: [
      { value: '', text: 'Select an agency', selected: !values.ownerAgencyId },
      ...agencies.map((a) => ({ value: a.id, text: a.name, selected: values.ownerAgencyId === a.id })),
    ],
  };
}

/** How a bad answer to "Record where it was sent" and "Record the response" is worded (UpdateRecommendationDto's rules). */
export const ROUTING_WORDS: FieldWords = {
  department: (constraint) =>
    constraint === 'maxLength'
      ? `The department or national body must be ${DEPARTMENT_MAX} characters or fewer`
      : 'Enter the government department or national body it was sent to',
  response: (constraint) =>
    constraint === 'maxLength' ? 'The response must be 4,000 characters or fewer' : 'Enter the response from the department',
  sentOn: () => 'The date it was sent must be a real date, today or in the past',
  respondedOn: () => 'The date the response was received must be a real date, today or in the past',
};

/** What a date input is about, in the words its messages use. */
const DATE_SUBJECT: Record<string, string> = { sentOn: 'the date it was sent', respondedOn: 'the date the response was received' };

/** The words for a date input's problem (GOV.UK date input patterns), by form-dates' reading or the lib's reason. */
export function routingDateProblem(field: 'sentOn' | 'respondedOn', problem: string, parts: string[] = []): string {
  const subject = DATE_SUBJECT[field];
  const Subject = subject.charAt(0).toUpperCase() + subject.slice(1);
  if (problem === 'missing') return `Enter ${subject}`;
  if (problem === 'incomplete') return `${Subject} must include a ${parts.join(' and ')}`;
  if (problem === 'future') return `${Subject} must be today or in the past`;
  if (problem === 'afterResponse') return `${Subject} must be the same as or before the date the response was received`;
  if (problem === 'beforeSent') return `${Subject} must be the same as or after the date the recommendation was sent`;
  return `${Subject} must be a real date`;
}
