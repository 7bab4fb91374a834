import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AcceptTermMatchDto, AnonymisationCheckDto, IdentifyingTermsService, PutIdentifyingTermsDto } from '@dhr/anonymisation';
import { ApiError } from '@dhr/core';
import { Actor, CurrentActor, Roles } from '@dhr/identity';
import { UUID_PARAM } from '../uuid-param';

const ACCEPTANCE_ID_PARAM = new ParseUUIDPipe({ exceptionFactory: () => ApiError.field('acceptanceId', 'must be a UUID') });

/** Identifying terms and the anonymisation check: coordinators of the review's partnership only. */
@ApiTags('identifying-terms')
@ApiBearerAuth()
@Controller('reviews/:id')
export class IdentifyingTermsController {
  constructor(private readonly terms: IdentifyingTermsService) {}

  @Roles('coordinator')
  @Get('identifying-terms')
  get(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string) {
    return this.terms.get(actor, id);
  }

  @Roles('coordinator')
  @Put('identifying-terms')
  put(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: PutIdentifyingTermsDto) {
    return this.terms.put(actor, id, body);
  }

  @Roles('coordinator')
  @Post('identifying-terms/acceptances')
  accept(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: AcceptTermMatchDto) {
    return this.terms.accept(actor, id, body);
  }

  @Roles('coordinator')
  @Delete('identifying-terms/acceptances/:acceptanceId')
  @HttpCode(204)
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
  check(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: AnonymisationCheckDto) {
    return this.terms.check(actor, id, body ?? {});
  }
}
