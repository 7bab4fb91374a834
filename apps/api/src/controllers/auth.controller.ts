import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestContextOf } from '@dhr/audit';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService, LoginThrottledError, Public, TokenRequestDto } from '@dhr/identity';
import { ApiErrors } from '../contract/error-body.response';
import { AccessToken } from '../contract/identity.response';

@ApiTags('identity')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'signIn',
    summary: 'Sign in: a bearer token for an email and password (and the security code once two-factor is set up)',
    security: [],
  })
  @ApiOkResponse({ type: AccessToken })
  @ApiErrors(
    400,
    [401, '`invalid_credentials`: wrong email or password, a missing or wrong security code, or a deactivated account'],
    413,
    [429, 'too many attempts for this account or source address: `too_many_requests`, `retryAfterSeconds` and a Retry-After header'],
    [503, '`service_unavailable`: the attempt counter cannot be reached; try again shortly'],
  )
  async token(@Body() body: TokenRequestDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    try {
      return await this.auth.login(body.email, body.password, requestContextOf(request), body.code, body.partnershipId);
    } catch (error) {
      if (error instanceof LoginThrottledError) response.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }
}
