import type { FamilyContactView, FamilyMemberView } from '@dhr/family';
import { dateTime } from './timeline.presenter';

export const CONTACT_PREFERENCE_WORDS: Record<string, string> = {
  email: 'Email',
  phone: 'Phone',
  letter: 'Letter',
  in_person: 'In person',
  via_advocate: 'Through their advocate',
  no_contact: 'Does not want to be contacted',
};

export const INVOLVEMENT_WORDS: Record<string, string> = {
  not_yet_contacted: 'Not contacted yet',
  involved: 'Involved',
  declined: 'Declined to take part',
  not_contactable: 'Could not be contacted',
};

export const CONTACT_METHOD_WORDS: Record<string, string> = {
  email: 'Email',
  phone: 'Phone call',
  letter: 'Letter',
  meeting: 'Meeting',
  via_advocate: 'Through their advocate',
};

export const CONTACT_DIRECTION_WORDS: Record<string, string> = {
  outbound: 'We contacted them',
  inbound: 'They contacted us',
};

const INVOLVEMENT_TAG: Record<string, string> = {
  involved: 'govuk-tag--green',
  declined: 'govuk-tag--grey',
  not_contactable: 'govuk-tag--red',
  not_yet_contacted: 'govuk-tag--yellow',
};

/** The family members (pseudonyms only) in words, and every contact, newest first, naming who recorded it. */
export function familyPage(members: FamilyMemberView[], contacts: FamilyContactView[], userName: (id: string) => string | null) {
  const pseudonymOf = new Map(members.map((m) => [m.id, m.pseudonym]));
  return {
    members: members.map((m) => ({
      pseudonym: m.pseudonym,
      relationship: m.relationship,
      contactPreference: CONTACT_PREFERENCE_WORDS[m.contactPreference] ?? m.contactPreference,
      advocate: [m.advocateOrganisation, m.advocateRole].filter(Boolean).join(', ') || 'None',
      involvement: {
        text: INVOLVEMENT_WORDS[m.involvement] ?? m.involvement,
        classes: INVOLVEMENT_TAG[m.involvement] ?? 'govuk-tag--grey',
      },
      contacts: m.contacts,
    })),
    contacts: [...contacts]
      .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))
      .map((c) => ({
        when: dateTime(c.occurredAt),
        timestamp: c.occurredAt,
        member: pseudonymOf.get(c.familyMemberId) ?? 'A family member',
        method: CONTACT_METHOD_WORDS[c.method] ?? c.method,
        direction: CONTACT_DIRECTION_WORDS[c.direction] ?? c.direction,
        summary: c.summary,
        recordedBy: userName(c.recordedBy) ?? 'A former user',
      })),
  };
}
