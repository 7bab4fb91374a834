import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, IdentityDirectory, Roles, ROLES } from '@dhr/identity';
import { ApiErrors } from '../contract/error-body.response';
import { Me } from '../contract/identity.response';

/** Who is signed in, and the directory a user interface needs to show names and choices. */
@ApiTags('identity')
@ApiBearerAuth()
@Controller()
export class MeController {
  constructor(private readonly directory: IdentityDirectory) {}

  @Roles(...ROLES)
  @Get('me')
  @ApiOperation({ operationId: 'getMe', summary: 'Who is signed in: their account, partnership, agency and memberships, with names' })
  @ApiOkResponse({ type: Me })
  @ApiErrors(400, 401)
  me(@CurrentActor() actor: Actor) {
    return this.directory.me(actor);
  }
}
