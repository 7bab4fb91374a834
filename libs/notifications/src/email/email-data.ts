import type { DeadlineKind } from '@dhr/workflows/dhr/contract';

/** Every kind of notification email the engine sends. */
export const NOTIFICATION_TEMPLATES = [
  'clock.reminder',
  'clock.escalation',
  'clock.escalation_chair',
  'email.failed',
  'meeting.invitation',
  'meeting.updated',
  'meeting.cancelled',
  'meeting.reminder',
  'digest.overdue',
] as const;
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

/** What a template needs. Only `recipientName` is a person's name, and it is used in the greeting only. */
export interface EmailData {
  reviewId: string;
  /** Review reference, e.g. DHR-CROY-2026-001: safe for subjects. */
  reference: string;
  deadlineKind: DeadlineKind;
  dueAt: Date;
  agencyName?: string;
  recipientName: string;
  /** Whole days past due; required by clock.escalation_chair. */
  overdueDays?: number;
  /** How far ahead a reminder is, e.g. '7 days'. */
  reminderLabel?: string;
  /** email.failed: the ROLE of the person who could not be reached (e.g. 'agency_contact'), never their address. */
  failedRecipientRole?: string;
  /** email.failed: the template of the email that could not be delivered. */
  failedTemplate?: string;
  /** Base URL of the web app, e.g. https://dhr.example.gov.uk */
  publicUrl: string;
  /** meeting.* (and email.failed about one): the panel meeting as it is now. */
  meeting?: MeetingEmailData;
}

/** A panel meeting as its emails show it. Location and agenda go in the body and the .ics, never the subject. */
export interface MeetingEmailData {
  number: number;
  startsAt: Date;
  endsAt: Date;
  location: string;
  agenda: string | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}
