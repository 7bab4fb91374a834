import type { DeadlineKind } from '@dhr/workflows/dhr/contract';

/** How emails talk about one kind of deadline, in plain words for a non-technical reader. */
export interface DeadlineWording {
  /**
   * The deadline as a subject line names it, most telling words first: "IMR from Metropolitan
   * Police", "action for Croydon Council". An agency's name is fine there; a person's never is.
   */
  subjectItem(agencyName?: string): string;
  /** What is due, as a phrase that reads after "What is due:". */
  describe(agencyName?: string): string;
  /** Who is expected to do it, for the people chasing it. */
  owner(agencyName?: string): string;
  /** The roles whose work it is: their "What to do" is to do it (everyone else's is to follow it up). */
  doers: readonly string[];
  /** What the people whose work it is should do. */
  ownerAction: string;
}

const agencyContact = (agencyName?: string): string => (agencyName ? `the agency contact at ${agencyName}` : 'the agency contact');
const from = (label: string) => (agencyName?: string) => (agencyName ? `${label} from ${agencyName}` : label);

/** One row per DeadlineKind; Record<> makes the compiler insist on every kind. */
export const DEADLINE_WORDING: Record<DeadlineKind, DeadlineWording> = {
  decision: {
    subjectItem: () => 'decision whether to commission a review',
    describe: () => 'the decision whether to commission a review',
    owner: () => 'the chair of the Community Safety Partnership (CSP)',
    doers: ['csp_chair', 'coordinator'],
    ownerAction:
      'Decide whether to commission a Domestic Homicide Review (the CSP chair decides), and record the decision and the reasons in the review.',
  },
  home_office_notice: {
    subjectItem: () => 'Home Office to be told of the decision',
    describe: () => 'telling the Home Office of the decision whether to commission a review',
    owner: () => 'the DHR coordinator',
    doers: ['coordinator'],
    ownerAction:
      'Tell the Home Office DHR team of the decision (whether or not a review is commissioned), and record the date it was sent in the review.',
  },
  scoping_return: {
    subjectItem: from('scoping return'),
    describe: (agencyName) => (agencyName ? `the scoping return from ${agencyName}` : "an agency's scoping return"),
    owner: agencyContact,
    doers: ['agency_contact'],
    ownerAction:
      "Check your agency's records for any contact with the people involved, and send your scoping return through the review page.",
  },
  imr: {
    subjectItem: from('IMR'),
    describe: (agencyName) =>
      agencyName
        ? `the Individual Management Review (IMR) and chronology from ${agencyName}`
        : 'an Individual Management Review (IMR) and chronology',
    owner: agencyContact,
    doers: ['agency_contact'],
    ownerAction:
      "Complete your agency's Individual Management Review (IMR) and chronology, and upload them on the review page (or from Requests to my agency).",
  },
  completion: {
    subjectItem: () => 'review to be completed',
    describe: () => 'completion of the review (the overview report ready for CSP sign-off)',
    owner: () => 'the independent chair',
    doers: ['independent_chair'],
    ownerAction: 'Submit the overview report, executive summary and action plan for CSP sign-off.',
  },
  family_response: {
    subjectItem: () => "family's response to the draft",
    describe: () => "the family's response to the draft report",
    owner: () => 'the family liaison',
    doers: ['independent_chair'],
    ownerAction: 'Check with the family (or their advocate) whether they wish to respond to the draft report, and record their response.',
  },
  commissioner_copy: {
    subjectItem: () => 'copy to the Domestic Abuse Commissioner',
    describe: () => 'copy of the report to the Domestic Abuse Commissioner',
    owner: () => 'the DHR coordinator',
    doers: ['coordinator'],
    ownerAction:
      'Send a copy of the report to the Domestic Abuse Commissioner and record the date it was sent. The law requires this as soon as reasonably practicable.',
  },
  publication: {
    subjectItem: () => 'publication of the report',
    describe: () => 'publication of the report',
    owner: () => 'the DHR coordinator',
    doers: ['coordinator'],
    ownerAction:
      "Tell the family the publication date, publish the anonymised report and executive summary on the Community Safety Partnership's website, and record the date and web address.",
  },
  home_office_submission: {
    subjectItem: () => 'report to be sent to the Home Office',
    describe: () => 'the signed-off report sent to the Home Office for quality assurance',
    owner: () => 'the DHR coordinator',
    doers: ['coordinator'],
    ownerAction: 'Send the signed-off report to the Home Office quality assurance panel and record the date it was sent.',
  },
  qa_resubmission: {
    subjectItem: () => 'revised report to be sent back to the Home Office',
    describe: () => 'the report revised and sent back to the Home Office after its quality assurance panel asked for changes',
    owner: () => 'the independent chair and the DHR coordinator',
    doers: ['independent_chair', 'coordinator'],
    ownerAction: 'Revise the report as the Home Office asked, have it signed off again and send it back, then record the date it was sent.',
  },
  keep_online: {
    subjectItem: () => 'published report to be kept online',
    describe: () => 'the published report kept on the Community Safety Partnership’s website for its minimum time (at least 12 months)',
    owner: () => 'the DHR coordinator',
    doers: ['coordinator'],
    ownerAction:
      'Check the report and executive summary are still on the website. Once the date has passed, record on the review that the report was kept online for its minimum time.',
  },
  action: {
    subjectItem: (agencyName) => (agencyName ? `action for ${agencyName}` : 'action-plan item'),
    describe: (agencyName) => (agencyName ? `an action-plan item owned by ${agencyName}` : 'an action-plan item'),
    owner: agencyContact,
    doers: ['agency_contact'],
    ownerAction: 'Complete the action and record it complete on the review page (or from Requests to my agency).',
  },
};

export function deadlineWording(kind: DeadlineKind): DeadlineWording {
  // Kinds come from stored rows at run time: refuse anything outside the table
  // (including inherited names such as 'constructor').
  if (!Object.hasOwn(DEADLINE_WORDING, kind)) throw new Error(`Unknown deadline kind: ${String(kind)}`);
  return DEADLINE_WORDING[kind];
}

/** Deadlines that are an agency's to meet (its contacts are reminded; the coordinators chase it). */
export function isAgencyDeadline(kind: DeadlineKind): boolean {
  return deadlineWording(kind).doers.includes('agency_contact');
}
