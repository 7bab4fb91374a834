import { Body, Controller, Get, Param, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DraftAnonymisationCheck } from '@dhr/anonymisation';
import { DomainError } from '@dhr/core';
import {
  DocumentsConfig,
  DocumentsService,
  DocumentUploadChecks,
  DocumentType,
  PanelPapers,
  sanitizeFileName,
  sniffMediaType,
  UploadedDocumentFile,
} from '@dhr/documents';
import { Actor, CurrentActor, IdentityDirectory } from '@dhr/identity';
import { ReviewQueries, type VisibleReview } from '@dhr/reviews';
import { PageRoles } from '../../auth/page-access';
import { draftRows } from '../../presenters/drafts.presenter';
import { FormErrors } from '../../presenters/form-errors';
import { reviewHeader } from '../../presenters/review-page.presenter';
import {
  DOCUMENT_TYPE_WORDS,
  DRAFT_TYPES,
  fileErrors,
  lineProblem,
  needsAgency,
  readUploadForm,
  takesManyFiles,
  typeItems,
  UPLOAD_MESSAGES,
  UploadChoice,
  uploadedBanner,
  uploadKinds,
  UploadValues,
  whichFile,
} from '../../presenters/upload-form';
import { takeFlash } from '../reviews/review-work-session';
import { MAX_FILES_PER_UPLOAD, WebUploadInterceptor } from './web-upload.interceptor';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVERY_ROLE = ['coordinator', 'csp_chair', 'independent_chair', 'agency_contact'] as const;
const DRAFT_WRITERS = ['coordinator', 'independent_chair'] as const;
/** Panel papers are shared by the review's coordinators and its own independent chair (the documents lib's rule). */
const SHARERS = ['coordinator', 'independent_chair'] as const;
type Form = Record<string, unknown>;

/** Not an id: the same 404 page as a review that is not there, or not theirs to see. */
function reviewId(id: string): string {
  if (!UUID.test(id)) throw DomainError.notFound('review');
  return id;
}

/** Where an upload form is and where it goes back to. */
interface UploadPage {
  view: 'pages/documents/upload' | 'pages/documents/drafts';
  action: string;
  kinds: DocumentType[];
  /** After a successful upload. */
  done: string;
}

/**
 * Uploading documents in the pages: "Upload a document" (what it is, then the file or files) and
 * "Drafts" (the chair's overview report and executive summary with the anonymisation check's
 * counts). Plain multipart forms, read by WebUploadInterceptor, stored through the same
 * DocumentsService call as the API with the signed-in actor: an upload records its workflow event
 * (an IMR received, a draft submitted) exactly as there. Every file is checked before any is stored.
 */
@Controller('reviews')
export class DocumentsController {
  constructor(
    private readonly reviews: ReviewQueries,
    private readonly documents: DocumentsService,
    private readonly checks: DocumentUploadChecks,
    private readonly config: DocumentsConfig,
    private readonly directory: IdentityDirectory,
    private readonly draftCheck: DraftAnonymisationCheck,
    private readonly panelPapers: PanelPapers,
  ) {}

  // ---- Upload a document ------------------------------------------------------------------

  @Get(':id/documents/upload')
  @PageRoles(...EVERY_ROLE)
  async uploadForm(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const review = await this.reviews.get(actor, reviewId(id));
    const type = typeof req.query.type === 'string' ? req.query.type : undefined;
    await this.renderUpload(res, actor, review, this.uploadPage(actor, review), { type });
  }

  @Post(':id/documents/upload')
  @PageRoles(...EVERY_ROLE)
  @UseInterceptors(WebUploadInterceptor)
  async upload(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() req: Request, @Res() res: Response, @Body() body: Form) {
    const review = await this.reviews.get(actor, reviewId(id));
    await this.receive(actor, review, this.uploadPage(actor, review), req, res, body);
  }

  // ---- Drafts -----------------------------------------------------------------------------

  @Get(':id/drafts')
  @PageRoles(...DRAFT_WRITERS)
  async drafts(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const review = await this.reviews.get(actor, reviewId(id));
    await this.renderUpload(res, actor, review, this.draftsPage(review), {}, undefined, takeFlash(req));
  }

  @Post(':id/drafts')
  @PageRoles(...DRAFT_WRITERS)
  @UseInterceptors(WebUploadInterceptor)
  async uploadDraft(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() req: Request, @Res() res: Response, @Body() body: Form) {
    const review = await this.reviews.get(actor, reviewId(id));
    await this.receive(actor, review, this.draftsPage(review), req, res, body);
  }

