import type { DocumentType } from '@dhr/documents';
import type { Role } from '@dhr/identity';
import type { VisibleReview } from '@dhr/reviews';
import type { UploadProblem } from '../routes/documents/web-upload.interceptor';
import { formErrors, FormErrors } from './form-errors';

/** What each kind of document is called on the pages. */
export const DOCUMENT_TYPE_WORDS: Record<DocumentType, string> = {
  imr: 'IMR (individual management review)',
  chronology: 'Chronology',
  overview_report: 'Overview report',
  executive_summary: 'Executive summary',
  action_plan: 'Action plan',
  terms_of_reference: 'Terms of reference',
  home_office_feedback: 'Home Office feedback',
  letter: 'Letter',
  minutes: 'Minutes of a meeting',
  other: 'Something else',
};

const ALL_TYPES = Object.keys(DOCUMENT_TYPE_WORDS) as DocumentType[];
/** An agency's own documents, which may come in several files. */
const AGENCY_TYPES: DocumentType[] = ['imr', 'chronology'];
export const DRAFT_TYPES: DocumentType[] = ['overview_report', 'executive_summary'];

/** The kinds this person may upload to this review, as the API allows: an agency contact their agency's IMR and chronology (once on the panel). */
export function uploadKinds(role: Role, review: VisibleReview, agencyId: string | null): DocumentType[] {
  if (role === 'agency_contact') return review.panel.some((p) => p.agencyId === agencyId) ? AGENCY_TYPES : [];
  return ALL_TYPES;
}

/** Several files at once only for an agency's IMR or chronology; every other document is one file. */
export const takesManyFiles = (type: DocumentType) => AGENCY_TYPES.includes(type);
/** Whose document it is: an IMR or chronology names its agency. */
export const needsAgency = (type: DocumentType) => AGENCY_TYPES.includes(type);

export interface UploadValues {
  type?: string;
  agencyId?: string;
  title?: string;
}

export interface UploadChoice {
  type: DocumentType;
  /** An agency contact's own agency, or the agency chosen; null for a review-wide document. */
  agencyId: string | null;
  title: string | undefined;
}

/** The size limit in words: "25MB". */
export function sizeInWords(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Math.floor(mb)}MB` : `${Math.max(1, Math.floor(bytes / 1024))}KB`;
}

const FILE_KINDS = 'a PDF, Word (DOCX), Excel (XLSX), OpenDocument (ODT), CSV or plain text file';

/** The messages GOV.UK would write for each problem with an upload, by field. */
export const UPLOAD_MESSAGES = {
  type: 'Select what the document is',
  agencyId: 'Select which agency the document is from',
  title: (reason: string) => `The title ${reason}`,
  noFile: 'Select a file to upload',
  oneFile: (type: DocumentType) => `Select one file for ${DOCUMENT_TYPE_WORDS[type].toLowerCase().replace(/^imr/, 'IMR')}`,
  tooMany: (max: number) => `Select up to ${max} files`,
  tooLarge: (limit: number) => `The selected file must be smaller than ${sizeInWords(limit)}`,
  malformed: 'The file could not be read. Try uploading it again',
  wrongType: (which: string) => `${which} must be ${FILE_KINDS}`,
  empty: (which: string) => `${which} is empty`,
};

/** "The selected file", or "File 2" when several were sent. */
export const whichFile = (index: number, count: number) => (count > 1 ? `File ${index + 1}` : 'The selected file');

/** A chronology's line problem in words: "Line 14: the date must be a real date". */
export function lineProblem(problem: { line: number; field: string; reason: string }, index: number, count: number): string {
  const prefix = count > 1 ? `File ${index + 1}, line ${problem.line}` : `Line ${problem.line}`;
  const field = problem.field === 'file' ? 'the file' : `the ${problem.field}`;
  return `${prefix}: ${problem.reason.startsWith('the ') ? problem.reason : `${field} ${problem.reason}`}`;
}

/** Reads the form's choices, or the errors to show (before any file is looked at). */
export function readUploadForm(
  body: Record<string, unknown>,
  fileCount: number,
  problem: UploadProblem | undefined,
  kinds: DocumentType[],
  ownAgencyId: string | null,
  agencyIds: string[],
  limits: { maxBytes: number; maxFiles: number },
): { choice: UploadChoice } | { errors: FormErrors; status: number } {
  const messages: Record<string, string> = {};
  const type = typeof body.type === 'string' && (kinds as string[]).includes(body.type) ? (body.type as DocumentType) : null;
  if (!type) messages.type = UPLOAD_MESSAGES.type;
  let agencyId: string | null = null;
  if (type && needsAgency(type)) {
    agencyId = ownAgencyId ?? (typeof body.agencyId === 'string' && agencyIds.includes(body.agencyId) ? body.agencyId : null);
    if (!agencyId) messages.agencyId = UPLOAD_MESSAGES.agencyId;
  }
  const title = typeof body.title === 'string' && body.title.trim() ? body.title.trim() : undefined;
  if (title && title.length > 200) messages.title = UPLOAD_MESSAGES.title('must be 200 characters or fewer');
  let status = 400;
  if (problem === 'too_large') {
    messages.file = UPLOAD_MESSAGES.tooLarge(limits.maxBytes);
    status = 413;
  } else if (problem === 'too_many') messages.file = UPLOAD_MESSAGES.tooMany(limits.maxFiles);
  else if (problem === 'malformed') messages.file = UPLOAD_MESSAGES.malformed;
  else if (fileCount === 0) messages.file = UPLOAD_MESSAGES.noFile;
  else if (type && fileCount > 1 && !takesManyFiles(type)) messages.file = UPLOAD_MESSAGES.oneFile(type);
  if (Object.keys(messages).length > 0) return { errors: formErrors(messages), status };
  return { choice: { type: type!, agencyId, title } };
}

/** Several messages about the files, all linked to the file input. */
export function fileErrors(texts: string[], inline = texts.join('. ')): FormErrors {
  return { list: texts.map((text) => ({ text, href: '#file' })), field: { file: { text: inline } } };
}

/** The radios: only the kinds this person may upload, with the hint that says which take several files. */
export function typeItems(kinds: DocumentType[], checked: string | undefined) {
  return kinds.map((type) => ({
    value: type,
    text: DOCUMENT_TYPE_WORDS[type],
    checked: checked === type,
    hint: takesManyFiles(type) ? { text: 'You can choose several files at once' } : undefined,
  }));
}

/** The event an upload recorded, as the banner names it. */
const RECORDED_WORDS: Record<string, string> = {
  RECEIVE_IMR: 'IMR received',
  SUBMIT_DRAFT: 'Draft submitted',
};

/** "IMR (individual management review) uploaded (2 files). This recorded: IMR received." */
export function uploadedBanner(type: DocumentType, fileCount: number, recorded: string | null): string {
  const files = fileCount > 1 ? ` (${fileCount} files)` : '';
  const event = recorded ? ` This recorded: ${RECORDED_WORDS[recorded] ?? recorded.toLowerCase().replace(/_/g, ' ')}.` : '';
  return `${DOCUMENT_TYPE_WORDS[type]} uploaded${files}.${event}`;
}
