import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ReviewAccess } from '@dhr/access';
import { AuditWriter, diffFields, FieldChanges } from '@dhr/audit';
import { ApiError, Clock, findInputProblem, inTransaction } from '@dhr/core';
import type { Actor } from '@dhr/identity';
import { OutboxRelay } from '@dhr/jobs';
import { auditReview, findVisibleReview, ReviewEntity, ReviewsService } from '@dhr/reviews';
import { open, seal, sha256Hex } from './document-crypto';
import { eventForUpload } from './document-events';
import { DocumentStore } from './document-store';
import { DocumentUploadChecks } from './document-upload-checks';
import { AGENCY_DOCUMENT_TYPES, DocumentType } from './document-types';
import { DocumentEntity, DocumentVersionEntity } from './document.entities';
import { documentView, DocumentView } from './document.view';
import { DocumentsConfig } from './documents.config';
import { sanitizeFileName } from './file-name';
import { sniffMediaType } from './media-type';
import type { UploadDocumentDto, UploadedDocumentFile } from './upload-document.dto';

/** One document's version with its verified, decrypted bytes: for domains that read content (merge, scan). */
export interface DocumentVersionContent {
  document: DocumentEntity;
  version: DocumentVersionEntity;
  bytes: Buffer;
}

/** An upload's answer: the stored version and the workflow event it recorded, if any. */
export interface UploadResult extends DocumentView {
  recordedEvent: string | null;
}
interface UploadedDocument extends UploadResult {
  changedClocks: boolean;
}

export interface DocumentContent {
  bytes: Buffer;
  mediaType: string;
  fileName: string | null;
  version: number;
}

interface Prepared {
  versionId: string;
  storageKey: string;
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string | null;
  iv: Buffer;
  authTag: Buffer;
}

