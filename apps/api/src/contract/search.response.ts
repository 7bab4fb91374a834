import { ApiProperty } from '@nestjs/swagger';
import { Allow } from 'class-validator';

/** `POST /api/search`: the same as `GET /api/search?q=`, with the terms kept out of the URL. */
export class SearchRequestDto {
  @Allow()
  @ApiProperty({ type: 'string', minLength: 1, maxLength: 200, description: 'what to search for (words, "a phrase", -not, or)' })
  q: unknown;

  @Allow()
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, required: false, default: 20 })
  limit?: unknown;

  @Allow()
  @ApiProperty({ type: 'integer', minimum: 0, required: false, default: 0 })
  offset?: unknown;
}

/** A document whose latest version's text matched: the caller may read it. */
export class SearchMatchedDocument {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', nullable: true }) title: string | null;
  @ApiProperty({ description: 'e.g. imr, overview_report' }) type: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'the version whose text matched (the latest)' }) version: number;
}

export class SearchHit {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() stage: string;
  @ApiProperty() victimPseudonym: string;
  @ApiProperty({ type: 'string', nullable: true }) perpetratorPseudonym: string | null;
  @ApiProperty({
    type: 'string',
    isArray: true,
    enum: ['reference', 'pseudonym', 'stage', 'chair', 'agency', 'document'],
    description: 'why it matched: the fields, and `document` when the text of a document did',
  })
  matched: string[];
  @ApiProperty({ type: () => SearchMatchedDocument, isArray: true }) documents: SearchMatchedDocument[];
  @ApiProperty({ type: 'number', description: 'higher first' }) score: number;
}

export class SearchResults {
  @ApiProperty({ type: () => SearchHit, isArray: true }) items: SearchHit[];
  @ApiProperty({ type: 'integer', description: 'reviews matching in all' }) total: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: 'integer' }) offset: number;
}
