import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength, registerDecorator, ValidationOptions } from 'class-validator';
import { OptionalNotNull, OptionalNullable } from '@dhr/core';
import {
  CONTACT_DIRECTIONS,
  CONTACT_METHODS,
  CONTACT_PREFERENCES,
  ContactDirection,
  ContactMethod,
  ContactPreference,
  INVOLVEMENTS,
  Involvement,
} from './family.entities';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 date-time with an explicit offset (or Z) that is a real instant. */
function IsIsoDateTime(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDateTime',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an ISO-8601 date-time with offset, e.g. 2026-03-06T17:00:00Z`, ...options },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) return false;
          const [y, m, d] = value.slice(0, 10).split('-').map(Number);
          const probe = new Date(Date.UTC(y, m - 1, d));
          return probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
        },
      },
    });
}

export class CreateFamilyMemberDto {
  @ApiProperty({ description: 'a pseudonym, e.g. "Sister of Adult A"; never a real name', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  pseudonym: string;
  @ApiProperty({ description: 'relationship to the person who died, e.g. sister', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  relationship: string;
  @ApiProperty({ enum: CONTACT_PREFERENCES }) @IsIn(CONTACT_PREFERENCES) contactPreference: ContactPreference;
  @ApiPropertyOptional({ description: 'e.g. AAFDA', maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  advocateOrganisation?: string;
  @ApiPropertyOptional({ description: "the advocate's role, not their name", maxLength: 200 })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  advocateRole?: string;
  @ApiPropertyOptional({ enum: INVOLVEMENTS, default: 'not_yet_contacted' })
  @OptionalNotNull()
  @IsIn(INVOLVEMENTS)
  involvement?: Involvement;
}

export class UpdateFamilyMemberDto {
  @ApiPropertyOptional({ maxLength: 200 }) @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(200) pseudonym?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(100) relationship?: string;
  @ApiPropertyOptional({ enum: CONTACT_PREFERENCES }) @OptionalNotNull() @IsIn(CONTACT_PREFERENCES) contactPreference?: ContactPreference;
  @ApiPropertyOptional({ description: 'null clears it', nullable: true, type: String, maxLength: 200 })
  @OptionalNullable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  advocateOrganisation?: string | null;
  @ApiPropertyOptional({ description: 'null clears it', nullable: true, type: String, maxLength: 200 })
  @OptionalNullable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  advocateRole?: string | null;
  @ApiPropertyOptional({ enum: INVOLVEMENTS }) @OptionalNotNull() @IsIn(INVOLVEMENTS) involvement?: Involvement;
}

export class LogFamilyContactDto {
  @ApiProperty({ description: 'when the contact happened (not in the future)' }) @IsIsoDateTime() occurredAt: string;
  @ApiProperty({ enum: CONTACT_METHODS }) @IsIn(CONTACT_METHODS) method: ContactMethod;
  @ApiProperty({ enum: CONTACT_DIRECTIONS }) @IsIn(CONTACT_DIRECTIONS) direction: ContactDirection;
  @ApiProperty({ maxLength: 4000 }) @IsString() @MinLength(1) @MaxLength(4000) summary: string;
}
