import { applyDecorators, Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles } from '@dhr/identity';
import { AUDIENCES, BOARD_REPORT_FORMATS, DATA_RETURN_FORMATS, DATA_RETURN_SCHEMA, ReportFile, ReportingService } from '@dhr/reporting';
import { UUID_PARAM } from '../uuid-param';
import { ApiErrors } from '../contract/error-body.response';
import { ApiFileResponse } from '../contract/file-response';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PERIOD_QUERIES = applyDecorators(
  ApiQuery({ name: 'from', required: true, description: 'first day of the period, YYYY-MM-DD (London)', example: '2026-04-01' }),
  ApiQuery({ name: 'to', required: true, description: 'last day of the period, YYYY-MM-DD, included', example: '2027-03-31' }),
);
const BAD_QUERY: [400, string] = [400, '`validation_failed`: names `from`, `to`, `audience` or `format` and why'];

@ApiTags('reporting')
@ApiBearerAuth()
@Controller()
export class ReportingController {
  constructor(private readonly reporting: ReportingService) {}

  @Roles('coordinator', 'csp_chair')
  @Get('partnerships/:id/board-report')
  @ApiProduces(DOCX, 'text/html')
  @ApiOperation({
    operationId: 'getBoardReport',
    summary:
      "The partnership's report to the CSP board or scrutiny committee for a period: reviews running, started and completed, six-month compliance, delays, holds, Home Office QA, action plans, national recommendations. Public: references and counts only; restricted: with pseudonyms",
  })
  @PERIOD_QUERIES
  @ApiQuery({ name: 'audience', required: false, enum: AUDIENCES, description: 'default public' })
  @ApiQuery({ name: 'format', required: false, enum: BOARD_REPORT_FORMATS, description: 'default docx' })
  @ApiFileResponse('`board-report-<code>-<from>-<to>-<audience>.docx` as an attachment, or the HTML page', [DOCX, 'text/html'])
  @ApiErrors(
    BAD_QUERY,
    401,
    [403, '`forbidden`: not a coordinator or CSP chair of the partnership'],
    [404, '`not_found`: not your partnership'],
  )
  async boardReport(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Query('from') from: unknown,
    @Query('to') to: unknown,
    @Query('audience') audience: unknown,
    @Query('format') format: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.reporting.boardReportFile(actor, id, { from, to, audience, format }));
  }

  @Roles('admin', 'coordinator')
  @Get('data-return')
  @ApiProduces('text/csv', 'application/json')
  @ApiOperation({
    operationId: 'getDataReturn',
    summary:
      'The national data return: one record per review active in the period (notified before it ended, not closed before it began), no names or pseudonyms. Administrators: every partnership; coordinators: theirs',
  })
  @PERIOD_QUERIES
  @ApiQuery({ name: 'format', required: false, enum: DATA_RETURN_FORMATS, description: 'default csv' })
  @ApiFileResponse(
    '`data-return-<from>-<to>.csv` or `.json` as an attachment; the JSON follows `GET /api/data-return/schema`',
    ['text/csv', 'application/json'],
    'text',
  )
  @ApiErrors(BAD_QUERY, 401, 403)
  async dataReturn(
    @CurrentActor() actor: Actor,
    @Query('from') from: unknown,
    @Query('to') to: unknown,
    @Query('format') format: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, (await this.reporting.dataReturn(actor, { from, to, format })).file);
  }

  @Roles('admin', 'coordinator')
  @Get('data-return/schema')
  @ApiOperation({ operationId: 'getDataReturnSchema', summary: 'The JSON Schema (2020-12) of the data return in JSON' })
  @ApiOkResponse({ description: 'a JSON Schema document', schema: { type: 'object' } })
  @ApiErrors(401, 403)
  schema() {
    return DATA_RETURN_SCHEMA;
  }
}

/** Bytes as they are (a Buffer would otherwise go out as JSON), named without personal data. */
function send(res: Response, file: ReportFile): StreamableFile | string {
  const disposition = `${file.inline ? 'inline' : 'attachment'}; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
  if (typeof file.body !== 'string') return new StreamableFile(file.body, { type: file.mediaType, length: file.body.length, disposition });
  res.setHeader('Content-Type', file.mediaType);
  res.setHeader('Content-Disposition', disposition);
  return file.body;
}
