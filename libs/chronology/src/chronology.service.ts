import { Injectable } from '@nestjs/common';
import type { FieldChanges } from '@dhr/audit';
import { DomainError } from '@dhr/core';
import { DocumentsService } from '@dhr/documents';
import type { Actor } from '@dhr/identity';
import { AuditDetails, ReviewFile, ReviewTx } from '@dhr/reviews';
import { chronologyCsv, chronologyXlsx, ExportFile } from './chronology-export';
import { ChronologySource, MergedChronology, mergeChronologies } from './chronology-merge';
import { isMergeable, parseChronology } from './chronology-parser';
import {
  ChronologyExportFormat,
  ChronologyNotMergedView,
  ChronologyProblemView,
  ChronologyView,
  MAX_LISTED_PROBLEMS,
} from './chronology.view';

interface Merge {
  merged: MergedChronology;
  sources: ChronologySource[];
  notMerged: ChronologyNotMergedView[];
  problems: ChronologyProblemView[];
}

export interface ChronologyDownload extends ExportFile {
  fileName: string;
}

/**
 * The combined chronology of a review: the latest version of each chronology document, read and merged on
 * every request (nothing is stored). Agency contacts get their own agency's documents only.
 */
@Injectable()
export class ChronologyService {
  constructor(
    private readonly file: ReviewFile,
    private readonly documents: DocumentsService,
  ) {}

  view(actor: Actor, reviewId: string): Promise<ChronologyView> {
    return this.read(actor, reviewId, async (tx) => {
      const merge = await this.merge(tx);
      await tx.audit('chronology.read', auditedMerge(merge));
      return {
        entries: merge.merged.entries.map((e) => ({ ...e, date: e.date.iso })),
        duplicatesRemoved: merge.merged.duplicatesRemoved,
        sources: merge.sources.map((s) => ({ documentId: s.documentId, agencyId: s.agencyId, version: s.version, rows: s.rows.length })),
        notMerged: merge.notMerged,
        problems: merge.problems.slice(0, MAX_LISTED_PROBLEMS),
        problemCount: merge.problems.length,
      };
    });
  }

  download(actor: Actor, reviewId: string, format: ChronologyExportFormat): Promise<ChronologyDownload> {
    return this.read(actor, reviewId, async (tx) => {
      const merge = await this.merge(tx);
      const file = format === 'xlsx' ? await chronologyXlsx(merge.merged.entries) : chronologyCsv(merge.merged.entries);
      await tx.audit('chronology.export', auditedMerge(merge, format));
      return { ...file, fileName: `chronology-${safeReference(tx.reference)}.${file.extension}` };
    });
  }

  private read<T>(actor: Actor, reviewId: string, work: (tx: ReviewTx) => Promise<T>): Promise<T> {
    if (actor.role === 'admin') throw DomainError.forbidden('administrators read no review content');
    return this.file.read(actor, reviewId, {}, work);
  }

  private async merge(tx: ReviewTx): Promise<Merge> {
    const latest = await this.documents.readLatest(tx.manager, tx.review.id, {
      types: ['chronology'],
      ...(tx.access === 'agency' ? { agencyId: tx.actor.agencyId! } : {}),
    });
    const sources: ChronologySource[] = [];
    const notMerged: ChronologyNotMergedView[] = [];
    const problems: ChronologyProblemView[] = [];
    for (const { document, version, bytes } of latest) {
      const from = { documentId: document.id, agencyId: document.agencyId, version: version.version };
      if (!isMergeable(version.mediaType)) {
        notMerged.push({ ...from, mediaType: version.mediaType, reason: 'only CSV and XLSX chronologies can be merged' });
        continue;
      }
      // Versions stored before the upload check, or rows that failed it since, are reported, never dropped silently.
      const parsed = await parseChronology(bytes, version.mediaType, tx.now);
      sources.push({ ...from, rows: parsed.rows });
      problems.push(...parsed.problems.map((p) => ({ documentId: document.id, version: version.version, ...p })));
    }
    return { merged: mergeChronologies(sources), sources, notMerged, problems };
  }
}

/** Which versions were merged (ids, versions, counts): never the rows themselves. */
function auditedMerge(merge: Merge, format?: ChronologyExportFormat): AuditDetails {
  const changes: FieldChanges = {
    merged: { before: null, after: merge.sources.map((s) => ({ documentId: s.documentId, version: s.version, rows: s.rows.length })) },
    notMerged: { before: null, after: merge.notMerged.map((n) => ({ documentId: n.documentId, version: n.version })) },
    entries: { before: null, after: merge.merged.entries.length },
    duplicatesRemoved: { before: null, after: merge.merged.duplicatesRemoved },
    problems: { before: null, after: merge.problems.length },
    ...(format ? { format: { before: null, after: format } } : {}),
  };
  return { changes };
}

/** The review reference as a file name part (references are `DHR-<code>-<year>-<nnn>`; anything else is replaced). */
function safeReference(reference: string): string {
  return reference.replace(/[^A-Za-z0-9._-]/g, '_');
}
