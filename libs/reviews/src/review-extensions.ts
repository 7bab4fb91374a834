import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReviewAccess } from '@dhr/access';
import type { Actor } from '@dhr/identity';
import type { DhrContext, DhrEvent, Stage } from '@dhr/workflows/dhr/contract';
import type { ReviewEntity } from './review.entities';

/** An event the machine has accepted, inside the event's transaction, before commit. */
export interface AcceptedEvent {
  manager: EntityManager;
  actor: Actor;
  /** The review as it was before the event (locked for the transaction). */
  review: ReviewEntity;
  event: DhrEvent;
  /** The workflow context before and after the event. */
  before: DhrContext;
  after: DhrContext;
  fromStage: Stage;
  toStage: Stage;
  now: Date;
}

/** An event the service has resolved, before the machine sees it: a domain may fill in what it knows. */
export interface EventToComplete {
  manager: EntityManager;
  review: ReviewEntity;
  event: DhrEvent;
  /** The workflow context before the event. */
  context: DhrContext;
}

/** One review in a view request, with how much of it the caller may see. */
export interface ViewedReview {
  review: ReviewEntity;
  access: Exclude<ReviewAccess, 'none'>;
}

/** What the views of one or more reviews (a page of a list) show of a part kept outside the statechart, for one caller. */
export interface ReviewViewRequest {
  manager: EntityManager;
  actor: Actor;
  reviews: ViewedReview[];
}

/** Fields to add to each review's view, by review id. */
export type ViewFieldsByReview = Map<string, Record<string, unknown>>;

/**
 * A domain that keeps part of a review's file outside the statechart (documents,
 * the action plan, the anonymisation check) and takes part in the spine without
 * the reviews lib depending on it.
 */
export interface ReviewExtension {
  /** The event with what this domain names filled in and checked (e.g. the report versions signed off); throwing refuses it. */
  completeEvent?(request: EventToComplete): Promise<DhrEvent>;
  /** Checks and records what the domain keeps about an accepted event; throwing an DomainError refuses the event and rolls it back. */
  onEventAccepted?(accepted: AcceptedEvent): Promise<void>;
  /**
   * Fields added to the Review shape for this caller (agency contacts: their own agency's part only),
   * for every review of the request in a bounded number of queries, however many reviews there are.
   */
  viewFields?(request: ReviewViewRequest): Promise<ViewFieldsByReview>;
}

/** The registered extensions; domain modules register theirs in `onModuleInit`. */
@Injectable()
export class ReviewExtensions {
  private readonly extensions: ReviewExtension[] = [];

  register(extension: ReviewExtension): void {
    this.extensions.push(extension);
  }

  async completeEvent(request: EventToComplete): Promise<DhrEvent> {
    let event = request.event;
    for (const extension of this.extensions) event = (await extension.completeEvent?.({ ...request, event })) ?? event;
    return event;
  }

  async eventAccepted(accepted: AcceptedEvent): Promise<void> {
    for (const extension of this.extensions) await extension.onEventAccepted?.(accepted);
  }

  async viewFields(request: ReviewViewRequest): Promise<ViewFieldsByReview> {
    const fields: ViewFieldsByReview = new Map(request.reviews.map(({ review }) => [review.id, {}]));
    if (request.reviews.length === 0) return fields;
    // Each extension reads its own tables: side by side, merged in registration order.
    const added = await Promise.all(this.extensions.map((extension) => extension.viewFields?.(request)));
    for (const byReview of added) for (const [id, more] of byReview ?? []) Object.assign(fields.get(id) ?? {}, more);
    return fields;
  }
}
