import { CONTACT_DIRECTIONS, CONTACT_METHODS, CONTACT_PREFERENCES, INVOLVEMENTS } from '@dhr/family';
import type { FieldWords } from './dto-errors';
import { CONTACT_DIRECTION_WORDS, CONTACT_METHOD_WORDS, CONTACT_PREFERENCE_WORDS, INVOLVEMENT_WORDS } from './family.presenter';

const text = (label: string, max: number) => (constraint: string) =>
  constraint === 'maxLength' ? `${label} must be ${max} characters or fewer` : `Enter ${label.toLowerCase()}`;

/** How a bad answer to "Add a family member" is worded, field by field (CreateFamilyMemberDto's rules). */
export const MEMBER_WORDS: FieldWords = {
  pseudonym: text('A pseudonym', 200),
  relationship: text('Their relationship to the person who died', 100),
  contactPreference: () => 'Select how they prefer to be contacted',
  advocateOrganisation: text('The advocate’s organisation', 200),
  advocateRole: text('The advocate’s role', 200),
  involvement: () => 'Select how involved they are',
};

/** How a bad answer to "Record a contact" is worded (LogFamilyContactDto's rules). */
export const CONTACT_WORDS: FieldWords = {
  occurredAt: () => 'Enter the date of the contact as a real date',
  method: () => 'Select how the contact was made',
  direction: () => 'Select who made contact',
  summary: text('A summary of the contact', 4000),
};

const choices = (values: readonly string[], words: Record<string, string>, chosen: string | undefined) =>
  values.map((value) => ({ value, text: words[value] ?? value, checked: chosen === value }));

export function memberChoices(values: Record<string, string | undefined>) {
  return {
    contactPreferences: choices(CONTACT_PREFERENCES, CONTACT_PREFERENCE_WORDS, values.contactPreference),
    involvements: choices(INVOLVEMENTS, INVOLVEMENT_WORDS, values.involvement ?? 'not_yet_contacted'),
  };
}

export function contactChoices(values: Record<string, string | undefined>, members: { id: string; pseudonym: string }[]) {
  return {
    members: members.map((m) => ({ value: m.id, text: m.pseudonym, checked: values.familyMemberId === m.id })),
    methods: choices(CONTACT_METHODS, CONTACT_METHOD_WORDS, values.method),
    directions: choices(CONTACT_DIRECTIONS, CONTACT_DIRECTION_WORDS, values.direction),
  };
}
