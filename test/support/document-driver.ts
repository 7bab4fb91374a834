import type { Session } from './actors';
import type { TestApp } from './test-app';

/** Uploads a file as a new document of the review (multipart, as a client would). */
export function uploadDocument(
  t: TestApp,
  who: Session,
  reviewId: string,
  file: Buffer,
  fileName: string,
  fields: Record<string, string>,
  contentType = 'application/octet-stream',
) {
  let req = t.http().post(`/api/reviews/${reviewId}/documents`).set(who.auth);
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  return req.attach('file', file, { filename: fileName, contentType });
}

/** Uploads a new version of a document. */
export function uploadVersion(t: TestApp, who: Session, reviewId: string, documentId: string, file: Buffer, fileName: string) {
  return t.http().post(`/api/reviews/${reviewId}/documents/${documentId}/versions`).set(who.auth).attach('file', file, fileName);
}
