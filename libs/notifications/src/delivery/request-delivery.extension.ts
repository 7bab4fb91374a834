import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClocksService, RULEBOOK } from '@dhr/clocks';
import { IdentityDirectory } from '@dhr/identity';
import { AcceptedEvent, ReviewExtension, ReviewReadModel } from '@dhr/reviews';
import type { DeadlineKind } from '@dhr/workflows/dhr/contract';
import type { Rulebook } from '@dhr/workflows/dhr/rulebook/rulebook.types';
import type { NotificationTemplate } from '../email';
import { NotificationWriter } from '../notification-writer';
import { ownerIds } from '../recipients';
import { isRequestEvent, REQUEST_EVENTS, WITHDRAWN_CLOCK } from './request-events';
import { requestKey } from './request-key';

/** Whom an accepted event's email is about, and the clock it concerns (none for a panel invitation). */
interface Addressed {
  agencyId: string | null;
  clockId: string | null;
}

/**
 * Requests are delivered: when the spine accepts an event that asks something of an agency (a
 * scoping return, an IMR, an action, a place on the panel) or changes what it asked (a new due
 * date, a withdrawal), the agency's contacts are emailed at once. Each email is a notification
 * row written in the event's own transaction, keyed by the event, and sent by the send-email
 * pipeline (retries, Message-ID, email.failed): it exists exactly when the event does.
 * An agency with no contact on the system: its coordinators are told to send it themselves.
 * A new date for a case clock (no agency) tells its owners, as its reminders do.
 */
@Injectable()
export class RequestDeliveryExtension implements ReviewExtension {
  constructor(
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
    private readonly clocks: ClocksService,
    private readonly directory: IdentityDirectory,
    private readonly reviews: ReviewReadModel,
    private readonly notifications: NotificationWriter,
  ) {}

  async onEventAccepted({ manager, review, event, after, now }: AcceptedEvent): Promise<void> {
    if (!isRequestEvent(event.type)) return;
    const seq = await this.reviews.latestEventSeq(review.id, manager);
    if (seq === null) return;
    const addressed = await this.addressed(manager, review.id, event, now);
    let template: NotificationTemplate = REQUEST_EVENTS[event.type].template;
    let recipients: string[];
    if (addressed.agencyId) {
      recipients = await this.directory.agencyContactIds([addressed.agencyId], manager);
      if (recipients.length === 0) {
        template = 'request.undelivered';
        recipients = await this.directory.userIdsWithRole(review.partnershipId, ['coordinator'], manager);
      }
    } else {
      recipients = await this.caseClockOwners(manager, addressed.clockId, after.chairUserId);
    }
    await this.notifications.create(manager, {
      reviewId: review.id,
      clockId: addressed.clockId,
      // Not an alarm step of the clock: the alarm plan never counts it as one sent.
      clockDueAt: null,
      template,
      step: 'request',
      alarmKey: requestKey(review.id, seq),
      recipientIds: recipients,
    });
  }

  /** The agency and clock an event is about, read after its clock effects (the clock it started, moved or cancelled). */
  private async addressed(manager: EntityManager, reviewId: string, event: AcceptedEvent['event'], now: Date): Promise<Addressed> {
    switch (event.type) {
      case 'REQUEST_SCOPING':
        return { agencyId: event.agencyId, clockId: await this.latestClock(manager, reviewId, now, 'scoping_return', event.agencyId) };
      case 'REQUEST_IMR':
        return { agencyId: event.agencyId, clockId: await this.latestClock(manager, reviewId, now, 'imr', event.agencyId) };
      case 'WITHDRAW_REQUEST':
        return {
          agencyId: event.agencyId,
          clockId: await this.latestClock(manager, reviewId, now, WITHDRAWN_CLOCK[event.kind], event.agencyId),
        };
      case 'ADD_ACTION': {
        const deadlines = await this.clocks.deadlines(reviewId, now, manager);
        return { agencyId: event.agencyId, clockId: deadlines.find((d) => d.actionId === event.actionId)?.id ?? null };
      }
      case 'ADD_PANEL_AGENCY':
        return { agencyId: event.agencyId, clockId: null };
      case 'EXTEND_DEADLINE': {
        const clock = await this.clocks.clock(event.deadlineId, manager);
        return { agencyId: clock?.agencyId ?? null, clockId: clock?.id ?? null };
      }
      default:
        return { agencyId: null, clockId: null };
    }
  }

  /** The newest clock of a kind for an agency: the one the event just started (or cancelled). */
  private async latestClock(
    manager: EntityManager,
    reviewId: string,
    now: Date,
    kind: DeadlineKind,
    agencyId: string,
  ): Promise<string | null> {
    const deadlines = await this.clocks.deadlines(reviewId, now, manager);
    return deadlines.filter((d) => d.kind === kind && d.agencyId === agencyId).at(-1)?.id ?? null;
  }

  /** A case clock's owners, as its reminders go to them (coordinators, CSP chairs, the review's chair). */
  private async caseClockOwners(manager: EntityManager, clockId: string | null, chairUserId: string | null): Promise<string[]> {
    const clock = clockId ? await this.clocks.clock(clockId, manager) : null;
    if (!clock) return [];
    return ownerIds(this.directory, manager, clock, this.rulebook.clocks[clock.kind].owner, chairUserId);
  }
}
