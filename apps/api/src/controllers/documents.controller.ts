import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@dhr/core';
import {
  DocumentContentQuery,
  DocumentSharingDto,
  DocumentsService,
  MEDIA_TYPES,
  PanelPapers,
  UploadDocumentDto,
  UploadedDocumentFile,
  UploadVersionDto,
} from '@dhr/documents';
import { Actor, CurrentActor, Roles } from '@dhr/identity';
import { UUID_PARAM } from '../uuid-param';
import { DocumentVersion, UploadedDocument } from '../contract/document.response';
import { ApiErrors, ErrorStatus } from '../contract/error-body.response';
import { ApiFileResponse } from '../contract/file-response';

const ANY_REVIEW_ROLE = ['coordinator', 'csp_chair', 'independent_chair', 'agency_contact'] as const;
const DOCUMENT_ID_PARAM = new ParseUUIDPipe({ exceptionFactory: () => DomainError.field('documentId', 'must be a UUID') });

const UPLOAD_ERRORS: (ErrorStatus | [ErrorStatus, string])[] = [
  [400, '`validation_failed`: no file, a bad field, or an agency or type the caller may not upload'],
  401,
  403,
  404,
  [409, '`conflict`: the review changed while the event the upload records was applied'],
  [413, '`payload_too_large`: over DOCUMENT_MAX_BYTES'],
  415,
  422,
];

/** Multer's options (memory storage, DOCUMENT_MAX_BYTES) come from DocumentsModule; it runs after the auth guard. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('reviews/:id/documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly panelPapers: PanelPapers,
  ) {}

  @Roles(...ANY_REVIEW_ROLE)
  @Post()
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentDto })
  @ApiOperation({
    operationId: 'uploadDocument',
    summary: 'Store a document (an IMR or draft upload may record RECEIVE_IMR or SUBMIT_DRAFT)',
  })
  @ApiCreatedResponse({ type: UploadedDocument })
  @ApiErrors(...UPLOAD_ERRORS)
  upload(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Body() body: UploadDocumentDto,
    @UploadedFile() file: UploadedDocumentFile | undefined,
  ) {
    return this.documents.upload(actor, id, body, file);
  }

  @Roles(...ANY_REVIEW_ROLE)
  @Post(':documentId/versions')
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadVersionDto })
  @ApiOperation({ operationId: 'addDocumentVersion', summary: 'Store a new version of a document' })
  @ApiCreatedResponse({ type: UploadedDocument })
  @ApiErrors(...UPLOAD_ERRORS)
  addVersion(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Param('documentId', DOCUMENT_ID_PARAM) documentId: string,
    @Body() _body: UploadVersionDto,
    @UploadedFile() file: UploadedDocumentFile | undefined,
  ) {
    return this.documents.addVersion(actor, id, documentId, file);
  }

  @Roles(...ANY_REVIEW_ROLE)
  @Get()
  @ApiOperation({ operationId: 'listDocuments', summary: 'The latest version of each document the caller may see' })
  @ApiOkResponse({ type: [DocumentVersion] })
  @ApiErrors(400, 401, 403, 404)
  list(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string) {
    return this.documents.list(actor, id);
  }

  @Roles('coordinator', 'independent_chair')
  @Put(':documentId/sharing')
  @ApiOperation({
    operationId: 'setDocumentSharing',
    summary: 'Share a document with the panel, or stop sharing it (coordinator, the review’s independent chair)',
    description:
      'A shared document is listed for and readable by every agency contact whose agency is on the panel, and each of them is emailed a link to it once per share. ' +
      'An agency’s IMR or chronology, or any document of one agency, is never shared (400 naming `withPanel`). Asking for what is already so changes nothing.',
  })
  @ApiOkResponse({ type: DocumentVersion, description: 'the latest version of the document, with `sharedWithPanel`' })
  @ApiErrors(
    [400, '`validation_failed`: `withPanel` is not a boolean, or names a document that may not be shared with the panel'],
    401,
    403,
    [404, '`not_found`: no such document, or one you may not see'],
  )
  setSharing(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Param('documentId', DOCUMENT_ID_PARAM) documentId: string,
    @Body() body: DocumentSharingDto,
  ) {
    return this.panelPapers.setSharing(actor, id, documentId, body.withPanel);
  }

  @Roles(...ANY_REVIEW_ROLE)
  @Get(':documentId/content')
  @ApiOperation({ operationId: 'getDocumentContent', summary: "A document's bytes: a given version, or the latest" })
  @ApiFileResponse('the content, as an attachment, in its own media type', Object.values(MEDIA_TYPES))
  @ApiErrors(
    400,
    401,
    403,
    [404, '`not_found`: no such document or version, or one you may not see'],
    [409, '`document_integrity_failed`: the stored file fails its checks and is not served'],
  )
  async content(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Param('documentId', DOCUMENT_ID_PARAM) documentId: string,
    @Query() query: DocumentContentQuery,
  ): Promise<StreamableFile> {
    const content = await this.documents.content(actor, id, documentId, query.version);
    return new StreamableFile(content.bytes, {
      type: content.mediaType,
      length: content.bytes.length,
      disposition: contentDisposition(content.fileName),
    });
  }
}

/** `attachment`, with the (already sanitised) file name as an RFC 6266/5987 parameter and an ASCII fallback. */
function contentDisposition(fileName: string | null): string {
  if (!fileName) return 'attachment';
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