  // ---- Panel papers ------------------------------------------------------------------------

  /**
   * "Share with the panel" / "Stop sharing with the panel" on the Documents page: the same call as
   * the API's PUT …/sharing, then back to the document with a banner. A document that may not be
   * shared, or a value the form never sends, is the documents lib's 400.
   */
  @Post(':id/documents/:documentId/sharing')
  @PageRoles(...SHARERS)
  async setSharing(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('documentId') documentId: string,
    @Body() body: Form,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const docId = UUID.test(documentId) ? documentId : null;
    if (!docId) throw DomainError.notFound('document');
    const withPanel = body.withPanel === 'true' ? true : body.withPanel === 'false' ? false : null;
    if (withPanel === null) throw DomainError.field('withPanel', 'must be true or false');
    const doc = await this.panelPapers.setSharing(actor, reviewId(id), docId, withPanel);
    const what = doc.title ?? DOCUMENT_TYPE_WORDS[doc.type as DocumentType] ?? 'The document';
    req.session.flash = {
      success: withPanel
        ? `${what} is shared with the panel. Each agency contact on the panel has been emailed a link to it.`
        : `${what} is no longer shared with the panel.`,
    };
    res.redirect(303, `/reviews/${id}/documents#document-${docId}`);
  }

  // ---- The upload itself ------------------------------------------------------------------

  private uploadPage(actor: Actor, review: VisibleReview): UploadPage {
    return {
      view: 'pages/documents/upload',
      action: `/reviews/${review.id}/documents/upload`,
      kinds: uploadKinds(actor.role, review, actor.agencyId),
      done: `/reviews/${review.id}`,
    };
  }

  private draftsPage(review: VisibleReview): UploadPage {
    return {
      view: 'pages/documents/drafts',
      action: `/reviews/${review.id}/drafts`,
      kinds: DRAFT_TYPES,
      done: `/reviews/${review.id}/drafts`,
    };
  }

  private async receive(actor: Actor, review: VisibleReview, page: UploadPage, req: Request, res: Response, body: Form): Promise<void> {
    if (page.kinds.length === 0) throw DomainError.forbidden('nothing to upload to this review');
    const files = req.uploadedFiles ?? [];
    const values: UploadValues = { type: str(body.type), agencyId: str(body.agencyId), title: str(body.title) };
    const agencies = actor.role === 'agency_contact' ? [] : review.panel.map((p) => p.agencyId);
    const read = readUploadForm(
      body,
      files.length,
      req.uploadProblem,
      page.kinds,
      actor.role === 'agency_contact' ? actor.agencyId : null,
      agencies,
      {
        maxBytes: this.config.maxBytes,
        maxFiles: MAX_FILES_PER_UPLOAD,
      },
    );
    if ('errors' in read) return this.renderUpload(res.status(read.status), actor, review, page, values, read.errors);
    const refused = await this.checkFiles(read.choice.type, files);
    if (refused) return this.renderUpload(res.status(refused.status), actor, review, page, values, refused.errors);
    const recorded = await this.store(actor, review, read.choice, files, res, page, values);
    if (recorded === undefined) return;
    req.session.flash = { success: uploadedBanner(read.choice.type, files.length, recorded) };
    res.redirect(303, page.done);
  }

