import type { NotificationTemplate } from '../email-data';
import { renderEmailFailed } from './email-failed.template';
import { renderEscalationChair } from './escalation-chair.template';
import { renderEscalation } from './escalation.template';
import { renderMeetingCancelled, renderMeetingInvitation, renderMeetingReminder, renderMeetingUpdated } from './meeting.template';
import { renderOverdueDigestFromEmailData } from './overdue-digest.template';
import { renderPanelPaperShared } from './panel-paper.template';
import { renderReminder } from './reminder.template';
import {
  renderActionRequest,
  renderDeadlineExtended,
  renderImrRequest,
  renderPanelInvitation,
  renderRequestUndelivered,
  renderRequestWithdrawn,
  renderScopingRequest,
} from './request.template';
import type { TemplateRenderer } from './template-renderer';

/** One renderer per notification kind; Record<> makes the compiler insist on every kind. */
export const TEMPLATES: Record<NotificationTemplate, TemplateRenderer> = {
  'clock.reminder': renderReminder,
  'clock.escalation': renderEscalation,
  'clock.escalation_chair': renderEscalationChair,
  'email.failed': renderEmailFailed,
  'meeting.invitation': renderMeetingInvitation,
  'meeting.updated': renderMeetingUpdated,
  'meeting.cancelled': renderMeetingCancelled,
  'meeting.reminder': renderMeetingReminder,
  'digest.overdue': renderOverdueDigestFromEmailData,
  'request.scoping': renderScopingRequest,
  'request.imr': renderImrRequest,
  'request.action': renderActionRequest,
  'request.panel': renderPanelInvitation,
  'deadline.extended': renderDeadlineExtended,
  'request.withdrawn': renderRequestWithdrawn,
  'request.undelivered': renderRequestUndelivered,
  'document.shared': renderPanelPaperShared,
};
