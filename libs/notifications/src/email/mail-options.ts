import type { SendMailOptions } from 'nodemailer';
import { parseMailbox } from './email-sender';
import { toMessageIdHeader } from './message-id';
import type { OutgoingMail } from './mail-transport.types';

/** The nodemailer message for one OutgoingMail, the same for SMTP and the .eml outbox. */
export function toMailOptions(message: OutgoingMail, mailFrom: string): SendMailOptions {
  return {
    from: message.from ?? mailFrom,
    to: message.to,
    ...(message.replyTo?.length ? { replyTo: message.replyTo } : {}),
    // Bounces go to the service's own address (MAIL_FROM), whichever partnership the email is from:
    // the mail server is set up to send as that one, and it is the operator's to watch.
    envelope: { from: parseMailbox(mailFrom).address, to: message.to },
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: toMessageIdHeader(message.messageId, mailFrom),
    // RFC 3834: tells mail servers and out-of-office responders not to reply automatically.
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    // A meeting's iCalendar goes inline as text/calendar (nodemailer adds it as an alternative).
    ...(message.icalEvent
      ? { icalEvent: { method: message.icalEvent.method, content: message.icalEvent.content, filename: 'invite.ics' } }
      : {}),
    // Our messages never carry attachments: refuse any file or URL content outright.
    disableFileAccess: true,
    disableUrlAccess: true,
    // One message per recipient, so a failure and its record belong to one person.
    maxRecipients: 1,
  };
}
