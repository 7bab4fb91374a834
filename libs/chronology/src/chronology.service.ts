import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ReviewAccess } from '@dhr/access';
import { AuditWriter, FieldChanges } from '@dhr/audit';
import { ApiError, Clock, inTransaction } from '@dhr/core';
import { DocumentsService } from '@dhr/documents';
import type { Actor } from '@dhr/identity';
import { auditReview, findVisibleReview, ReviewEntity } from '@dhr/reviews';
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
  review: ReviewEntity;
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
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: DocumentsService,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  view(actor: Actor, reviewId: string): Promise<ChronologyView> {
    return inTransaction(this.db, async (manager) => {
      const merge = await this.merge(manager, actor, reviewId);
      await this.record(manager, actor, 'chronology.read', merge);
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
    return inTransaction(this.db, async (manager) => {
      const merge = await this.merge(manager, actor, reviewId);
      const file = format === 'xlsx' ? await chronologyXlsx(merge.merged.entries) : chronologyCsv(merge.merged.entries);
      await this.record(manager, actor, 'chronology.export', merge, format);
      return { ...file, fileName: `chronology-${safeReference(merge.review.reference)}.${file.extension}` };
    });
  }

  private async merge(manager: EntityManager, actor: Actor, reviewId: string): Promise<Merge> {
    const { review, access } = await this.findVisible(manager, actor, reviewId);
    const latest = await this.documents.readLatest(manager, review.id, {
      types: ['chronology'],
      ...(access === 'agency' ? { agencyId: actor.agencyId! } : {}),
    });
    const now = this.clock.now();
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
      const parsed = await parseChronology(bytes, version.mediaType, now);
      sources.push({ ...from, rows: parsed.rows });
      problems.push(...parsed.problems.map((p) => ({ documentId: document.id, version: version.version, ...p })));
    }
    return { review, merged: mergeChronologies(sources), sources, notMerged, problems };
  }

  private async findVisible(manager: EntityManager, actor: Actor, id: string): Promise<{ review: ReviewEntity; access: ReviewAccess }> {
    if (actor.role === 'admin') throw ApiError.forbidden('administrators read no review content');
    return findVisibleReview(manager, actor, id);
  }

  /** Which versions were merged (ids, versions, counts): never the rows themselves. */
  private record(manager: EntityManager, actor: Actor, action: string, merge: Merge, format?: ChronologyExportFormat): Promise<void> {
    const changes: FieldChanges = {
      merged: { before: null, after: merge.sources.map((s) => ({ documentId: s.documentId, version: s.version, rows: s.rows.length })) },
      notMerged: { before: null, after: merge.notMerged.map((n) => ({ documentId: n.documentId, version: n.version })) },
      entries: { before: null, after: merge.merged.entries.length },
      duplicatesRemoved: { before: null, after: merge.merged.duplicatesRemoved },
      problems: { before: null, after: merge.problems.length },
      ...(format ? { format: { before: null, after: format } } : {}),
    };
    return auditReview(this.audit, manager, actor, this.clock.now(), {
      action,
      partnershipId: merge.review.partnershipId,
      reviewId: merge.review.id,
      entity: 'review',
      entityId: merge.review.id,
      changes,
    });
  }
}

/** The review reference as a file name part (references are `DHR-<code>-<year>-<nnn>`; anything else is replaced). */
function safeReference(reference: string): string {
  return reference.replace(/[^A-Za-z0-9._-]/g, '_');
}
