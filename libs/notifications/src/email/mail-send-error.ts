/**
 * A failed send, safe to store and log: the message holds the SMTP reply code and
 * text (or the network error code) with every email address removed. The original
 * nodemailer error is deliberately not kept as `cause`, as it names the recipient.
 */
export class MailSendError extends Error {
  override readonly name = 'MailSendError';

  constructor(
    message: string,
    /** true: retrying the same message will fail again (5xx reply); false: worth retrying. */
    readonly permanent: boolean,
    readonly responseCode?: number,
    /** nodemailer error code, e.g. EENVELOPE, ESOCKET, ETIMEDOUT. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The fields nodemailer sets on its errors (see NodemailerError in nodemailer's errors.d.ts). */
interface SmtpErrorLike {
  code?: string;
  originalCode?: string;
  response?: string;
  responseCode?: number;
  permanent?: boolean;
  command?: string;
  timeoutType?: string;
}

const REFUSED_LOCALLY = new Set(['EENVELOPE', 'ECONFIG', 'EMAXRECIPIENTS']);

const EMAIL_ADDRESS = /[^\s<>@"',;:()[\]]+@[^\s<>@"',;:()[\]]+/g;
const REDACTED = '[redacted]';

/** Removes `address` and anything that looks like an email address from `text`. */
export function redactAddresses(text: string, address?: string): string {
  let out = text;
  if (address) out = out.split(address).join(REDACTED);
  return out.replace(EMAIL_ADDRESS, REDACTED);
}

/**
 * Permanent = the server refused this message for good (5xx). nodemailer already
 * classifies replies this way in `permanent` (treating 503 "bad sequence" as
 * transient, as it is a session problem); we fall back to the code class. Network
 * errors without a reply (refused connection, timeout, dropped socket) are transient.
 */
function isPermanent(err: SmtpErrorLike): boolean {
  if (typeof err.permanent === 'boolean') return err.permanent;
  if (typeof err.responseCode === 'number') return err.responseCode >= 500 && err.responseCode < 600;
  // Refused before any server was asked (malformed address, bad settings): retrying cannot help.
  return err.code !== undefined && REFUSED_LOCALLY.has(err.code);
}

function describe(err: SmtpErrorLike, recipient: string): string {
  if (err.response) {
    const command = err.command ? ` to ${err.command}` : '';
    return `Mail not sent: server replied${command}: ${redactAddresses(err.response.trim(), recipient)}`;
  }
  const details = [err.code, err.originalCode, err.timeoutType].filter((part): part is string => Boolean(part));
  return `Mail not sent: ${details.length ? details.join(' ') : 'unknown error'}`;
}

/** Converts whatever nodemailer threw into a MailSendError that never names the recipient. */
export function toMailSendError(error: unknown, recipient: string): MailSendError {
  if (error instanceof MailSendError) return error;
  const err: SmtpErrorLike = typeof error === 'object' && error !== null ? (error as SmtpErrorLike) : {};
  return new MailSendError(describe(err, recipient), isPermanent(err), err.responseCode, err.code);
}
