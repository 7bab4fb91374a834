import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiError } from '@dhr/core';
import { DocumentContentQuery, DocumentsService, UploadDocumentDto, UploadedDocumentFile, UploadVersionDto } from '@dhr/documents';
import { Actor, CurrentActor, Roles } from '@dhr/identity';
import { UUID_PARAM } from '../uuid-param';

const ANY_REVIEW_ROLE = ['coordinator', 'csp_chair', 'independent_chair', 'agency_contact'] as const;
const DOCUMENT_ID_PARAM = new ParseUUIDPipe({ exceptionFactory: () => ApiError.field('documentId', 'must be a UUID') });

/** Multer's options (memory storage, DOCUMENT_MAX_BYTES) come from DocumentsModule; it runs after the auth guard. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('reviews/:id/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Roles(...ANY_REVIEW_ROLE)
  @Post()
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentDto })
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
  list(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string) {
    return this.documents.list(actor, id);
  }

  @Roles(...ANY_REVIEW_ROLE)
  @Get(':documentId/content')
  @ApiProduces('application/octet-stream')
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
