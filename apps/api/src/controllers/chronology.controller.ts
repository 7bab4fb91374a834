import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChronologyContentQuery, ChronologyService, ChronologyView, XLSX_MEDIA_TYPE } from '@dhr/chronology';
import { Actor, CurrentActor, Roles } from '@dhr/identity';
import { UUID_PARAM } from '../uuid-param';
import { ApiErrors } from '../contract/error-body.response';
import { ApiFileResponse } from '../contract/file-response';

const ANY_REVIEW_ROLE = ['coordinator', 'csp_chair', 'independent_chair', 'agency_contact'] as const;

/** The combined chronology: agency contacts get their own agency's rows only. */
@ApiTags('chronology')
@ApiBearerAuth()
@Controller('reviews/:id')
export class ChronologyController {
  constructor(private readonly chronology: ChronologyService) {}

  @Roles(...ANY_REVIEW_ROLE)
  @Get('chronology')
  @ApiOperation({ operationId: 'getChronology', summary: "The review's agencies' chronologies merged into one timeline" })
  @ApiOkResponse({ type: ChronologyView })
  @ApiErrors(400, 401, 403, 404, [409, '`document_integrity_failed`: a stored chronology fails its checks'])
  view(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string): Promise<ChronologyView> {
    return this.chronology.view(actor, id);
  }

  @Roles(...ANY_REVIEW_ROLE)
  @Get('chronology/content')
  @ApiOperation({ operationId: 'downloadChronology', summary: 'The merged chronology as a CSV or XLSX file' })
  @ApiFileResponse('`chronology-<reference>.csv` or `.xlsx`, as an attachment', ['text/csv', XLSX_MEDIA_TYPE])
  @ApiErrors(400, 401, 403, 404, [409, '`document_integrity_failed`: a stored chronology fails its checks'])
  async content(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Query() query: ChronologyContentQuery,
  ): Promise<StreamableFile> {
    const file = await this.chronology.download(actor, id, query.format ?? 'csv');
    return new StreamableFile(file.bytes, {
      type: file.contentType,
      length: file.bytes.length,
      disposition: `attachment; filename="${file.fileName}"`,
    });
  }
}
