import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { OptionalNotNull } from '@dhr/core';
import { DOCUMENT_TYPES, DocumentType } from './document-types';

/** The multipart fields of an upload besides `file`. */
export class UploadDocumentDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'PDF, DOCX, XLSX, ODT, CSV or plain text' })
  @OptionalNotNull() // the file itself is taken by the interceptor, never from the body
  file?: unknown;

  @ApiProperty({ enum: DOCUMENT_TYPES }) @IsIn(DOCUMENT_TYPES) type: DocumentType;
  @ApiPropertyOptional() @OptionalNotNull() @IsUUID() agencyId?: string;
  @ApiPropertyOptional() @OptionalNotNull() @IsString() @MinLength(1) @MaxLength(200) title?: string;
}

export class UploadVersionDto {
  @ApiProperty({ type: 'string', format: 'binary' })
  @OptionalNotNull()
  file?: unknown;
}

export class DocumentContentQuery {
  @ApiPropertyOptional({ description: 'the version to read; latest without' })
  @OptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;
}

/** What multer's memory storage hands over for the `file` part. */
export interface UploadedDocumentFile {
  buffer: Buffer;
  size: number;
  originalname?: string;
}
