import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditVerifier, toCsv } from '@dhr/audit';
import { DomainError } from '@dhr/core';
import { Actor, CurrentActor, Roles } from '@dhr/identity';
import { ReviewQueries } from '@dhr/reviews';
import { UUID_PARAM } from '../uuid-param';
import { AuditEntry, AuditVerification } from '../contract/audit.response';
import { ApiErrors } from '../contract/error-body.response';

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(
    private readonly reviews: ReviewQueries,
    private readonly verifier: AuditVerifier,
  ) {}

  /** Recomputes every hash chain and reports the first broken entry. */
  @Roles('admin')
  @Get('audit/verify')
  @ApiOperation({ operationId: 'verifyAudit', summary: 'Recompute every audit hash chain (administrators)' })
  @ApiOkResponse({ type: AuditVerification })
  @ApiErrors(400, 401, 403)
  verify() {
    return this.verifier.verify();
  }

  /** One review's audit trail, as JSON (default) or CSV, for its coordinators and administrators. */
  @Roles('coordinator', 'admin')
  @Get('reviews/:id/audit')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiOperation({ operationId: 'getReviewAudit', summary: "A review's audit trail, as JSON or CSV (coordinators, administrators)" })
  @ApiExtraModels(AuditEntry)
  @ApiOkResponse({
    description: 'oldest first; administrators see which fields changed, never their values',
    content: {
      'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(AuditEntry) } } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiErrors(400, 401, 403, 404)
  async reviewAudit(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (format !== undefined && format !== 'json' && format !== 'csv') throw DomainError.field('format', 'must be json or csv');
    const entries = await this.reviews.auditTrail(actor, id);
    if (format !== 'csv') return entries;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="review-${id}-audit.csv"`);
    return toCsv(entries);
  }
}
