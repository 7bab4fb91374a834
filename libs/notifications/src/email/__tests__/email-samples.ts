import type { EmailData, EmailPartnership } from '../email-data';

// Sample data for the template specs: a recipient and people whose names must never reach a subject.
export const REVIEW_ID = '6f1c3f0e-8a52-4d0b-9a57-2b1f0c4d7e11';
export const RECIPIENT = 'Zelda Quixote-Marsh';
export const AGENCY = 'Northshire Constabulary';

export const COORDINATORS: EmailPartnership = {
  name: 'Croydon CSP',
  contacts: [
    { name: 'Sam Okafor', email: 'sam.okafor@croydon.gov.uk' },
    { name: 'Jo Lindqvist', email: 'jo.lindqvist@croydon.gov.uk' },
  ],
  contactIsCoordinators: true,
};

export const NAMED_CONTACT: EmailPartnership = {
  name: 'Croydon CSP',
  contacts: [{ name: 'Ana Patel', email: 'dhr.coordinator@croydon.gov.uk' }],
  contactIsCoordinators: false,
};

/** Every name a subject must not hold: the recipient's and the contacts'. */
export const PERSONAL_NAMES = [RECIPIENT, 'Zelda', 'Quixote', 'Sam Okafor', 'Okafor', 'Lindqvist', 'Ana Patel'];

export function sampleData(overrides: Partial<EmailData> = {}): EmailData {
  return {
    reviewId: REVIEW_ID,
    reference: 'DHR-CROY-2026-001',
    deadlineKind: 'imr',
    // 5pm on Wednesday 9 December 2026 (GMT).
    dueAt: new Date('2026-12-09T17:00:00Z'),
    agencyName: AGENCY,
    recipientName: RECIPIENT,
    recipientRole: 'agency_contact',
    overdueDays: 3,
    reminderLabel: '7 days',
    failedRecipientRole: 'agency_contact',
    failedTemplate: 'clock.reminder',
    publicUrl: 'https://dhr.example.gov.uk',
    partnership: NAMED_CONTACT,
    ...overrides,
  };
}
