import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@dhr/core';
import { CreateFamilyMemberDto, FamilyService, LogFamilyContactDto, UpdateFamilyMemberDto } from '@dhr/family';
import { Actor, CurrentActor, Roles } from '@dhr/identity';
import { UUID_PARAM } from '../uuid-param';
import { ApiErrors } from '../contract/error-body.response';
import { FamilyContact, FamilyMember } from '../contract/family.response';

/** Family involvement is not for agency contacts or administrators: their 403 comes from the route's roles. */
const READERS = ['coordinator', 'csp_chair', 'independent_chair'] as const;
const WRITERS = ['coordinator', 'independent_chair'] as const;
const MEMBER_ID_PARAM = new ParseUUIDPipe({ exceptionFactory: () => DomainError.field('memberId', 'must be a UUID') });

const CLOSED: [409, string] = [409, '`invalid_stage`: the review is closed'];

@ApiTags('family')
@ApiBearerAuth()
@Controller('reviews/:id/family-members')
export class FamilyController {
  constructor(private readonly family: FamilyService) {}

  @Roles(...WRITERS)
  @Post()
  @ApiOperation({ operationId: 'addFamilyMember', summary: 'Record a family member (by pseudonym)' })
  @ApiCreatedResponse({ type: FamilyMember })
  @ApiErrors(400, 401, 403, 404, CLOSED, 413)
  create(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: CreateFamilyMemberDto) {
    return this.family.create(actor, id, body);
  }

  @Roles(...READERS)
  @Get()
  @ApiOperation({ operationId: 'listFamilyMembers', summary: 'The family members, with their number of contacts and the last' })
  @ApiOkResponse({ type: [FamilyMember] })
  @ApiErrors(400, 401, 403, 404)
  list(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string) {
    return this.family.list(actor, id);
  }

  @Roles(...WRITERS)
  @Patch(':memberId')
  @ApiOperation({ operationId: 'updateFamilyMember', summary: 'Change a family member' })
  @ApiOkResponse({ type: FamilyMember })
  @ApiErrors(400, 401, 403, 404, CLOSED, 413)
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
  @ApiOperation({ operationId: 'logFamilyContact', summary: 'Log a contact with a family member (append-only)' })
  @ApiCreatedResponse({ type: FamilyContact })
  @ApiErrors(400, 401, 403, 404, CLOSED, 413)
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
  @ApiOperation({ operationId: 'listFamilyContacts', summary: "A family member's contact log, oldest first" })
  @ApiOkResponse({ type: [FamilyContact] })
  @ApiErrors(400, 401, 403, 404)
  contacts(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Param('memberId', MEMBER_ID_PARAM) memberId: string) {
    return this.family.contacts(actor, id, memberId);
  }
}
