import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { AGENCY_KINDS, AgencyKind, Role, ROLES } from './identity.entities';
import { MeetsPasswordPolicy, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy';

export class TokenRequestDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MaxLength(256) password: string;
  @ApiPropertyOptional({
    description: 'the security code from the authenticator app (or an unused recovery code); required once the user has set up two-factor',
    example: '123456',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  code?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'for a person who is a member of several partnerships: the one this token acts in (default: their home partnership)',
  })
  @IsOptional()
  @IsUUID()
  partnershipId?: string;
}

export class CreatePartnershipDto {
  @ApiProperty({ example: 'Croydon Community Safety Partnership' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'CROY', description: '2–12 capital letters or digits; used in review references' })
  @Matches(/^[A-Z0-9]{2,12}$/, { message: 'code must be 2 to 12 capital letters or digits' })
  code: string;
}

export class CreateAgencyDto {
  @ApiProperty() @IsUUID() partnershipId: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiProperty({ enum: AGENCY_KINDS }) @IsIn(AGENCY_KINDS) kind: AgencyKind;
}

export class CreateUserDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;

  @ApiProperty({
    description:
      'at least 12 characters, not one character or a few repeated, not containing the email name, not a common password or a simple sequence',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
  })
  @IsString()
  @MeetsPasswordPolicy('email')
  password: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiProperty() @IsUUID() partnershipId: string;
  @ApiPropertyOptional({ description: 'required for agency_contact' }) @IsOptional() @IsUUID() agencyId?: string;
}

/** `GET /agencies` filter. */
export class ListAgenciesQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() partnershipId?: string;
}

/** `GET /users` filter. */
export class ListUsersQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() partnershipId?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() agencyId?: string;
}