/**
 * Review documents: sniffed, encrypted at rest (AES-256-GCM), versioned, and
 * visible by the review access policy (agency contacts: their own agency's only).
 * The encrypted file is written before the metadata transaction and removed if it fails.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('DocumentsService');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: DocumentStore,
    private readonly config: DocumentsConfig,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly checks: DocumentUploadChecks,
    private readonly reviews: ReviewsService,
    private readonly relay: OutboxRelay,
  ) {}

  async upload(actor: Actor, reviewId: string, dto: UploadDocumentDto, file: UploadedDocumentFile | undefined): Promise<UploadResult> {
    const problem = findInputProblem({ title: dto.title }, '');
    if (problem) throw ApiError.field(problem.field, problem.reason);
    const { review, access } = await this.findVisible(this.db.manager, actor, reviewId);
    const upload = requireFile(file);
    const agencyId = dto.agencyId ?? null;
    if (access === 'agency') {
      if (agencyId !== actor.agencyId) throw ApiError.forbidden('agency contacts may upload only for their own agency (agencyId)');
      if (!AGENCY_DOCUMENT_TYPES.includes(dto.type))
        throw ApiError.forbidden('agency contacts may upload only imr and chronology documents');
    } else if (agencyId !== null) {
      const rows = (await this.db.query('SELECT 1 FROM agencies WHERE id = $1 AND partnership_id = $2', [
        agencyId,
        review.partnershipId,
      ])) as unknown[];
      if (rows.length === 0) throw ApiError.field('agencyId', "is not an agency of the review's partnership");
    }
    const prepared = await this.prepareAndStore(review.id, dto.type, upload);
    return this.afterStored(prepared, () =>
      inTransaction(this.db, async (manager) => {
        const now = this.clock.now();
        const doc = manager.getRepository(DocumentEntity).create({
          id: randomUUID(),
          reviewId: review.id,
          type: dto.type,
          agencyId,
          title: dto.title ?? null,
          createdBy: actor.userId,
          createdAt: now,
        });
        await manager.getRepository(DocumentEntity).insert(doc);
        const version = await this.insertVersion(manager, doc.id, 1, prepared, actor, now);
        const view = documentView(doc, version);
        await this.record(manager, actor, now, review, 'document.upload', doc.id, diffFields({}, auditedFields(view)));
        return this.recordWorkflowEvent(manager, actor, review.id, view);
      }),
    ).then((uploaded) => this.relayed(uploaded));
  }

  async addVersion(actor: Actor, reviewId: string, documentId: string, file: UploadedDocumentFile | undefined): Promise<UploadResult> {
    const { review, access } = await this.findVisible(this.db.manager, actor, reviewId, 'document');
    const upload = requireFile(file);
    const doc = await this.findDocument(this.db.manager, actor, access, review.id, documentId);
    if (access === 'agency' && !AGENCY_DOCUMENT_TYPES.includes(doc.type as DocumentType))
      throw ApiError.forbidden('agency contacts may add versions only to imr and chronology documents');
    const prepared = await this.prepareAndStore(review.id, doc.type as DocumentType, upload);
    return this.afterStored(prepared, () =>
      inTransaction(this.db, async (manager) => {
        // The document row lock serialises version numbers: a racing upload waits, then takes the next one.
        const locked = await manager
          .getRepository(DocumentEntity)
          .createQueryBuilder('d')
          .where('d.id = :id', { id: doc.id })
          .setLock('pessimistic_write')
          .getOneOrFail();
        const [{ latest }] = (await manager.query(
          'SELECT coalesce(max(version), 0)::int AS latest FROM document_versions WHERE document_id = $1',
          [doc.id],
        )) as { latest: number }[];
        const now = this.clock.now();
        const version = await this.insertVersion(manager, locked.id, latest + 1, prepared, actor, now);
        const view = documentView(locked, version);
        await this.record(manager, actor, now, review, 'document.version', locked.id, diffFields({}, auditedFields(view)));
        return this.recordWorkflowEvent(manager, actor, review.id, view);
      }),
    ).then((uploaded) => this.relayed(uploaded));
  }

  /**
   * Records the workflow event the upload stands for (an IMR returned, a draft submitted), in the upload's
   * transaction, when the statechart allows it now and the uploader may send it; otherwise the document is just stored.
   */
  private async recordWorkflowEvent(manager: EntityManager, actor: Actor, reviewId: string, view: DocumentView): Promise<UploadedDocument> {
    const event = eventForUpload(
      { documentId: view.id, type: view.type as DocumentType, agencyId: view.agencyId, version: view.version },
      actor,
    );
    const applied = event ? await this.reviews.applyWithin(manager, actor, reviewId, event, { ifAllowed: true }) : null;
    return { ...view, recordedEvent: applied ? (event!.type as string) : null, changedClocks: applied?.changedClocks ?? false };
  }

  /** After commit: alarms for clocks the recorded event changed (the sweep catches anything this misses). */
  private relayed({ changedClocks, ...uploaded }: UploadedDocument): UploadResult {
    if (changedClocks) this.relay.relaySoon();
    return uploaded;
  }

  /** The latest version of every document the caller may see, oldest document first. */
  list(actor: Actor, reviewId: string): Promise<DocumentView[]> {
    return inTransaction(this.db, async (manager) => {
      const { review, access } = await this.findVisible(manager, actor, reviewId);
      const qb = manager.getRepository(DocumentEntity).createQueryBuilder('d').where('d.review_id = :reviewId', { reviewId: review.id });
      if (access === 'agency') qb.andWhere('d.agency_id = :agencyId', { agencyId: actor.agencyId });
      const docs = await qb.orderBy('d.created_at', 'ASC').addOrderBy('d.id').getMany();
      const byDoc = await this.latestVersions(
        manager,
        docs.map((d) => d.id),
      );
      const views = docs.filter((d) => byDoc.has(d.id)).map((d) => documentView(d, byDoc.get(d.id)!));
      await this.record(manager, actor, this.clock.now(), review, 'document.list', null, {
        returned: { before: null, after: views.map((v) => v.id) },
      });
      return views;
    });
  }

  /** The decrypted bytes of one version (the latest without `version`); 409 when the stored file fails its checks. */
  content(actor: Actor, reviewId: string, documentId: string, version?: number): Promise<DocumentContent> {
    return inTransaction(this.db, async (manager) => {
      const { review, access } = await this.findVisible(manager, actor, reviewId, 'document');
      const doc = await this.findDocument(manager, actor, access, review.id, documentId);
      const qb = manager.getRepository(DocumentVersionEntity).createQueryBuilder('v').where('v.document_id = :id', { id: doc.id });
      if (version !== undefined) qb.andWhere('v.version = :version', { version });
      const row = await qb.orderBy('v.version', 'DESC').getOne();
      if (!row) throw ApiError.notFound('document version');
      const bytes = await this.readVerified(row);
      await this.record(manager, actor, this.clock.now(), review, 'document.read', doc.id, {
        version: { before: null, after: row.version },
      });
      return { bytes, mediaType: row.mediaType, fileName: row.fileName, version: row.version };
    });
  }

  /**
   * The latest version of the review's documents of these types (or these ids), decrypted and verified; no
   * access check or audit: the calling domain does both. A version failing its integrity check is a 409.
   */
  async readLatest(
    manager: EntityManager,
    reviewId: string,
    which: { types?: readonly DocumentType[]; ids?: readonly string[]; agencyId?: string },
  ): Promise<DocumentVersionContent[]> {
    const qb = manager.getRepository(DocumentEntity).createQueryBuilder('d').where('d.review_id = :reviewId', { reviewId });
    if (which.types) qb.andWhere('d.type IN (:...types)', { types: which.types.length ? which.types : [''] });
    if (which.ids) qb.andWhere('d.id IN (:...ids)', { ids: which.ids.length ? which.ids : ['00000000-0000-0000-0000-000000000000'] });
    if (which.agencyId) qb.andWhere('d.agency_id = :agencyId', { agencyId: which.agencyId });
    const docs = await qb.orderBy('d.created_at', 'ASC').addOrderBy('d.id').getMany();
    const latest = await this.latestVersions(
      manager,
      docs.map((d) => d.id),
    );
    const out: DocumentVersionContent[] = [];
    for (const document of docs) {
      const version = latest.get(document.id);
      if (version) out.push({ document, version, bytes: await this.readVerified(version) });
    }
    return out;
  }

  /** The latest version row of each of these documents. */
  async latestVersions(manager: EntityManager, documentIds: string[]): Promise<Map<string, DocumentVersionEntity>> {
    if (documentIds.length === 0) return new Map();
    const rows = await manager
      .getRepository(DocumentVersionEntity)
      .createQueryBuilder('v')
      .distinctOn(['v.document_id'])
      .where('v.document_id IN (:...ids)', { ids: documentIds })
      .orderBy('v.document_id')
      .addOrderBy('v.version', 'DESC')
      .getMany();
    return new Map(rows.map((v) => [v.documentId, v]));
  }

  private async readVerified(row: DocumentVersionEntity): Promise<Buffer> {
    const ciphertext = await this.store.get(row.storageKey);
    const plaintext = ciphertext ? open(this.config.key, { ciphertext, iv: row.iv, authTag: row.authTag }) : null;
    if (!plaintext || plaintext.length !== row.size || sha256Hex(plaintext) !== row.sha256) {
      this.logger.warn(`Document version ${row.id} failed its integrity check (${ciphertext ? 'tampered or wrong key' : 'missing'})`);
      throw new ApiError(409, { error: 'document_integrity_failed', message: 'the stored document failed its integrity check' });
    }
    return plaintext;
  }

  /** Sniffs, hashes, encrypts and writes the file; nothing is written for a refused one. */
  private async prepareAndStore(reviewId: string, type: DocumentType, file: UploadedDocumentFile): Promise<Prepared> {
    const fileName = sanitizeFileName(file.originalname);
    const mediaType = sniffMediaType(file.buffer, fileName);
    if (!mediaType)
      throw new ApiError(415, {
        error: 'unsupported_media_type',
        message: 'accepted: PDF, DOCX, XLSX, ODT, CSV (named .csv) and UTF-8 text',
      });
    await this.checks.run({ type, mediaType, bytes: file.buffer });
    const versionId = randomUUID();
    const storageKey = `${reviewId}/${versionId}`;
    const sealed = seal(this.config.key, file.buffer);
    await this.store.put(storageKey, sealed.ciphertext);
    return {
      versionId,
      storageKey,
      sha256: sha256Hex(file.buffer),
      size: file.buffer.length,
      mediaType,
      fileName,
      iv: sealed.iv,
      authTag: sealed.authTag,
    };
  }

  private async afterStored<T>(prepared: Prepared, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      await this.store.delete(prepared.storageKey).catch(() => this.logger.error(`Could not remove orphaned ${prepared.storageKey}`));
      throw error;
    }
  }

  private async insertVersion(
    manager: EntityManager,
    documentId: string,
    version: number,
    p: Prepared,
    actor: Actor,
    now: Date,
  ): Promise<DocumentVersionEntity> {
    const row = manager.getRepository(DocumentVersionEntity).create({
      id: p.versionId,
      documentId,
      version,
      sha256: p.sha256,
      size: p.size,
      mediaType: p.mediaType,
      fileName: p.fileName,
      storageKey: p.storageKey,
      iv: p.iv,
      authTag: p.authTag,
      uploadedBy: actor.userId,
      uploadedAt: now,
    });
    await manager.getRepository(DocumentVersionEntity).insert(row);
    return row;
  }

  /**
   * The review and how much of it the caller may see; 404 when nothing. On a document's own routes the 404
   * names the document either way, so a hidden review and a hidden or missing document answer alike.
   */
  private async findVisible(
    manager: EntityManager,
    actor: Actor,
    id: string,
    notFound: 'review' | 'document' = 'review',
  ): Promise<{ review: ReviewEntity; access: ReviewAccess }> {
    return findVisibleReview(manager, actor, id, { notFound });
  }

  /** A document of the review the caller may see: agency contacts only their own agency's; 404 otherwise. */
  private async findDocument(
    manager: EntityManager,
    actor: Actor,
    access: ReviewAccess,
    reviewId: string,
    documentId: string,
  ): Promise<DocumentEntity> {
    const doc = await manager.getRepository(DocumentEntity).findOneBy({ id: documentId, reviewId });
    if (!doc || (access === 'agency' && doc.agencyId !== actor.agencyId)) throw ApiError.notFound('document');
    return doc;
  }

  private record(
    manager: EntityManager,
    actor: Actor,
    at: Date,
    review: ReviewEntity,
    action: string,
    documentId: string | null,
    changes?: FieldChanges,
  ): Promise<void> {
    return auditReview(this.audit, manager, actor, at, {
      action,
      partnershipId: review.partnershipId,
      reviewId: review.id,
      entity: documentId ? 'document' : 'review',
      entityId: documentId ?? review.id,
      changes,
    });
  }
}

function requireFile(file: UploadedDocumentFile | undefined): UploadedDocumentFile {
  if (!file || !Buffer.isBuffer(file.buffer)) throw ApiError.field('file', 'a file is required (multipart field "file")');
  return file;
}

/** What an upload's audit entry records: the metadata, never the content or the client's file name. */
function auditedFields(view: DocumentView): Record<string, unknown> {
  return {
    type: view.type,
    agencyId: view.agencyId,
    title: view.title,
    version: view.version,
    sha256: view.sha256,
    size: view.size,
    mediaType: view.mediaType,
  };
}
