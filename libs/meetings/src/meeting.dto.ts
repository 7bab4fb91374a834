import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, IsUUID, MaxLength, MinLength, registerDecorator, ValidationOptions } from 'class-validator';
import { OptionalNotNull, OptionalNullable } from '@dhr/core';

export const LOCATION_MAX = 500;
export const AGENDA_MAX = 10_000;
const MAX_INVITEES = 500;

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 date-time with an explicit offset (or Z) naming a real calendar date. */
function IsMeetingTime(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isMeetingTime',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an ISO-8601 date-time with offset, e.g. 2026-03-06T10:00:00Z`, ...options },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) return false;
          const [y, m, d] = value.slice(0, 10).split('-').map(Number);
          const probe = new Date(Date.UTC(y, m - 1, d)); // Date.parse rolls 2026-02-30 over to March
          return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
        },
      },
    });
}

export class ScheduleMeetingDto {
  @ApiProperty({ example: '2026-03-06T10:00:00Z', description: 'in the future' }) @IsMeetingTime() startsAt: string;
  @ApiProperty({ example: '2026-03-06T12:00:00Z', description: 'after startsAt, at most 12 hours later' }) @IsMeetingTime() endsAt: string;
  @ApiProperty({ description: 'a room or an online-meeting link', maxLength: LOCATION_MAX })
  @IsString()
  @MinLength(1)
  @MaxLength(LOCATION_MAX)
  location: string;
  @ApiPropertyOptional({ maxLength: AGENDA_MAX }) @OptionalNotNull() @IsString() @MaxLength(AGENDA_MAX) agenda?: string;
  @ApiPropertyOptional({ type: [String], description: "users of the review's partnership to invite" })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_INVITEES)
  @IsUUID('all', { each: true })
  attendeeUserIds?: string[];
  @ApiPropertyOptional({ type: [String], description: 'agencies of the review: every agency contact of each is invited' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_INVITEES)
  @IsUUID('all', { each: true })
  agencyIds?: string[];
}

export class UpdateMeetingDto {
  @ApiPropertyOptional() @OptionalNotNull() @IsMeetingTime() startsAt?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsMeetingTime() endsAt?: string;
  @ApiPropertyOptional({ maxLength: LOCATION_MAX }) @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(LOCATION_MAX) location?: string;
  @ApiPropertyOptional({ maxLength: AGENDA_MAX, nullable: true, description: 'null removes the agenda' })
  @OptionalNullable()
  @IsString()
  @MaxLength(AGENDA_MAX)
  agenda?: string | null;
}

export class LinkMinutesDto {
  @ApiProperty({ description: 'an uploaded document of type minutes of this review' }) @IsUUID() documentId: string;
}
