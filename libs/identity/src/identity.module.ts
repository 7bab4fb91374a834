import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dhr/audit';
import { AppConfig } from '@dhr/core';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AccountEditsService } from './edits/account-edits.service';
import { AgencyEntity, PartnershipEntity, UserEntity } from './identity.entities';
import { IdentityService } from './identity.service';
import { IdentityDirectory } from './directory';
import { LoginThrottle } from './login-throttle/login-throttle';
import { TokenService } from './token.service';
import { tokenJwtOptions } from './token-key';
import { InvitationEntity } from './invitations/invitation.entity';
import { InvitationService } from './invitations/invitation.service';
import { PendingInvitationsService } from './invitations/pending-invitations.service';
import { RecoveryCodeEntity, TwoFactorEntity } from './two-factor/two-factor.entities';
import { TwoFactorService } from './two-factor/two-factor.service';
import { MembershipEntity } from './memberships/membership.entity';
import { MembershipService } from './memberships/membership.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      PartnershipEntity,
      AgencyEntity,
      UserEntity,
      TwoFactorEntity,
      RecoveryCodeEntity,
      InvitationEntity,
      MembershipEntity,
    ]),
    AuditModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: tokenJwtOptions,
    }),
  ],
  // The bearer guard is installed by the apps that answer HTTP with tokens (apps/api), not here.
  providers: [
    IdentityService,
    IdentityDirectory,
    TokenService,
    AuthService,
    LoginThrottle,
    AuthGuard,
    TwoFactorService,
    InvitationService,
    MembershipService,
    AccountEditsService,
    PendingInvitationsService,
  ],
  exports: [
    IdentityService,
    IdentityDirectory,
    AuthService,
    AuthGuard,
    TokenService,
    TwoFactorService,
    InvitationService,
    MembershipService,
    AccountEditsService,
    PendingInvitationsService,
  ],
})
export class IdentityModule {}
