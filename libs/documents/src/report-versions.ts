// Which versions of the report an event is about (v3): CSP_SIGN_OFF, SUBMIT_TO_HOME_OFFICE
// and PUBLISH name the overview report, executive summary and action plan, each at a
// version; a part not named is the draft the chair submitted last (else the newest
// document of its type), at its latest version.
// PUBLISH must publish what the Home Office approved, or a later version with the
// amendments listed.
import type { EntityManager } from 'typeorm';
import { DomainError } from '@dhr/core';
import type { DhrContext, DhrEvent, DocumentVersionRef, ReportPart, ReportVersions } from '@dhr/workflows/dhr/contract';
import { REPORT_PARTS } from '@dhr/workflows/dhr/contract';
import type { DocumentType } from './document-types';
import { DocumentEntity, DocumentVersionEntity } from './document.entities';

export const REPORT_PART_TYPES: Record<ReportPart, DocumentType> = {
  overviewReport: 'overview_report',
  executiveSummary: 'executive_summary',
  actionPlan: 'action_plan',
};

const PART_WORDS: Record<ReportPart, string> = {
  overviewReport: 'overview report',
  executiveSummary: 'executive summary',
  actionPlan: 'action plan',
};

type ReportEvent = Extract<DhrEvent, { type: 'CSP_SIGN_OFF' | 'SUBMIT_TO_HOME_OFFICE' | 'PUBLISH' }>;
type GivenVersions = Partial<Record<ReportPart, { documentId: string; version?: number }>>;

export function namesReportVersions(event: DhrEvent): event is ReportEvent {
  return event.type === 'CSP_SIGN_OFF' || event.type === 'SUBMIT_TO_HOME_OFFICE' || event.type === 'PUBLISH';
}

/** The event with every part resolved to a document version (or null), checked against the review's file. */
export async function withReportVersions(
  manager: EntityManager,
  reviewId: string,
  event: ReportEvent,
  context: DhrContext,
): Promise<ReportEvent> {
  const given = (event.documents ?? {}) as GivenVersions;
  const docs = await manager.getRepository(DocumentEntity).find({
    where: REPORT_PARTS.map((part) => ({ reviewId, type: REPORT_PART_TYPES[part] })),
    order: { createdAt: 'DESC', id: 'DESC' },
  });
  const versions = await latestVersionNumbers(
    manager,
    docs.map((d) => d.id),
  );
  const publishedIds = event.type === 'PUBLISH' ? (event.documentIds ?? []) : [];
  const documents = {} as ReportVersions;
  for (const part of REPORT_PARTS) {
    const ofType = docs.filter((d) => d.type === REPORT_PART_TYPES[part]);
    const named = given[part];
    if (named) {
      if (!ofType.some((d) => d.id === named.documentId)) {
        throw DomainError.field(`documents.${part}.documentId`, `no ${REPORT_PART_TYPES[part]} document with this id in the review`);
      }
      const latest = versions.get(named.documentId) ?? 0;
      if (named.version !== undefined && named.version > latest)
        throw DomainError.field(`documents.${part}.version`, 'the document has no such version');
      documents[part] = { documentId: named.documentId, version: named.version ?? latest };
      continue;
    }
    // PUBLISH's list of published documents, then the draft the chair submitted last, then the newest document of the type.
    const lastDraft = [...context.drafts].reverse().find((draft) => ofType.some((d) => d.id === draft.documentId));
    const chosen = ofType.find((d) => publishedIds.includes(d.id)) ?? ofType.find((d) => d.id === lastDraft?.documentId) ?? ofType[0];
    documents[part] = chosen && versions.has(chosen.id) ? { documentId: chosen.id, version: versions.get(chosen.id)! } : null;
  }
  if (event.type === 'PUBLISH') assertPublishesWhatWasApproved(documents, context.report?.approved ?? null, event.amendments);
  return { ...event, documents };
}

/** Published: each approved part, at the approved version, or a later one with the amendments listed. */
function assertPublishesWhatWasApproved(published: ReportVersions, approved: ReportVersions | null, amendments: string | undefined): void {
  if (!approved) return;
  let amended: string | null = null;
  for (const part of REPORT_PARTS) {
    const ok = approved[part];
    if (!ok) continue;
    const out = published[part];
    const approvedWords = `the Home Office approved the ${PART_WORDS[part]} at version ${ok.version}`;
    if (!out) throw DomainError.field(`documents.${part}`, `${approvedWords}: publish that version or a later one`);
    if (out.documentId === ok.documentId && out.version < ok.version) {
      throw DomainError.field(`documents.${part}.version`, `${approvedWords}: publish that version or a later one`);
    }
    if (!sameVersion(out, ok)) amended ??= approvedWords;
  }
  if (amended && !amendments) throw DomainError.field('amendments', `${amended}: list the amendments made since then`);
}

function sameVersion(a: DocumentVersionRef, b: DocumentVersionRef): boolean {
  return a.documentId === b.documentId && a.version === b.version;
}

async function latestVersionNumbers(manager: EntityManager, documentIds: string[]): Promise<Map<string, number>> {
  if (documentIds.length === 0) return new Map();
  const rows: { document_id: string; version: number }[] = await manager
    .getRepository(DocumentVersionEntity)
    .createQueryBuilder('v')
    .select('v.document_id', 'document_id')
    .addSelect('MAX(v.version)', 'version')
    .where('v.document_id IN (:...ids)', { ids: documentIds })
    .groupBy('v.document_id')
    .getRawMany();
  return new Map(rows.map((r) => [r.document_id, Number(r.version)]));
}
