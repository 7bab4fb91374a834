import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { diffFields } from '@dhr/audit';
import { DomainError, findInputProblem } from '@dhr/core';
import { Actor, IdentityDirectory } from '@dhr/identity';
import { ReviewFile, ReviewTx } from '@dhr/reviews';
import { open, seal, sha256Hex } from './document-crypto';
import { eventForUpload } from './document-events';
import { DocumentStore } from './document-store';
import { DocumentUploadChecks } from './document-upload-checks';
import { AGENCY_DOCUMENT_TYPES, DocumentType } from './document-types';
import { DocumentEntity, DocumentVersionEntity } from './document.entities';
import { documentView, DocumentView } from './document.view';
import { documentVisible, onlyVisibleDocuments } from './document-visibility';
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
 * visible by the review access policy (agency contacts: their own agency's, and the panel papers
 * when their agency is on the panel).
 * The encrypted file is written before the metadata transaction and removed if it fails.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('DocumentsService');

  constructor(
    private readonly file: ReviewFile,
    private readonly store: DocumentStore,
    private readonly config: DocumentsConfig,
    private readonly checks: DocumentUploadChecks,
    private readonly directory: IdentityDirectory,
  ) {}

  async upload(actor: Actor, reviewId: string, dto: UploadDocumentDto, file: UploadedDocumentFile | undefined): Promise<UploadResult> {
    const problem = findInputProblem({ title: dto.title }, '');
    if (problem) throw DomainError.field(problem.field, problem.reason);
    const agencyId = dto.agencyId ?? null;
    // Who may upload what is settled before anything is stored.
    await this.file.read(actor, reviewId, {}, async (tx) => {
      requireFile(file);
      if (tx.access === 'agency') {
        if (agencyId !== actor.agencyId) throw DomainError.forbidden('agency contacts may upload only for their own agency (agencyId)');
        if (!AGENCY_DOCUMENT_TYPES.includes(dto.type))
          throw DomainError.forbidden('agency contacts may upload only imr and chronology documents');
      } else if (agencyId !== null && !(await this.directory.agencyInPartnership(agencyId, tx.review.partnershipId, tx.manager))) {
        throw DomainError.field('agencyId', "is not an agency of the review's partnership");
      }
    });
    const prepared = await this.prepareAndStore(reviewId, dto.type, file!);
    return this.afterStored(prepared, () =>
      this.file.change(actor, reviewId, {}, async (tx) => {
        const doc = tx.manager.getRepository(DocumentEntity).create({
          id: randomUUID(),
          reviewId: tx.review.id,
          type: dto.type,
          agencyId,
          title: dto.title ?? null,
          createdBy: actor.userId,
          createdAt: tx.now,
        });
        await tx.manager.getRepository(DocumentEntity).insert(doc);
        const version = await this.insertVersion(tx.manager, doc.id, 1, prepared, actor, tx.now);
        await tx.outbox('document.version-stored', { versionId: version.id });
        const view = documentView(doc, version);
        await tx.audit('document.upload', { entity: 'document', entityId: doc.id, changes: diffFields({}, auditedFields(view)) });
        return this.recordWorkflowEvent(tx, view);
      }),
    );
  }

  async addVersion(actor: Actor, reviewId: string, documentId: string, file: UploadedDocumentFile | undefined): Promise<UploadResult> {
    const options = { notFound: 'document' };
    const doc = await this.file.read(actor, reviewId, options, async (tx) => {
      requireFile(file);
      const found = await this.findDocument(tx, documentId);
      if (tx.access === 'agency' && !AGENCY_DOCUMENT_TYPES.includes(found.type as DocumentType))
        throw DomainError.forbidden('agency contacts may add versions only to imr and chronology documents');
      return found;
    });
    const prepared = await this.prepareAndStore(reviewId, doc.type as DocumentType, file!);
    return this.afterStored(prepared, () =>
      this.file.change(actor, reviewId, options, async (tx) => {
        // The document row lock serialises version numbers: a racing upload waits, then takes the next one.
        const locked = await tx.manager
          .getRepository(DocumentEntity)
          .createQueryBuilder('d')
          .where('d.id = :id', { id: doc.id })
          .setLock('pessimistic_write')
          .getOneOrFail();
        const [{ latest }] = (await tx.manager.query(
          'SELECT coalesce(max(version), 0)::int AS latest FROM document_versions WHERE document_id = $1',
          [doc.id],
        )) as { latest: number }[];
        const version = await this.insertVersion(tx.manager, locked.id, latest + 1, prepared, actor, tx.now);
        await tx.outbox('document.version-stored', { versionId: version.id });
        const view = documentView(locked, version);
        await tx.audit('document.version', { entity: 'document', entityId: locked.id, changes: diffFields({}, auditedFields(view)) });
        return this.recordWorkflowEvent(tx, view);
      }),
    );
  }

  /**
   * Records the workflow event the upload stands for (an IMR returned, a draft submitted), in the upload's
   * transaction, when the statechart allows it now and the uploader may send it; otherwise the document is just stored.
   */
  private async recordWorkflowEvent(tx: ReviewTx, view: DocumentView): Promise<UploadResult> {
    const event = eventForUpload(
      { documentId: view.id, type: view.type as DocumentType, agencyId: view.agencyId, version: view.version },
      tx.actor,
    );
    return { ...view, recordedEvent: event ? await tx.applyIfAllowed(event) : null };
  }

  /** The latest version of every document the caller may see, oldest document first. */
  list(actor: Actor, reviewId: string): Promise<DocumentView[]> {
    return this.file.read(actor, reviewId, {}, async (tx) => {
      const qb = tx.manager.getRepository(DocumentEntity).createQueryBuilder('d').where('d.review_id = :reviewId', { reviewId });
      const docs = await onlyVisibleDocuments(tx, qb).orderBy('d.created_at', 'ASC').addOrderBy('d.id').getMany();
      const byDoc = await this.latestVersions(
        tx.manager,
        docs.map((d) => d.id),
      );
      const views = docs.filter((d) => byDoc.has(d.id)).map((d) => documentView(d, byDoc.get(d.id)!));
      await tx.audit('document.list', { changes: { returned: { before: null, after: views.map((v) => v.id) } } });
      return views;
    });
  }

  /** The decrypted bytes of one version (the latest without `version`); 409 when the stored file fails its checks. */
  content(actor: Actor, reviewId: string, documentId: string, version?: number): Promise<DocumentContent> {
    return this.file.read(actor, reviewId, { notFound: 'document' }, async (tx) => {
      const doc = await this.findDocument(tx, documentId);
      const qb = tx.manager.getRepository(DocumentVersionEntity).createQueryBuilder('v').where('v.document_id = :id', { id: doc.id });
      if (version !== undefined) qb.andWhere('v.version = :version', { version });
      const row = await qb.orderBy('v.version', 'DESC').getOne();
      if (!row) throw DomainError.notFound('document version');
      const bytes = await this.readVerified(row);
      await tx.audit('document.read', { entity: 'document', entityId: doc.id, changes: { version: { before: null, after: row.version } } });
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

  /**
   * One version by id, with its document and its verified, decrypted bytes: for system work (search
   * indexing) that has no caller, so no access check or audit. Null when the version is gone.
   */
  async readVersion(manager: EntityManager, versionId: string): Promise<DocumentVersionContent | null> {
    const version = await manager.getRepository(DocumentVersionEntity).findOneBy({ id: versionId });
    if (!version) return null;
    const document = await manager.getRepository(DocumentEntity).findOneByOrFail({ id: version.documentId });
    return { document, version, bytes: await this.readVerified(version) };
  }

  /** Which of these ids are documents of the review. */
  async existingIds(manager: EntityManager, reviewId: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await manager.getRepository(DocumentEntity).findBy(ids.map((id) => ({ id, reviewId })));
    return new Set(found.map((d) => d.id));
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
      throw new DomainError('document_integrity_failed', { message: 'the stored document failed its integrity check' });
    }
    return plaintext;
  }

  /** Sniffs, hashes, encrypts and writes the file; nothing is written for a refused one. */
  private async prepareAndStore(reviewId: string, type: DocumentType, file: UploadedDocumentFile): Promise<Prepared> {
    const fileName = sanitizeFileName(file.originalname);
    const mediaType = sniffMediaType(file.buffer, fileName);
    if (!mediaType) {
      const reason = 'must be PDF, DOCX, XLSX, ODT, CSV (named .csv) or UTF-8 text';
      throw new DomainError('unsupported_media_type', { message: `file ${reason}`, fields: [{ field: 'file', reason }] });
    }
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

  /** A document of the review the caller may see (agency contacts: their own agency's, and panel papers on its panel); 404 otherwise. */
  async findDocument(tx: ReviewTx, documentId: string): Promise<DocumentEntity> {
    const doc = await tx.manager.getRepository(DocumentEntity).findOneBy({ id: documentId, reviewId: tx.review.id });
    if (!doc || !documentVisible(tx, doc)) throw DomainError.notFound('document');
    return doc;
  }
}

function requireFile(file: UploadedDocumentFile | undefined): UploadedDocumentFile {
  if (!file || !Buffer.isBuffer(file.buffer)) throw DomainError.field('file', 'a file is required (multipart field "file")');
  if (file.buffer.length === 0) throw DomainError.field('file', 'is empty (0 bytes)');
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
