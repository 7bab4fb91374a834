import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dhr/audit';
import { AppConfig, secretFromVar } from '@dhr/core';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AgencyEntity, PartnershipEntity, UserEntity } from './identity.entities';
import { IdentityService } from './identity.service';
import { LoginThrottle } from './login-throttle/login-throttle';
import { TokenService } from './token.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([PartnershipEntity, AgencyEntity, UserEntity]),
    AuditModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: secretFromVar(config.TOKEN_SECRET, config.VAR_DIR, 'token-secret', 'TOKEN_SECRET'),
      }),
    }),
  ],
  providers: [IdentityService, TokenService, AuthService, LoginThrottle, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [IdentityService, AuthService],
})
export class IdentityModule {}
