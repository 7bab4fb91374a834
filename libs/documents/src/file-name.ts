/**
 * The client's file name, kept as metadata only (never a path): the last path
 * segment, without control or bidi-override characters, at most 255 characters.
 */
export function sanitizeFileName(raw: string | undefined | null): string | null {
  if (!raw) return null;
  const last = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 255);
  return cleaned === '' ? null : cleaned;
}
