import { Injectable } from '@nestjs/common';
import type { DocumentType } from './document-types';

/** A file about to be stored: its declared type, its sniffed media type and its bytes. */
export interface IncomingDocument {
  type: DocumentType;
  mediaType: string;
  bytes: Buffer;
}

/** Checks a domain makes of a document's content before it is stored; throwing an DomainError (e.g. 422) refuses the upload. */
export type DocumentUploadCheck = (incoming: IncomingDocument) => void | Promise<void>;

/** Content checks registered by other domains (e.g. the chronology's row format); run before anything is written. */
@Injectable()
export class DocumentUploadChecks {
  private readonly checks: DocumentUploadCheck[] = [];

  register(check: DocumentUploadCheck): void {
    this.checks.push(check);
  }

  async run(incoming: IncomingDocument): Promise<void> {
    for (const check of this.checks) await check(incoming);
  }
}
