import type { DeadlineKind } from '@dhr/workflows/dhr/contract';
import { deadlineWording, isAgencyDeadline } from './deadline-wording';
import type { EmailPartnership } from './email-data';

/** Where a deadline stands when the email goes: before it falls due, or past it. */
export type DeadlinePhase = 'due' | 'overdue';

/**
 * Whom "contact … to agree a new date" means: the partnership's named contact, or its DHR
 * coordinator. (The email's "Who to contact" gives the addresses.)
 */
export function contactPhrase(partnership: EmailPartnership): string {
  const [first] = partnership.contacts;
  return first && !partnership.contactIsCoordinators ? first.name : 'the DHR coordinator';
}

/**
 * "What to do" about a deadline, worded for the person reading it: the people whose work it is
 * are told to do it; the coordinator to chase it, agree a new date and record it (never to "raise
 * it with the DHR coordinator"); the CSP chair what a chair can do; anyone else what it means
 * for them.
 */
export function deadlineWhatToDo(args: {
  kind: DeadlineKind;
  phase: DeadlinePhase;
  role: string | undefined;
  agencyName?: string;
  partnership: EmailPartnership;
}): string {
  const { kind, phase, role, agencyName } = args;
  const wording = deadlineWording(kind);
  const contact = contactPhrase(args.partnership);
  const overdue = phase === 'overdue';
  const agencyDeadline = isAgencyDeadline(kind);
  const who = wording.owner(agencyName);

  if (role && wording.doers.includes(role)) {
    const first = overdue ? `It is overdue. ${wording.ownerAction}` : wording.ownerAction;
    if (role === 'agency_contact') return `${first} If you cannot meet the date, contact ${contact} to agree a new one.`;
    if (role === 'independent_chair')
      return `${first} If more time is needed, agree a new date with the DHR coordinator and record it in the review.`;
    return overdue ? `${first} If a new date has been agreed, record it in the review so that the reminders follow it.` : first;
  }
  switch (role) {
    case 'coordinator':
      if (agencyDeadline && !overdue) {
        // An agency's reminders come to the coordinators only when nobody at the agency can be emailed.
        return `Nobody at ${agencyName ?? 'the agency'} can be emailed from this system, so this reminder comes to you: pass it on to them, and record it in the review when it is done.`;
      }
      return overdue
        ? `Contact ${who} and agree a new date, then record the new date in the review so that the reminders follow it. If it has been done, record it in the review so that the deadline is closed.`
        : `Check with ${who} that it will be done by then. If it has been done, record it in the review so that the deadline is closed.`;
    case 'csp_chair':
      return overdue
        ? `As chair of the Community Safety Partnership, you can raise the delay with ${agencyDeadline ? `the senior managers of ${agencyName ?? 'the agency'}` : who}, and ask the DHR coordinator to agree a new date with them and record it in the review.`
        : 'No action is needed from you: this is for your information.';
    case 'independent_chair':
      return overdue
        ? `This is for ${who} to do. As the review's independent chair you can ask them when it will be done; the DHR coordinator records any new date.`
        : `This is for ${who} to do: no action is needed from you unless they ask.`;
    case 'agency_contact':
      return `This is for ${who} to do: no action is needed from you. If you have questions, contact ${contact}.`;
    default:
      return 'Open the review to see the deadline and who is responsible for it.';
  }
}
