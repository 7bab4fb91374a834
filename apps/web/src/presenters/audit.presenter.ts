import { AuditContent, AuditEntryView, hashEntry } from '@dhr/audit';
import { eventWords, dateTime } from './timeline.presenter';

/** What each audited action means, in words. Events of the review are worded as the timeline words them. */
const ACTION_WORDS: Record<string, string> = {
  'review.create': 'Recorded the notification',
  'review.read': 'Looked at the review',
  'review.list': 'Listed reviews',
  'review.history.read': 'Looked at the timeline',
  'review.deadlines.read': 'Looked at the deadlines',
  'review.audit.read': 'Looked at the audit trail',
  'review.workflow_migrated': 'Moved the review to a newer version of the process',
  'document.upload': 'Uploaded a document',
  'document.version': 'Uploaded a new version of a document',
  'document.list': 'Looked at the documents',
  'document.read': 'Downloaded a document',
  'document.share': 'Shared a document with the panel',
  'document.unshare': 'Stopped sharing a document with the panel',
  'chronology.read': 'Looked at the chronology',
  'chronology.export': 'Downloaded the chronology',
  'family_member.create': 'Added a family member',
  'family_member.update': 'Changed a family member',
  'family_member.list': 'Looked at the family members',
  'family_contact.create': 'Recorded a contact with the family',
  'family_contact.list': 'Looked at the family contact log',
  'meeting.schedule': 'Scheduled a meeting',
  'meeting.update': 'Changed a meeting',
  'meeting.cancel': 'Cancelled a meeting',
  'meeting.minutes': 'Linked the minutes of a meeting',
  'meeting.list': 'Looked at the meetings',
  'recommendation.create': 'Added a recommendation',
  'recommendation.update': 'Changed a recommendation',
  'action_plan.read': 'Looked at the action plan',
  'action_plan.export': 'Downloaded the action plan',
  'recommendations.export': 'Downloaded the partnership’s recommendations',
  'identifying_terms.read': 'Looked at the identifying terms',
  'identifying_terms.replace': 'Changed the identifying terms',
  'identifying_terms.accept': 'Accepted an identifying term in a document',
  'identifying_terms.withdraw_acceptance': 'Withdrew an accepted identifying term',
  'anonymisation.check': 'Ran the anonymisation check',
};

export function auditActionWords(action: string): string {
  if (action.startsWith('review.event.')) return eventWords(action.slice('review.event.'.length));
  return ACTION_WORDS[action] ?? 'Something else';
}

type SealedView = AuditEntryView & { seq: number; prevHash: string; hash: string };

function contentOf(entry: SealedView): AuditContent {
  const { id: _id, prevHash: _prev, hash: _hash, ...content } = entry;
  return content;
}

/**
 * A cheap check of the review's own entries: each hashes to its stored hash (else it was edited),
 * and each entry directly following another of these names that entry's hash (else one was
 * replaced). The whole chain, with the entries of other reviews between, is the administrators'
 * check (GET /api/audit/verify); this one needs only the rows already read. An entry committed
 * a moment ago may not be sealed into its chain yet: it is checked once sealed.
 */
export function entriesVerified(entries: AuditEntryView[]): boolean {
  const sealed = entries.filter((e): e is SealedView => e.seq !== null && e.prevHash !== null && e.hash !== null);
  const bySeq = new Map(sealed.map((e) => [`${e.chain}:${e.seq}`, e]));
  return sealed.every((e) => {
    if (hashEntry(e.prevHash, contentOf(e)) !== e.hash) return false;
    const before = bySeq.get(`${e.chain}:${e.seq - 1}`);
    return !before || before.hash === e.prevHash;
  });
}

/** One page of the trail, newest first: when, who by name, what in words. */
export function auditRows(entries: AuditEntryView[], userName: (id: string | null) => string | null) {
  return entries.map((e) => ({
    when: dateTime(e.recordedAt),
    timestamp: e.recordedAt,
    who: e.actorId ? (userName(e.actorId) ?? 'A former user') : 'The service',
    what: auditActionWords(e.action),
  }));
}
