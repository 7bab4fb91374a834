import { deadlineWording } from '../deadline-wording';
import type { EmailData, RenderedEmail, RequestEmailData, RequestKind } from '../email-data';
import { formatGovukDateTime, formatGovukIsoDate } from '../govuk-time';
import { contactPhrase } from '../what-to-do';
import { composeEmail } from './layout';
import { actionFact, capitalise, quoted, requestsUrl, TemplateRenderer } from './template-renderer';

type Facts = ReadonlyArray<readonly [string, string]>;

/** How the email about one kind of request (or change to one) reads; `agency` is the agency's name. */
interface RequestWording {
  /** The subject after the reference: what is asked (or changed) of whom, then by when. */
  subject(data: EmailData, agency: string): string;
  /** The request as a noun phrase: "IMR request to Metropolitan Police". */
  name(data: EmailData, agency: string): string;
  /** The same without the agency: "IMR request". */
  short(data: EmailData): string;
  intro(data: EmailData, agency: string): string[];
  facts(data: EmailData, agency: string): Facts;
  /** What the agency's contact should do. */
  whatToDo(data: EmailData, contact: string): string;
}

const due = (data: EmailData) => formatGovukDateTime(data.dueAt);
const dueInFull = (data: EmailData) => formatGovukDateTime(data.dueAt, { weekday: true });
const requestOf = (data: EmailData): RequestEmailData => {
  if (!data.request) throw new Error('request is required');
  return data.request;
};

/** The period under review, once agreed: agencies look at their records for it. */
function periodFact(data: EmailData): Facts {
  const terms = requestOf(data).termsOfReference;
  return terms ? [['Period under review', `${formatGovukIsoDate(terms.periodFrom)} to ${formatGovukIsoDate(terms.periodTo)}`]] : [];
}

const askIfLate = (contact: string) => `If you cannot meet the date, contact ${contact} to agree a new one.`;

/** "scoping" or "IMR": which request a withdrawal withdrew, read from the clock it cancelled. */
const withdrawnRequest = (data: EmailData) => (data.deadlineKind === 'scoping_return' ? 'scoping' : 'IMR');

const REQUESTS: Record<RequestKind, RequestWording> = {
  scoping: {
    subject: (data, agency) => `scoping return requested from ${agency}, due ${due(data)}`,
    name: (_data, agency) => `scoping request to ${agency}`,
    short: () => 'scoping request',
    intro: (data, agency) => [
      `For Domestic Homicide Review ${data.reference}, ${data.partnership.name} asks ${agency} ` +
        'whether it had any contact with the people involved (a scoping return).',
    ],
    facts: (data, agency) => [
      ['What is asked', `A scoping return from ${agency}: whether your agency knew the people involved, and how`],
      ['Review', data.reference],
      ...periodFact(data),
      ['Due', dueInFull(data)],
    ],
    whatToDo: (_data, contact) =>
      "Check your agency's records for any contact with the people involved, then send your scoping return through the review page. " +
      `You can also find it on Requests to my agency. ${askIfLate(contact)}`,
  },
  imr: {
    subject: (data, agency) => `IMR requested from ${agency}, due ${due(data)}`,
    name: (_data, agency) => `IMR request to ${agency}`,
    short: () => 'IMR request',
    intro: (data, agency) => [
      `${data.partnership.name} asks ${agency} for an Individual Management Review (IMR) and a chronology ` +
        `for Domestic Homicide Review ${data.reference}.`,
    ],
    facts: (data, agency) => [
      ['What is asked', `An Individual Management Review (IMR) and chronology from ${agency}`],
      ['Review', data.reference],
      ...periodFact(data),
      ['Due', dueInFull(data)],
    ],
    whatToDo: (_data, contact) =>
      "Write your agency's IMR and a chronology of its contact with the people involved in the period under review, " +
      `and upload them on the review page or from Requests to my agency. ${askIfLate(contact)}`,
  },
  action: {
    subject: (data, agency) => `new action for ${agency}, due ${due(data)}`,
    name: (_data, agency) => `new action for ${agency}`,
    short: () => 'new action',
    intro: (data, agency) => [`An action for ${agency} has been agreed in the action plan of Domestic Homicide Review ${data.reference}.`],
    facts: (data, agency) => [
      ['What is asked', `An action-plan item owned by ${agency}`],
      ...actionFact(data),
      ['Review', data.reference],
      ['Due', dueInFull(data)],
    ],
    whatToDo: (_data, contact) =>
      `Carry out the action, then record it complete on the review page or from Requests to my agency. ${askIfLate(contact)}`,
  },
  panel: {
    subject: (_data, agency) => `${agency} invited to join the review panel`,
    name: (_data, agency) => `panel invitation to ${agency}`,
    short: () => 'panel invitation',
    intro: (data, agency) => [
      `${data.partnership.name} invites ${agency} to sit on the panel of Domestic Homicide Review ${data.reference}.`,
    ],
    facts: (data, agency) => [
      ['What is asked', `${agency} to be a member of the review panel`],
      ['Review', data.reference],
      ...periodFact(data),
    ],
    whatToDo: (_data, contact) =>
      `Tell ${contact} who will represent your agency on the panel. Panel meeting invitations, and any request for your agency's ` +
      'records, will follow by email; you will find them on Requests to my agency too.',
  },
  extension: {
    subject: (data, agency) => `${deadlineWording(data.deadlineKind).subjectItem(agency || undefined)} now due ${due(data)}`,
    name: (data, agency) => `new due date of the ${deadlineWording(data.deadlineKind).subjectItem(agency || undefined)}`,
    short: () => 'new due date',
    intro: (data, agency) => [
      `A new due date has been agreed for ${deadlineWording(data.deadlineKind).describe(agency || undefined)} ` +
        `in Domestic Homicide Review ${data.reference}.`,
    ],
    facts: (data, agency) => {
      const request = requestOf(data);
      return [
        ['What is due', capitalise(deadlineWording(data.deadlineKind).describe(agency || undefined))],
        ...actionFact(data),
        ['Review', data.reference],
        ['Now due', dueInFull(data)],
        ...(request.previousDueAt ? [['Was due', formatGovukDateTime(request.previousDueAt, { weekday: true })] as const] : []),
        ...(request.reason ? [['Reason', quoted(request.reason)] as const] : []),
      ];
    },
    whatToDo: (data) => {
      const doer = data.recipientRole !== undefined && deadlineWording(data.deadlineKind).doers.includes(data.recipientRole);
      return doer
        ? 'Work to the new date: the reminders now come before it, and nothing is sent about the old one.'
        : 'Nothing is needed from you now: the reminders and any escalation follow the new date, and nothing is sent about the old one.';
    },
  },
  withdrawal: {
    subject: (data, agency) => `${withdrawnRequest(data)} request to ${agency} withdrawn`,
    name: (data, agency) => `withdrawal of the ${withdrawnRequest(data)} request to ${agency}`,
    short: (data) => `withdrawal of the ${withdrawnRequest(data)} request`,
    intro: (data, agency) => [
      `The request to ${agency} for ${data.deadlineKind === 'scoping_return' ? 'a scoping return' : 'an Individual Management Review (IMR) and chronology'} ` +
        `in Domestic Homicide Review ${data.reference} has been withdrawn. It is no longer needed, and no more reminders will be sent about it.`,
    ],
    facts: (data, agency) => {
      const reason = requestOf(data).reason;
      return [
        ['What was asked', capitalise(deadlineWording(data.deadlineKind).describe(agency))],
        ['Review', data.reference],
        ['Was due', dueInFull(data)],
        ...(reason ? [['Reason', quoted(reason)] as const] : []),
      ];
    },
    whatToDo: (_data, contact) =>
      `Nothing more is needed from your agency for this request. If work on it is under way and you think it would still help the review, contact ${contact}.`,
  },
};

