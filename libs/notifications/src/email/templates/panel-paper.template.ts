import type { EmailData } from '../email-data';
import { composeEmail } from './layout';
import { capitalise, TemplateRenderer } from './template-renderer';

/** Document kinds as an email names them (a fixed code in words: never the document's own title, which is free text). */
const PAPER_WORDS: Record<string, string> = {
  terms_of_reference: 'terms of reference',
  overview_report: 'overview report draft',
  executive_summary: 'executive summary draft',
  action_plan: 'action plan',
  home_office_feedback: 'Home Office feedback',
  letter: 'letter',
  minutes: 'meeting minutes',
  other: 'document',
};

/** Kinds spoken of as plural ("the terms of reference have been shared"). */
const PLURAL_PAPERS = new Set(['terms_of_reference', 'minutes']);

export function paperWords(kind: string | undefined): string {
  return (kind && Object.hasOwn(PAPER_WORDS, kind) ? PAPER_WORDS[kind] : null) ?? 'document';
}

/** The document's place in the review's Documents page: the link carries ids only, never a name. */
export function paperUrl(reviewUrl: string, documentId: string): string {
  return `${reviewUrl}/documents#document-${encodeURIComponent(documentId)}`;
}

/**
 * document.shared — to each agency contact on the panel: the coordinator or the review's chair has
 * shared a document with the panel. A link, never an attachment: the document stays in the system,
 * where every read is recorded.
 */
export const renderPanelPaperShared: TemplateRenderer = (data: EmailData, reviewUrl: string) => {
  const paper = data.sharedDocument;
  if (!paper) throw new Error('sharedDocument is required for document.shared');
  const words = paperWords(paper.kind);
  const plural = PLURAL_PAPERS.has(paper.kind);
  return composeEmail({
    reference: data.reference,
    subjectSummary: `${words} shared with the panel`,
    recipientName: data.recipientName,
    intro: [
      `${paper.kind === 'other' ? 'A document' : `The ${words}`} for Domestic Homicide Review ${data.reference} ${plural ? 'have' : 'has'} been shared with the review panel. ` +
        `You can read ${plural ? 'them' : 'it'} because ${data.agencyName ?? 'your agency'} is on the panel.`,
      'The document is not attached to this email. Sign in to read or download it.',
    ],
    facts: [
      ['Document', capitalise(words)],
      ['Review', data.reference],
    ],
    whatToDo:
      'Read the document before the next panel meeting. Do not forward it or share it with anyone who does not need it for the review. ' +
      `If you have questions about it, contact the review's independent chair or the DHR coordinator.`,
    reviewUrl,
    links: [{ label: 'Read the document', url: paperUrl(reviewUrl, paper.id) }],
    partnership: data.partnership,
  });
};
