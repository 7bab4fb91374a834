import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  agencyView,
  CreateAgencyDto,
  CreatePartnershipDto,
  CreateUserDto,
  CurrentActor,
  IdentityService,
  partnershipView,
  Roles,
  userView,
} from '@dhr/identity';
import { ApiErrors } from '../contract/error-body.response';
import { Agency, Partnership, User } from '../contract/identity.response';

@ApiTags('identity')
@ApiBearerAuth()
@Controller()
export class IdentityController {
  constructor(private readonly identity: IdentityService) {}

  @Roles('admin')
  @Post('partnerships')
  @ApiOperation({ operationId: 'createPartnership', summary: 'Create a partnership (administrators)' })
  @ApiCreatedResponse({ type: Partnership })
  @ApiErrors([400, '`validation_failed`, also when a partnership with this code exists'], 401, 403, 413)
  async createPartnership(@CurrentActor() actor: Actor, @Body() body: CreatePartnershipDto) {
    return partnershipView(await this.identity.createPartnership(actor, body));
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
}
