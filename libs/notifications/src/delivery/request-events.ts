import type { DeadlineKind, DhrEvent } from '@dhr/workflows/dhr/contract';
import type { NotificationTemplate, RequestKind } from '../email';

/** The events that ask something of an agency (or change what was asked), and the email each sends. */
export const REQUEST_EVENTS = {
  REQUEST_SCOPING: { template: 'request.scoping', kind: 'scoping' },
  REQUEST_IMR: { template: 'request.imr', kind: 'imr' },
  ADD_ACTION: { template: 'request.action', kind: 'action' },
  ADD_PANEL_AGENCY: { template: 'request.panel', kind: 'panel' },
  EXTEND_DEADLINE: { template: 'deadline.extended', kind: 'extension' },
  WITHDRAW_REQUEST: { template: 'request.withdrawn', kind: 'withdrawal' },
} as const satisfies Partial<Record<DhrEvent['type'], { template: NotificationTemplate; kind: RequestKind }>>;

export type RequestEventType = keyof typeof REQUEST_EVENTS;

export function isRequestEvent(type: string): type is RequestEventType {
  return Object.hasOwn(REQUEST_EVENTS, type);
}

/** The templates of request emails (and the coordinators' note when one cannot be sent). */
export const REQUEST_TEMPLATES: ReadonlySet<NotificationTemplate> = new Set([
  ...Object.values(REQUEST_EVENTS).map((e) => e.template),
  'request.undelivered',
]);

/** The clock a withdrawn request of this kind had. */
export const WITHDRAWN_CLOCK: Record<'scoping' | 'imr', DeadlineKind> = { scoping: 'scoping_return', imr: 'imr' };
