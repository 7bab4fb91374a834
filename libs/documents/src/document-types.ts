export const DOCUMENT_TYPES = [
  'imr',
  'chronology',
  'overview_report',
  'executive_summary',
  'action_plan',
  'terms_of_reference',
  'home_office_feedback',
  'letter',
  'minutes',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The only types an agency contact may upload (for their own agency). */
export const AGENCY_DOCUMENT_TYPES: readonly DocumentType[] = ['imr', 'chronology'];
