import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, IdentityDirectory, ListAgenciesQuery, ListUsersQuery, Roles, ROLES } from '@dhr/identity';
import { ApiErrors } from '../contract/error-body.response';
import { AgencyList, PartnershipList, UserList } from '../contract/identity.response';

/** Partnerships, agencies and users, for those who may see them (names to choose from, not to type ids). */
@ApiTags('identity')
@ApiBearerAuth()
@Controller()
export class DirectoryController {
  constructor(private readonly directory: IdentityDirectory) {}

  @Roles(...ROLES)
  @Get('partnerships')
  @ApiOperation({
    operationId: 'listPartnerships',
    summary: 'The partnerships the caller may see (administrators: all; others: their own)',
  })
  @ApiOkResponse({ type: PartnershipList })
  @ApiErrors(400, 401)
  partnerships(@CurrentActor() actor: Actor) {
    return this.directory.listPartnerships(actor);
  }

  @Roles(...ROLES)
  @Get('agencies')
  @ApiOperation({
    operationId: 'listAgencies',
    summary: "A partnership's agencies, by name (others than administrators: their own partnership's)",
  })
  @ApiOkResponse({ type: AgencyList })
  @ApiErrors(400, 401, [404, '`not_found`: a partnership that is not yours'])
  agencies(@CurrentActor() actor: Actor, @Query() query: ListAgenciesQuery) {
    return this.directory.listAgencies(actor, query.partnershipId);
  }

  @Roles('admin', 'coordinator')
  @Get('users')
  @ApiOperation({
    operationId: 'listUsers',
    summary: 'User accounts, by name, with their agency (administrators; coordinators in their own partnership)',
  })
  @ApiOkResponse({ type: UserList })
  @ApiErrors(400, 401, 403, [404, '`not_found`: a partnership that is not yours'])
  users(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery) {
    return this.directory.listUsers(actor, query);
  }
}
