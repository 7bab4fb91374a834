import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { requestContextOf } from '@dhr/audit';
import { ApiTags } from '@nestjs/swagger';
import { AuthService, Public, TokenRequestDto } from '@dhr/identity';

@ApiTags('identity')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  token(@Body() body: TokenRequestDto, @Req() request: Request) {
    return this.auth.login(body.email, body.password, requestContextOf(request));
  }
}
