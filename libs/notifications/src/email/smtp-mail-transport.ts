import nodemailer from 'nodemailer';
import { MailSendError, redactAddresses, toMailSendError } from './mail-send-error';
import { toMailOptions } from './mail-options';
import type { MailTransport, OutgoingMail } from './mail-transport.types';

/** How long to wait before giving up on an unresponsive server, in milliseconds. */
export interface SmtpTimeouts {
  /** TCP connect. */
  connectionTimeout: number;
  /** From connect to the server's 220 greeting. */
  greetingTimeout: number;
  /** Silence on an open connection (e.g. a server that stops answering mid-message). */
  socketTimeout: number;
  dnsTimeout: number;
}

/** A dead or hung server fails in about ten seconds, so the caller can retry later. */
export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 20_000,
  dnsTimeout: 10_000,
};

export function createSmtpMailTransport(smtpUrl: string, mailFrom: string, timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS): MailTransport {
  // Settings in the URL (host, port, auth, secure) win over these defaults.
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    // Five at once per worker (nodemailer's own default): two capped a burst of escalations at two messages per
    // round trip to the relay. A relay that allows fewer takes `?maxConnections=N` in SMTP_URL.
    maxConnections: 5,
    // The notification outbox retries failed sends itself (with the same Message-ID);
    // nodemailer re-sending behind its back would hide failures and delay the answer.
    maxRequeues: 0,
    ...timeouts,
    logger: false,
  });
  let closed = false;

  return {
    async send(message: OutgoingMail) {
      if (closed) throw new MailSendError('Mail not sent: transport closed', false, undefined, 'ECLOSED');
      try {
        const info = await transporter.sendMail(toMailOptions(message, mailFrom));
        const rejected = info.rejected ?? [];
        if (rejected.length > 0) {
          throw toMailSendError(info.rejectedErrors?.[0] ?? { code: 'EENVELOPE', permanent: true }, message.to);
        }
        return { accepted: true, response: redactAddresses(String(info.response ?? ''), message.to) };
      } catch (error) {
        throw toMailSendError(error, message.to);
      }
    },
    async close() {
      closed = true;
      transporter.close();
    },
  };
}
