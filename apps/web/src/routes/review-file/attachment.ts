import type { Response } from 'express';

/** `attachment`, with the (already sanitised) file name as an RFC 6266/5987 parameter and an ASCII fallback. */
export function contentDisposition(fileName: string | null): string {
  if (!fileName) return 'attachment';
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Sends a file to download, never to be shown inline or kept in a cache (OFFICIAL-SENSITIVE). */
export function sendAttachment(res: Response, file: { bytes: Buffer; mediaType: string; fileName: string | null }): void {
  res.set({
    'Content-Type': file.mediaType,
    'Content-Length': String(file.bytes.length),
    'Content-Disposition': contentDisposition(file.fileName),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(file.bytes);
}
