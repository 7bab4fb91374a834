import type { Role } from '@dhr/identity';

/** The parts of a review, in the order its sub-navigation lists them. */
export const REVIEW_SECTIONS = [
  'overview',
  'tasks',
  'deadlines',
  'timeline',
  'documents',
  'chronology',
  'family',
  'meetings',
  'action-plan',
  'audit',
] as const;
export type ReviewSection = (typeof REVIEW_SECTIONS)[number];

const SECTION_TEXT: Record<ReviewSection, string> = {
  overview: 'Overview',
  tasks: 'Tasks',
  deadlines: 'Deadlines',
  timeline: 'Timeline',
  documents: 'Documents',
  chronology: 'Chronology',
  family: 'Family',
  meetings: 'Meetings',
  'action-plan': 'Action plan',
  audit: 'Audit',
};

/**
 * Which parts of a review a role may open, as the API's access rules allow: family
 * involvement is not for agency contacts (the family lib refuses their part-view), and the
 * audit trail is for coordinators only (`mayReadReviewAudit`). Everything else is shown to
 * every role that can see the review, each reading only its own part.
 */
export function sectionsFor(role: Role): ReviewSection[] {
  if (role === 'admin') return [];
  return REVIEW_SECTIONS.filter((section) => {
    if (section === 'family') return role !== 'agency_contact';
    if (section === 'audit') return role === 'coordinator';
    return true;
  });
}

/** The MoJ sub-navigation items for this person on this review, the current part marked. */
export function reviewSubNavigation(role: Role, reviewId: string, current: string | undefined) {
  return sectionsFor(role).map((section) => ({
    text: SECTION_TEXT[section],
    href: section === 'overview' ? `/reviews/${reviewId}` : `/reviews/${reviewId}/${section}`,
    active: section === current,
  }));
}
