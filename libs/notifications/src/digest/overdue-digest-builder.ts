import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BankHolidays, ClockRecord, latestEscalationIndex, openClocksDueBy, RULEBOOK } from '@dhr/clocks';
import { IdentityDirectory, Role } from '@dhr/identity';
import { ReviewReadModel, ReviewSummary } from '@dhr/reviews';
import type { Rulebook } from '@dhr/workflows/dhr/rulebook/rulebook.types';
import type { OverdueDigestItem, OverdueDigestReview } from '../email/templates/overdue-digest.template';
import { escalationIds, ownerIds, RecipientDirectory } from '../recipients';
import { londonDaysOverdue } from './digest-days';

/** Each person's overdue items, by user id: only people with at least one. */
export type DigestsByRecipient = Map<string, OverdueDigestReview[]>;

/**
 * Builds the daily digest from Postgres: every open clock due by `now`, each given to
 * the people responsible for it (its owners, as its reminders) and those it is escalated
 * to (the coordinators and, for an agency's clock, that agency's contacts; the CSP chairs
 * once it reached step 1). Memberships decide who is who in each partnership, so a person
 * in several partnerships has one digest with each partnership's items they take part in.
 * A fixed number of queries per partnership and agency, not per clock.
 */
@Injectable()
export class OverdueDigestBuilder {
  constructor(
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
    private readonly holidays: BankHolidays,
    private readonly directory: IdentityDirectory,
    private readonly reviews: ReviewReadModel,
  ) {}

  async build(manager: EntityManager, now: Date): Promise<DigestsByRecipient> {
    const clocks = await openClocksDueBy(manager, now);
    if (clocks.length === 0) return new Map();
    const reviewIds = [...new Set(clocks.map((c) => c.reviewId))];
    // One after another: inside the digest's transaction they share one connection.
    const summaries = await this.reviews.summaries(reviewIds, manager);
    const actions = await this.reviews.actionDescriptions(reviewIds, manager);
    const names = await this.directory.names({ agencyIds: clocks.map((c) => c.agencyId) }, manager);
    const partnerships = await this.directory.partnershipNames(
      clocks.map((c) => c.partnershipId),
      manager,
    );
    const reviewById = new Map(summaries.map((r) => [r.id, r]));
    const directory = memoDirectory(this.directory, manager);

    const byRecipient = new Map<string, Map<string, OverdueDigestReview>>();
    for (const clock of clocks) {
      const review = reviewById.get(clock.reviewId);
      if (!review) continue;
      const item: OverdueDigestItem = {
        kind: clock.kind,
        agencyName: names.agencyName(clock.agencyId),
        actionDescription: clock.actionId ? (actions.get(clock.actionId) ?? null) : null,
        dueAt: clock.dueAt,
        daysOverdue: londonDaysOverdue(clock.dueAt, now),
      };
      for (const userId of await this.recipients(directory, manager, clock, review, now)) {
        const reviews = byRecipient.get(userId) ?? new Map<string, OverdueDigestReview>();
        byRecipient.set(userId, reviews);
        const entry = reviews.get(review.id) ?? {
          reviewId: review.id,
          reference: review.reference,
          partnershipName: partnerships.get(review.partnershipId) ?? '',
          items: [],
        };
        reviews.set(review.id, entry);
        entry.items.push(item);
      }
    }
    // Reviews by reference; items stay in due order (the clocks were read that way).
    return new Map(
      [...byRecipient].map(([userId, reviews]) => [userId, [...reviews.values()].sort((a, b) => a.reference.localeCompare(b.reference))]),
    );
  }

  private async recipients(
    directory: RecipientDirectory,
    manager: EntityManager,
    clock: ClockRecord,
    review: ReviewSummary,
    now: Date,
  ): Promise<string[]> {
    const rule = this.rulebook.clocks[clock.kind];
    // Step 1 (the CSP chairs told) once `after` has passed; the repeats add nobody.
    const step = Math.min(1, latestEscalationIndex(clock.dueAt, now, rule.escalation, this.holidays) ?? 0);
    const owners = await ownerIds(directory, manager, clock, rule.owner, review.chairUserId);
    const escalated = await escalationIds(directory, manager, clock, rule.owner, step);
    return [...new Set([...owners, ...escalated])];
  }
}

/** The directory's role and contact lists, each asked once per digest whatever the number of clocks. */
function memoDirectory(directory: IdentityDirectory, manager: EntityManager): RecipientDirectory {
  const memo = new Map<string, Promise<string[]>>();
  const once = (key: string, read: () => Promise<string[]>) => {
    if (!memo.has(key)) memo.set(key, read());
    return memo.get(key)!;
  };
  return {
    userIdsWithRole: (partnershipId: string, roles: Role[]) =>
      once(`roles:${partnershipId}:${[...roles].sort().join(',')}`, () => directory.userIdsWithRole(partnershipId, roles, manager)),
    agencyContactIds: (agencyIds: string[]) =>
      once(`agencies:${[...agencyIds].sort().join(',')}`, () => directory.agencyContactIds(agencyIds, manager)),
  };
}
