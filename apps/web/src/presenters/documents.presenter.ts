import { whyNotShareable } from '@dhr/access';
import type { DocumentHistoryView } from '@dhr/documents';
import type { Role } from '@dhr/identity';
import { dateTime } from './timeline.presenter';

/** Document kinds in words, with the jargon explained. */
export const DOCUMENT_TYPE_WORDS: Record<string, string> = {
  imr: 'IMR (individual management review)',
  chronology: 'Chronology',
  overview_report: 'Overview report draft',
  executive_summary: 'Executive summary draft',
  action_plan: 'Action plan',
  terms_of_reference: 'Terms of reference',
  home_office_feedback: 'Home Office feedback',
  letter: 'Letter',
  minutes: 'Meeting minutes',
  other: 'Other document',
};

/** The order kinds are listed in: what agencies send, then the drafts, then the rest. */
const KIND_ORDER = Object.keys(DOCUMENT_TYPE_WORDS);

/** "850 bytes", "12 KB", "3.4 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Who may share papers with the panel in the pages: the review's coordinators and its own chair (as the documents lib). */
export function maySharePapers(role: Role): boolean {
  return role === 'coordinator' || role === 'independent_chair';
}

/**
 * The "Share with the panel" / "Stop sharing with the panel" button of a document, for those who
 * may share: none for a document that may never be shared (an agency's own) unless it somehow is.
 */
function shareButton(reviewId: string, d: DocumentHistoryView, mayShare: boolean) {
  if (!mayShare) return null;
  const shared = d.sharedWithPanel !== null;
  if (!shared && whyNotShareable(d) !== null) return null;
  return {
    action: `/reviews/${reviewId}/documents/${d.id}/sharing`,
    withPanel: shared ? 'false' : 'true',
    label: shared ? 'Stop sharing with the panel' : 'Share with the panel',
  };
}

/**
 * The documents as the page lists them: grouped by kind in words, each with its agency, title,
 * whether it is shared with the panel (and, for those who may share, by whom and when, with the
 * button to share it or stop) and every version (number, who uploaded it by name, when, size)
 * with its download link.
 */
export function documentGroups(
  reviewId: string,
  documents: DocumentHistoryView[],
  names: { user(id: string): string | null; agency(id: string | null): string | null },
  options: { mayShare?: boolean } = {},
) {
  const kinds = [...new Set(documents.map((d) => d.type))].sort((a, b) => rank(a) - rank(b));
  return kinds.map((kind) => ({
    kind,
    heading: DOCUMENT_TYPE_WORDS[kind] ?? 'Other document',
    documents: documents
      .filter((d) => d.type === kind)
      .map((d) => ({
        title: d.title ?? DOCUMENT_TYPE_WORDS[d.type] ?? 'Document',
        agency: names.agency(d.agencyId) ?? 'Not for one agency',
        anchor: `document-${d.id}`,
        sharedWithPanel: d.sharedWithPanel !== null,
        sharedBy:
          d.sharedWithPanel && options.mayShare
            ? `Shared with the panel by ${names.user(d.sharedWithPanel.by) ?? 'a former user'} on ${dateTime(d.sharedWithPanel.at)}`
            : null,
        share: shareButton(reviewId, d, options.mayShare ?? false),
        versions: d.versions.map((v) => ({
          version: v.version,
          uploadedBy: names.user(v.uploadedBy) ?? 'A former user',
          uploadedAt: dateTime(v.uploadedAt),
          size: fileSize(v.size),
          href: `/reviews/${reviewId}/documents/${d.id}/versions/${v.version}`,
        })),
      })),
  }));
}

function rank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

/**
 * The upload links this person is offered (the pages themselves are another part of the web
 * app): every role that sees a review may upload a document (agency contacts their own agency's
 * IMR and chronology, as the documents lib allows); drafts are for the chair and the coordinator.
 */
export function uploadLinks(role: Role, reviewId: string) {
  return {
    document: role !== 'admin' ? `/reviews/${reviewId}/documents/upload` : null,
    draft: role === 'independent_chair' || role === 'coordinator' ? `/reviews/${reviewId}/drafts` : null,
  };
}
