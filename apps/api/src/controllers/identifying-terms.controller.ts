import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcceptTermMatchDto, AnonymisationCheckDto, IdentifyingTermsService, PutIdentifyingTermsDto } from '@dhr/anonymisation';
import { DomainError } from '@dhr/core';
import { Actor, CurrentActor, Roles } from '@dhr/identity';
import { UUID_PARAM } from '../uuid-param';
import { ApiErrors } from '../contract/error-body.response';
import { AnonymisationCheck, IdentifyingTerms, TermAcceptance } from '../contract/identifying-terms.response';

const ACCEPTANCE_ID_PARAM = new ParseUUIDPipe({ exceptionFactory: () => DomainError.field('acceptanceId', 'must be a UUID') });

const TERMS_INTEGRITY = '`identifying_terms_integrity_failed`: the stored terms fail their integrity check';

/** Identifying terms and the anonymisation check: coordinators of the review's partnership only. */
@ApiTags('identifying-terms')
@ApiBearerAuth()
@Controller('reviews/:id')
export class IdentifyingTermsController {
  constructor(private readonly terms: IdentifyingTermsService) {}

  @Roles('coordinator')
  @Get('identifying-terms')
  @ApiOperation({ operationId: 'getIdentifyingTerms', summary: "The review's identifying terms and accepted matches" })
  @ApiOkResponse({ type: IdentifyingTerms })
  @ApiErrors(400, 401, 403, 404, [409, TERMS_INTEGRITY])
  get(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string) {
    return this.terms.get(actor, id);
  }

  @Roles('coordinator')
  @Put('identifying-terms')
  @ApiOperation({ operationId: 'putIdentifyingTerms', summary: 'Replace the identifying terms ([] clears them)' })
  @ApiOkResponse({ type: IdentifyingTerms })
  @ApiErrors(
    [400, '`validation_failed` naming the entry, e.g. `terms[3]`'],
    401,
    403,
    404,
    [409, `\`conflict\`: expectedVersion is not the version now; ${TERMS_INTEGRITY}`],
    413,
  )
  put(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: PutIdentifyingTermsDto) {
    return this.terms.put(actor, id, body);
  }

  @Roles('coordinator')
  @Post('identifying-terms/acceptances')
  @ApiOperation({ operationId: 'acceptTermMatch', summary: 'Accept, with a reason, that a term may appear in a document' })
  @ApiCreatedResponse({ type: TermAcceptance })
  @ApiErrors(
    [400, '`validation_failed`: also a term not recorded or a document not of this review'],
    401,
    403,
    404,
    [409, `\`already_accepted\` (with \`acceptanceId\`); ${TERMS_INTEGRITY}`],
    413,
  )
  accept(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: AcceptTermMatchDto) {
    return this.terms.accept(actor, id, body);
  }

  @Roles('coordinator')
  @Delete('identifying-terms/acceptances/:acceptanceId')
  @HttpCode(204)
  @ApiOperation({ operationId: 'withdrawTermAcceptance', summary: 'Withdraw an accepted match' })
  @ApiNoContentResponse({ description: 'withdrawn' })
  @ApiErrors(400, 401, 403, 404)
  async withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Param('acceptanceId', ACCEPTANCE_ID_PARAM) acceptanceId: string,
  ): Promise<void> {
    await this.terms.withdraw(actor, id, acceptanceId);
  }

  @Roles('coordinator')
  @Post('anonymisation-check')
  @HttpCode(200)
  @ApiOperation({ operationId: 'checkAnonymisation', summary: 'What PUBLISH would find now, without publishing' })
  @ApiOkResponse({ type: AnonymisationCheck })
  @ApiErrors(
    [400, '`validation_failed`: e.g. `documentIds[1]` is not a document of this review'],
    401,
    403,
    404,
    [409, `\`document_integrity_failed\`: a stored document fails its checks; ${TERMS_INTEGRITY}`],
    413,
  )
  check(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: AnonymisationCheckDto) {
    return this.terms.check(actor, id, body ?? {});
  }
}
