import { createEmlOutboxTransport } from './eml-outbox-transport';
import type { MailTransport, MailTransportConfig } from './mail-transport.types';
import { createSmtpMailTransport } from './smtp-mail-transport';

/** SMTP when SMTP_URL is set; otherwise .eml files under `${VAR_DIR}/outbox/`. */
export function createMailTransport(config: MailTransportConfig): MailTransport {
  return config.SMTP_URL
    ? createSmtpMailTransport(config.SMTP_URL, config.MAIL_FROM)
    : createEmlOutboxTransport(config.MAIL_FROM, config.VAR_DIR);
}
