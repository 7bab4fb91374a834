import { Body, Controller, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AccountEditsService,
  Actor,
  AddMembershipDto,
  MembershipService,
  agencyView,
  CreateAgencyDto,
  CreatePartnershipDto,
  CreateUserDto,
  CurrentActor,
  IdentityService,
  partnershipView,
  Roles,
  UpdatePartnershipDto,
  userView,
} from '@dhr/identity';
import { ApiErrors } from '../contract/error-body.response';
import { UUID_PARAM } from '../uuid-param';
import { Agency, MembershipList, Partnership, User } from '../contract/identity.response';

@ApiTags('identity')
@ApiBearerAuth()
@Controller()
export class IdentityController {
  constructor(
    private readonly identity: IdentityService,
    private readonly memberships: MembershipService,
    private readonly edits: AccountEditsService,
  ) {}

  @Roles('admin')
  @Post('partnerships')
  @ApiOperation({ operationId: 'createPartnership', summary: 'Create a partnership (administrators)' })
  @ApiCreatedResponse({ type: Partnership })
  @ApiErrors([400, '`validation_failed`, also when a partnership with this code exists'], 401, 403, 413)
  async createPartnership(@CurrentActor() actor: Actor, @Body() body: CreatePartnershipDto) {
    return partnershipView(await this.identity.createPartnership(actor, body));
  }

  @Roles('admin')
  @Patch('partnerships/:id')
  @ApiOperation({
    operationId: 'updatePartnership',
    summary:
      'Change a partnership (administrators): its name, its code (until a review reference is made with it), and how its emails go out — the sender, and the contact named in every email and used as its Reply-To',
  })
  @ApiOkResponse({ type: Partnership })
  @ApiErrors(
    [
      400,
      '`validation_failed`: also an address in the wrong format, a contact name without an address (or the other way round), a code in use',
    ],
    401,
    403,
    404,
    413,
  )
  async updatePartnership(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: UpdatePartnershipDto) {
    return partnershipView(await this.edits.editPartnership(actor, id, body));
  }

  @Roles('admin', 'coordinator')
  @Post('agencies')
  @ApiOperation({ operationId: 'createAgency', summary: 'Create an agency of a partnership (administrators; coordinators in their own)' })
  @ApiCreatedResponse({ type: Agency })
  @ApiErrors(400, 401, 403, 413)
  async createAgency(@CurrentActor() actor: Actor, @Body() body: CreateAgencyDto) {
    return agencyView(await this.identity.createAgency(actor, body));
  }

  @Roles('admin')
  @Post('users')
  @ApiOperation({ operationId: 'createUser', summary: 'Create a user account (administrators)' })
  @ApiCreatedResponse({ type: User })
  @ApiErrors([400, '`validation_failed`: also a weak password, a taken email, or an agency missing for an agency contact'], 401, 403, 413)
  async createUser(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return userView(await this.identity.createUser(actor, body));
  }

  @Roles('admin', 'coordinator')
  @Get('users/:id/memberships')
  @ApiOperation({
    operationId: 'listMemberships',
    summary:
      'The partnerships a person is a member of, with the role in each (administrators; coordinators for members of their partnership)',
  })
  @ApiOkResponse({ type: MembershipList })
  @ApiErrors(401, 403, 404)
  async listMemberships(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return { items: await this.memberships.list(actor, id) };
  }

  @Roles('admin', 'coordinator')
  @Post('users/:id/memberships')
  @ApiOperation({
    operationId: 'addMembership',
    summary:
      'Make an existing account a member of one more partnership, as independent chair or agency contact (administrators; coordinators: agency contacts of their own partnership)',
  })
  @ApiCreatedResponse({ type: MembershipList })
  @ApiErrors([400, '`validation_failed`: also already a member there, or an agency not of that partnership'], 401, 403, 404, 413)
  async addMembership(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: AddMembershipDto) {
    return { items: await this.memberships.add(actor, id, body) };
  }

  @Roles('admin', 'coordinator')
  @Delete('users/:id/memberships/:partnershipId')
  @ApiOperation({
    operationId: 'removeMembership',
    summary: 'End a further membership (never the home partnership’s: deactivate the account instead); its tokens stop at once',
  })
  @ApiOkResponse({ type: MembershipList })
  @ApiErrors([400, '`validation_failed`: the home partnership'], 401, 403, 404)
  async removeMembership(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('partnershipId') partnershipId: string) {
    return { items: await this.memberships.remove(actor, id, partnershipId) };
  }
}
