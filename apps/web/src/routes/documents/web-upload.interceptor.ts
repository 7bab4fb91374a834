import { CallHandler, ExecutionContext, HttpException, Injectable } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import type { UploadedDocumentFile } from '@dhr/documents';
import { CsrfRefused, csrfTokenValid } from '../../middleware/setUpCsrf';

/** How many files one upload form may send (an agency's IMR or chronology may come in parts). */
export const MAX_FILES_PER_UPLOAD = 10;

/** Why multer stopped reading a form, for the form to say so: too big (413), too many files, or malformed. */
export type UploadProblem = 'too_large' | 'too_many' | 'malformed';

declare module 'express-serve-static-core' {
  interface Request {
    uploadProblem?: UploadProblem;
    /** The files multer read from the `file` field (memory storage). */
    uploadedFiles?: UploadedDocumentFile[];
  }
}

/**
 * The upload forms' multipart parser: Nest's FilesInterceptor (multer, memory storage) with the
 * DocumentsModule's options (DOCUMENT_MAX_BYTES per file, as the API), up to ten files in `file`.
 * It runs after the signed-in guard, so nobody signed out can make the service read a file.
 * The CSRF token is in the multipart body, so it is checked here, as soon as multer has read it
 * and before the controller runs (setUpCsrf defers these paths to here). A form multer refuses
 * (a file too big, too many files) is still refused as CSRF first; otherwise the controller
 * shows the problem as a form error.
 */
@Injectable()
export class WebUploadInterceptor extends FilesInterceptor('file', MAX_FILES_PER_UPLOAD, { limits: { files: MAX_FILES_PER_UPLOAD } }) {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request>();
    const checked: CallHandler = {
      handle: () => {
        if (!csrfTokenValid(req)) throw new CsrfRefused();
        const files = (req as { files?: unknown }).files;
        req.uploadedFiles = Array.isArray(files) ? (files as UploadedDocumentFile[]) : [];
        return next.handle();
      },
    };
    try {
      return await super.intercept(context, checked);
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      // multer stopped: the fields it read before stopping hold the token (the form sends it first).
      if (!csrfTokenValid(req)) throw new CsrfRefused();
      req.uploadProblem =
        error.getStatus() === 413 ? 'too_large' : /too many files|unexpected file/i.test(error.message) ? 'too_many' : 'malformed';
      req.uploadedFiles = [];
      return next.handle();
    }
  }
}