  /**
   * What the service would refuse about any file (its kind; a chronology's lines), found before
   * any file is stored, so that an upload of several files is all or nothing.
   */
  private async checkFiles(type: DocumentType, files: UploadedDocumentFile[]): Promise<{ errors: FormErrors; status: number } | null> {
    const empty: string[] = [];
    const wrongType: string[] = [];
    const lines: string[] = [];
    let problemCount = 0;
    for (const [index, file] of files.entries()) {
      if (file.buffer.length === 0) {
        empty.push(UPLOAD_MESSAGES.empty(whichFile(index, files.length)));
        continue;
      }
      const mediaType = sniffMediaType(file.buffer, sanitizeFileName(file.originalname));
      if (!mediaType) {
        wrongType.push(UPLOAD_MESSAGES.wrongType(whichFile(index, files.length)));
        continue;
      }
      try {
        await this.checks.run({ type, mediaType, bytes: file.buffer });
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'chronology_invalid') throw error;
        const problems = (error.details.problems ?? []) as { line: number; field: string; reason: string }[];
        problemCount += Number(error.details.problemCount ?? problems.length);
        lines.push(...problems.map((p) => lineProblem(p, index, files.length)));
      }
    }
    if (empty.length > 0) return { errors: fileErrors([...empty, ...wrongType]), status: 400 };
    if (wrongType.length > 0) return { errors: fileErrors(wrongType), status: 415 };
    if (lines.length > 0) {
      const more = problemCount > lines.length ? [`There are ${problemCount - lines.length} more problems not listed here`] : [];
      const inline = `The chronology has ${problemCount} problem${problemCount === 1 ? '' : 's'}. Correct the lines listed and upload it again`;
      return { errors: fileErrors([...lines, ...more], inline), status: 400 };
    }
    return null;
  }

  /** Stores each file as the API would; the workflow event the first one recorded (or null); undefined when a form error was shown. */
  private async store(
    actor: Actor,
    review: VisibleReview,
    choice: UploadChoice,
    files: UploadedDocumentFile[],
    res: Response,
    page: UploadPage,
    values: UploadValues,
  ): Promise<string | null | undefined> {
    let recorded: string | null = null;
    for (const file of files) {
      try {
        const result = await this.documents.upload(
          actor,
          review.id,
          { type: choice.type, agencyId: choice.agencyId ?? undefined, title: choice.title },
          file,
        );
        recorded ??= result.recordedEvent;
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'validation_failed') throw error;
        const messages = (error.details.fields ?? []).map((f) => ({
          text: `${fieldWords(f.field)} ${f.reason}`,
          href: `#${f.field === 'title' ? 'title' : 'file'}`,
        }));
        this.renderUpload(res.status(400), actor, review, page, values, { list: messages, field: {} });
        return undefined;
      }
    }
    return recorded;
  }

  private async renderUpload(
    res: Response,
    actor: Actor,
    review: VisibleReview,
    page: UploadPage,
    values: UploadValues,
    errors?: FormErrors,
    flash?: { success: string } | null,
  ): Promise<void> {
    const agencyChoices =
      actor.role === 'agency_contact' || !page.kinds.some(needsAgency)
        ? []
        : review.panel.map((p) => ({ value: p.agencyId, text: p.agencyName ?? 'An agency', selected: values.agencyId === p.agencyId }));
    const drafts = page.view === 'pages/documents/drafts' ? await this.draftsOf(actor, review) : null;
    res.render(page.view, {
      review: { ...reviewHeader(review), section: 'documents' },
      action: page.action,
      types: typeItems(page.kinds, values.type ?? (page.kinds.length === 1 ? page.kinds[0] : undefined)),
      multiple: page.kinds.some(takesManyFiles),
      agencyChoices,
      values,
      errors,
      flash,
      maxSize: UPLOAD_MESSAGES.tooLarge(this.config.maxBytes).replace('The selected file must be smaller than ', ''),
      recordsDraft: review.allowedEvents.includes('SUBMIT_DRAFT') && actor.role === 'independent_chair',
      drafts,
      next: ['SHARE_DRAFT_WITH_FAMILY', 'SUBMIT_FOR_SIGNOFF']
        .filter((type) => review.allowedEvents.includes(type))
        .map((type) => ({ href: `/reviews/${review.id}/tasks/${type}`, text: NEXT_WORDS[type] })),
      cancel: `/reviews/${review.id}`,
    });
  }

  /** The drafts with the anonymisation check's counts for each. */
  private async draftsOf(actor: Actor, review: VisibleReview) {
    const docs = (await this.documents.list(actor, review.id)).filter((d) => (DRAFT_TYPES as string[]).includes(d.type));
    const check =
      docs.length > 0
        ? await this.draftCheck.check(
            actor,
            review.id,
            docs.map((d) => d.id),
          )
        : { hasTerms: false, documents: [] };
    return draftRows(docs, check, DOCUMENT_TYPE_WORDS);
  }
}

const NEXT_WORDS: Record<string, string> = {
  SHARE_DRAFT_WITH_FAMILY: 'Share the draft with the family',
  SUBMIT_FOR_SIGNOFF: 'Submit the report for sign-off',
};

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function fieldWords(field: string): string {
  return field === 'title' ? 'The title' : field === 'agencyId' ? 'The agency' : 'The file';
}
