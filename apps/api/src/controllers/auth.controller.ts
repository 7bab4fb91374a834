import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthService, Public, TokenRequestDto } from '@dhr/identity';

@ApiTags('identity')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  token(@Body() body: TokenRequestDto) {
    return this.auth.login(body.email, body.password);
  }
}
