import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestContextOf } from '@dhr/audit';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthService, LoginThrottledError, Public, TokenRequestDto } from '@dhr/identity';

@ApiTags('identity')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiResponse({ status: 401, description: 'wrong email or password' })
  @ApiResponse({
    status: 429,
    description:
      'too many attempts for this account or source address: `{error:"too_many_requests", retryAfterSeconds}` and a Retry-After header',
  })
  async token(@Body() body: TokenRequestDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    try {
      return await this.auth.login(body.email, body.password, requestContextOf(request));
    } catch (error) {
      if (error instanceof LoginThrottledError) response.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }
}
