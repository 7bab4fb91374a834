import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { OptionalNotNull, OptionalNullable } from '@dhr/core';
import { AGENCY_KINDS, AgencyKind, Role, ROLES } from './identity.entities';
import { MeetsPasswordPolicy, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy';

export class TokenRequestDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MaxLength(256) password: string;
  @ApiPropertyOptional({
    description: 'the security code from the authenticator app (or an unused recovery code); required once the user has set up two-factor',
    example: '123456',
  })
  @OptionalNotNull()
  @IsString()
  @MaxLength(32)
  code?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'for a person who is a member of several partnerships: the one this token acts in (default: their home partnership)',
  })
  @OptionalNotNull()
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

/**
 * `PATCH /partnerships/:id`: a field left out stays as it is. The email settings are cleared
 * with null (or ""), and then the default applies: MAIL_FROM for the sender, the coordinators
 * for the contact. Checked in full (formats, a contact's name and address together) by the service.
 */
export class UpdatePartnershipDto {
  @ApiPropertyOptional({ example: 'Croydon Community Safety Partnership' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'CROY', description: 'only while no review reference has been made with the old code' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(12)
  code?: string;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    maxLength: 100,
    example: 'Croydon DHR team',
    description: 'the name emails about its reviews are sent as (null: that of MAIL_FROM)',
  })
  @OptionalNullable()
  @IsString()
  @MaxLength(100)
  senderName?: string | null;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    maxLength: 254,
    example: 'dhr@croydon.gov.uk',
    description: 'the address they are sent from (null: that of MAIL_FROM); the mail server must be allowed to send as it',
  })
  @OptionalNullable()
  @IsString()
  @MaxLength(254)
  senderEmail?: string | null;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    maxLength: 200,
    example: 'Sam Patel, DHR coordinator',
    description: 'who recipients should contact, named in every email (null: the coordinators); with contactEmail',
  })
  @OptionalNullable()
  @IsString()
  @MaxLength(200)
  contactName?: string | null;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    maxLength: 254,
    example: 'dhr.coordinator@croydon.gov.uk',
    description: "the contact's address: every email's Reply-To (null: the coordinators'); with contactName",
  })
  @OptionalNullable()
  @IsString()
  @MaxLength(254)
  contactEmail?: string | null;
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
  @ApiPropertyOptional({ description: 'required for agency_contact' }) @OptionalNotNull() @IsUUID() agencyId?: string;
}

/** `GET /agencies` filter. */
export class ListAgenciesQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalNotNull() @IsUUID() partnershipId?: string;
}

/** `GET /users` filter. */
export class ListUsersQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalNotNull() @IsUUID() partnershipId?: string;
  @ApiPropertyOptional({ enum: ROLES }) @OptionalNotNull() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalNotNull() @IsUUID() agencyId?: string;
}