const agencyOf = (data: EmailData) => data.agencyName ?? 'your agency';

/** The email to an agency's contacts about a request: what is asked, by when, how to respond and whom to contact. */
function renderRequest(kind: RequestKind, data: EmailData, reviewUrl: string): RenderedEmail {
  if (requestOf(data).kind !== kind) throw new Error(`request.kind must be ${kind}`);
  const wording = REQUESTS[kind];
  const agency = kind === 'extension' ? (data.agencyName ?? '') : agencyOf(data);
  const agencyContact = data.recipientRole === 'agency_contact';
  return composeEmail({
    reference: data.reference,
    subjectSummary: wording.subject(data, agency),
    recipientName: data.recipientName,
    intro: wording.intro(data, agency),
    facts: wording.facts(data, agency),
    whatToDo: wording.whatToDo(data, contactPhrase(data.partnership)),
    reviewUrl,
    links: agencyContact ? [{ label: 'Requests to my agency', url: requestsUrl(data.publicUrl) }] : [],
    partnership: data.partnership,
  });
}

/**
 * request.undelivered — to the coordinators, when the agency a request (or a change to one) is
 * for has no contact on the system: the same facts, and that they must send it themselves.
 */
export const renderRequestUndelivered: TemplateRenderer = (data, reviewUrl) => {
  const wording = REQUESTS[requestOf(data).kind];
  const agency = agencyOf(data);
  const name = wording.name(data, agency);
  return composeEmail({
    reference: data.reference,
    subjectSummary: `${name} not sent: no agency contact on the system`,
    recipientName: data.recipientName,
    intro: [
      `${agency} has no agency contact on this system, so this ${wording.short(data)} could not be emailed to them. ` +
        'Send it to them yourself. This is what it says:',
    ],
    facts: wording.facts(data, agency),
    whatToDo:
      `Send the ${name} yourself (by email, letter or phone), with the details above. ` +
      `So that the system can email ${agency} directly from now on, invite their contact as an agency contact in Administration.`,
    reviewUrl,
    partnership: data.partnership,
  });
};

export const renderScopingRequest: TemplateRenderer = (data, url) => renderRequest('scoping', data, url);
export const renderImrRequest: TemplateRenderer = (data, url) => renderRequest('imr', data, url);
export const renderActionRequest: TemplateRenderer = (data, url) => renderRequest('action', data, url);
export const renderPanelInvitation: TemplateRenderer = (data, url) => renderRequest('panel', data, url);
export const renderDeadlineExtended: TemplateRenderer = (data, url) => renderRequest('extension', data, url);
export const renderRequestWithdrawn: TemplateRenderer = (data, url) => renderRequest('withdrawal', data, url);
