/**
 * Our idempotency id as an RFC 5322 Message-ID: `<id@domain>`. An id without a
 * domain part gets the domain of MAIL_FROM, so the header stays well formed.
 */
export function toMessageIdHeader(messageId: string, mailFrom: string): string {
  const id = messageId.trim().replace(/^<|>$/g, '');
  if (!id) throw new Error('messageId is required');
  if (/[\s<>]/.test(id)) throw new Error('messageId may not contain spaces or angle brackets');
  if (id.includes('@')) return `<${id}>`;
  const domain = /@([^\s<>@]+?)>?\s*$/.exec(mailFrom)?.[1] ?? 'localhost';
  return `<${id}@${domain}>`;
}

/** A file-name-safe form of the id: letters, digits, '.', '_' and '-' only, bounded in length. */
export function messageIdFileStem(messageId: string): string {
  const stem = messageId
    .replace(/^<|>$/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 100);
  return stem || 'message';
}
