import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiError } from '@dhr/core';
import { CreateFamilyMemberDto, FamilyService, LogFamilyContactDto, UpdateFamilyMemberDto } from '@dhr/family';
import { Actor, CurrentActor, Roles } from '@dhr/identity';
import { UUID_PARAM } from '../uuid-param';

/** Family involvement is not for agency contacts or administrators: their 403 comes from the route's roles. */
const READERS = ['coordinator', 'csp_chair', 'independent_chair'] as const;
const WRITERS = ['coordinator', 'independent_chair'] as const;
const MEMBER_ID_PARAM = new ParseUUIDPipe({ exceptionFactory: () => ApiError.field('memberId', 'must be a UUID') });

@ApiTags('family')
@ApiBearerAuth()
@Controller('reviews/:id/family-members')
export class FamilyController {
  constructor(private readonly family: FamilyService) {}

  @Roles(...WRITERS)
  @Post()
  create(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: CreateFamilyMemberDto) {
    return this.family.create(actor, id, body);
  }

  @Roles(...READERS)
  @Get()
  list(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string) {
    return this.family.list(actor, id);
  }

  @Roles(...WRITERS)
  @Patch(':memberId')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Param('memberId', MEMBER_ID_PARAM) memberId: string,
    @Body() body: UpdateFamilyMemberDto,
  ) {
    return this.family.update(actor, id, memberId, body);
  }

  @Roles(...WRITERS)
  @Post(':memberId/contacts')
  logContact(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Param('memberId', MEMBER_ID_PARAM) memberId: string,
    @Body() body: LogFamilyContactDto,
  ) {
    return this.family.logContact(actor, id, memberId, body);
  }

  @Roles(...READERS)
  @Get(':memberId/contacts')
  contacts(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Param('memberId', MEMBER_ID_PARAM) memberId: string) {
    return this.family.contacts(actor, id, memberId);
  }
}
