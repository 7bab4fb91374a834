import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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

@ApiTags('identity')
@ApiBearerAuth()
@Controller()
export class IdentityController {
  constructor(private readonly identity: IdentityService) {}

  @Roles('admin')
  @Post('partnerships')
  async createPartnership(@CurrentActor() actor: Actor, @Body() body: CreatePartnershipDto) {
    return partnershipView(await this.identity.createPartnership(actor, body));
  }

  @Roles('admin', 'coordinator')
  @Post('agencies')
  async createAgency(@CurrentActor() actor: Actor, @Body() body: CreateAgencyDto) {
    return agencyView(await this.identity.createAgency(actor, body));
  }

  @Roles('admin')
  @Post('users')
  async createUser(@CurrentActor() actor: Actor, @Body() body: CreateUserDto) {
    return userView(await this.identity.createUser(actor, body));
  }
}
