// Email layer of deadline notifications: wording, rendering and delivery.
export { formatGovukDate, formatGovukDateTime, formatGovukIsoDate, formatGovukTime } from './govuk-time';
export { escapeHtml } from './safe-html';
export { NOTIFICATION_TEMPLATES } from './email-data';
export type {
  ContactPerson,
  EmailData,
  EmailPartnership,
  MeetingEmailData,
  NotificationTemplate,
  RenderedEmail,
  RequestEmailData,
  RequestKind,
} from './email-data';
export { DEADLINE_WORDING, deadlineWording } from './deadline-wording';
export type { DeadlineWording } from './deadline-wording';
export { markSubject, PROTECTIVE_MARKING } from './templates/layout';
export { emailSender } from './email-sender';
export type { EmailSender, MailAddress } from './email-sender';
export { reviewUrl } from './review-link';
export { renderEmail } from './render-email';
export { createMailTransport } from './mail-transport';
export type { MailSendResult, MailTransport, MailTransportConfig, OutgoingIcalEvent, OutgoingMail } from './mail-transport.types';
export { buildMeetingIcs, MEETING_ICS_ZONE, meetingUid } from './meeting-ics';
export type { MeetingIcsInput } from './meeting-ics';
export { meetingReminderAt } from './meeting-reminder-time';
export { MailSendError } from './mail-send-error';
export { DEFAULT_SMTP_TIMEOUTS, createSmtpMailTransport } from './smtp-mail-transport';
export type { SmtpTimeouts } from './smtp-mail-transport';
export { OUTBOX_DIR, createEmlOutboxTransport } from './eml-outbox-transport';
