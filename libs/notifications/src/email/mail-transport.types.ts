import type { MailAddress } from './email-sender';

/** One email to one recipient. */
export interface OutgoingMail {
  to: string;
  /** The From header (a partnership's sender); absent: MAIL_FROM. The envelope sender is always MAIL_FROM's address. */
  from?: MailAddress;
  /** Where replies go (a partnership's contact, or its coordinators); absent or empty: no Reply-To. */
  replyTo?: MailAddress[];
  subject: string;
  text: string;
  html: string;
  /** Our idempotency id, sent as the Message-ID header so a retried send can be recognised. */
  messageId: string;
  /** An iCalendar (RFC 5545) invitation, sent as a text/calendar alternative so mail clients offer accept/decline. */
  icalEvent?: OutgoingIcalEvent;
}

export interface OutgoingIcalEvent {
  method: 'REQUEST' | 'CANCEL';
  /** The whole VCALENDAR text. */
  content: string;
}

export interface MailSendResult {
  accepted: boolean;
  /** Server reply or where the message was written; holds no recipient address. */
  response: string;
}

export interface MailTransport {
  /** Resolves once the message is accepted; rejects with a MailSendError otherwise. */
  send(message: OutgoingMail): Promise<MailSendResult>;
  close(): Promise<void>;
}

export interface MailTransportConfig {
  /** smtp:// or smtps:// URL; unset: messages are written as .eml files. */
  SMTP_URL?: string;
  MAIL_FROM: string;
  VAR_DIR: string;
}
