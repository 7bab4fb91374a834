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
  // Told at once when the review asks something of an agency, or changes what it asked.
  'request.scoping',
  'request.imr',
  'request.action',
  'request.panel',
  'deadline.extended',
  'request.withdrawn',
  // To the coordinators, when the agency has no contact to send one of those to.
  'request.undelivered',
  // To each agency contact on the panel: a document has been shared with the panel (a link, no attachment).
  'document.shared',
] as const;
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

/** What a template needs. Only `recipientName` is a person's name, and it is used in the greeting only. */
export interface EmailData {
  reviewId: string;
  /** Review reference, e.g. DHR-CROY-2026-001: safe for subjects. */
  reference: string;
  deadlineKind: DeadlineKind;
  dueAt: Date;
  /** The agency the deadline or request is about: safe for subjects (an organisation, not a person). */
  agencyName?: string;
  recipientName: string;
  /** The recipient's role in the review's partnership (e.g. 'agency_contact'): decides "What to do". */
  recipientRole?: string;
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
  /** An action-plan deadline or request: what the action is. Free text: the body only, never the subject. */
  actionDescription?: string;
  /** Whose review it is and whom to contact about it: every notification email names both. */
  partnership: EmailPartnership;
  /** request.*, deadline.extended: what was asked of the agency, or changed. */
  request?: RequestEmailData;
  /** document.shared: the document shared with the panel, by id and kind (a fixed code: never its title). */
  sharedDocument?: { id: string; kind: string };
}

/** A panel meeting as its emails show it. Location and agenda go in the body and the .ics, never the subject. */
export interface MeetingEmailData {
  number: number;
  startsAt: Date;
  endsAt: Date;
  location: string;
  agenda: string | null;
}

/** A person to contact about a review (staff, not the people the review is about). */
export interface ContactPerson {
  name: string;
  email: string;
}

export interface EmailPartnership {
  name: string;
  /**
   * Whom to contact (and reply to): the partnership's named contact, or else its coordinators
   * (`contactIsCoordinators`); empty when it has neither.
   */
  contacts: ContactPerson[];
  contactIsCoordinators: boolean;
}

/** What an event asked of an agency, or changed, as the email tells it. */
export const REQUEST_KINDS = ['scoping', 'imr', 'action', 'panel', 'extension', 'withdrawal'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export interface RequestEmailData {
  kind: RequestKind;
  /** The period under review, once the terms of reference are agreed (YYYY-MM-DD). */
  termsOfReference: { periodFrom: string; periodTo: string } | null;
  /** extension: the due time it replaced. */
  previousDueAt?: Date;
  /** extension, withdrawal: why, as the coordinator wrote it (the body only). */
  reason?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}
