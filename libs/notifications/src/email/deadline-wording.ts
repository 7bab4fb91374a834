import type { DeadlineKind } from '@dhr/workflows/dhr/contract';

/** How emails talk about one kind of deadline, in plain words for a non-technical reader. */
export interface DeadlineWording {
  /** Short label for subject lines: never holds a name, not even the agency's. */
  subjectLabel: string;
  /** What is due, as a phrase that reads after "What is due:". */
  describe(agencyName?: string): string;
  /** Who is expected to do it, for the people chasing it. */
  owner(agencyName?: string): string;
  /** What the person who owns the deadline should do (reminders). */
  ownerAction: string;
}

const agencyContact = (agencyName?: string): string => (agencyName ? `the agency contact at ${agencyName}` : 'the agency contact');

/** One row per DeadlineKind; Record<> makes the compiler insist on every kind. */
export const DEADLINE_WORDING: Record<DeadlineKind, DeadlineWording> = {
  decision: {
    subjectLabel: 'decision whether to commission',
    describe: () => 'the decision whether to commission a review',
    owner: () => 'the chair of the Community Safety Partnership (CSP)',
    ownerAction: 'Please decide whether to commission a Domestic Homicide Review, and record the decision and the reasons in the review.',
  },
  home_office_notice: {
    subjectLabel: 'Home Office told of decision',
    describe: () => 'telling the Home Office of the decision whether to commission a review',
    owner: () => 'the DHR coordinator',
    ownerAction:
      'Please tell the Home Office DHR team of the decision (whether or not a review is commissioned), and record the date it was sent.',
  },
  scoping_return: {
    subjectLabel: 'scoping return',
    describe: (agencyName) => (agencyName ? `the scoping return from ${agencyName}` : "an agency's scoping return"),
    owner: agencyContact,
    ownerAction:
      "Please check your agency's records for any contact with the people involved, and send your scoping return to the DHR coordinator.",
  },
  imr: {
    subjectLabel: 'IMR',
    describe: (agencyName) =>
      agencyName
        ? `the Individual Management Review (IMR) and chronology from ${agencyName}`
        : 'an Individual Management Review (IMR) and chronology',
    owner: agencyContact,
    ownerAction: "Please complete your agency's Individual Management Review and chronology, and upload them to the review.",
  },
  completion: {
    subjectLabel: 'review completion',
    describe: () => 'completion of the review (the overview report ready for CSP sign-off)',
    owner: () => 'the independent chair',
    ownerAction:
      'Please submit the overview report, executive summary and action plan for CSP sign-off, or tell the DHR coordinator when they will be ready.',
  },
  family_response: {
    subjectLabel: 'family response to draft',
    describe: () => "the family's response to the draft report",
    owner: () => 'the family liaison',
    ownerAction:
      'Please check with the family (or their advocate) whether they wish to respond to the draft report, and record their response.',
  },
  commissioner_copy: {
    subjectLabel: 'copy to Domestic Abuse Commissioner',
    describe: () => 'copy of the report to the Domestic Abuse Commissioner',
    owner: () => 'the DHR coordinator',
    ownerAction:
      'Please send a copy of the report to the Domestic Abuse Commissioner and record the date it was sent. The law requires this as soon as reasonably practicable.',
  },
  publication: {
    subjectLabel: 'publication',
    describe: () => 'publication of the report',
    owner: () => 'the DHR coordinator',
    ownerAction:
      "Please tell the family the publication date, publish the anonymised report and executive summary on the Community Safety Partnership's website, and record the date and web address.",
  },
  action: {
    subjectLabel: 'action-plan item',
    describe: (agencyName) => (agencyName ? `an action-plan item owned by ${agencyName}` : 'an action-plan item'),
    owner: agencyContact,
    ownerAction: 'Please complete the action and mark it complete in the review, or tell the DHR coordinator what is holding it up.',
  },
};

export function deadlineWording(kind: DeadlineKind): DeadlineWording {
  // Kinds come from stored rows at run time: refuse anything outside the table
  // (including inherited names such as 'constructor').
  if (!Object.hasOwn(DEADLINE_WORDING, kind)) throw new Error(`Unknown deadline kind: ${String(kind)}`);
  return DEADLINE_WORDING[kind];
}
