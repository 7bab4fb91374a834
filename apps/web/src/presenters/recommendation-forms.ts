import { RECOMMENDATION_SCOPES } from '@dhr/action-plan';
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
