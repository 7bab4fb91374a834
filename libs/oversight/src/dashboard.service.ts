import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RULEBOOK } from '@dhr/clocks';
import { Clock, DomainError } from '@dhr/core';
import { Actor, MembershipService } from '@dhr/identity';
import type { Rulebook } from '@dhr/workflows/dhr/rulebook';
import { resolvePeriod, ResolvedPeriod } from './dashboard-period';
import { forecastRulebook, forecastsFor, ReviewForecast } from './forecast.service';
import {
  actionProgress,
  ActionProgress,
  agencyResponsiveness,
  AgencyResponsiveness,
  homeOfficeQaRounds,
  HeldReview,
  LateReview,
  nationalRecommendations,
  overdueNow,
  OverdueNow,
  QaRounds,
  reviewsByStage,
  reviewsOnHold,
  reviewsPastExpectation,
  StageCount,
  StageTime,
  timeInStages,
} from './queries/dashboard.queries';
import type { Queryable } from './queries/queryable';

/** The roles that oversee a partnership's reviews and so see its dashboard. */
export const DASHBOARD_ROLES = ['coordinator', 'csp_chair'] as const;

export interface DashboardPartnership {
  partnershipId: string;
  partnershipName: string;
}

export interface DashboardView {
  partnerships: DashboardPartnership[];
  period: { from: string; to: string };
  generatedAt: Date;
  stages: StageCount[];
  onHold: HeldReview[];
  pastExpectation: LateReview[];
  stageTimes: StageTime[];
  overdue: OverdueNow;
  agencies: AgencyResponsiveness[];
  homeOfficeQa: QaRounds;
  actionPlan: ActionProgress;
  nationalRecommendations: { status: string; count: number }[];
  likelyLate: ReviewForecast[];
}

/** Every figure of the dashboard for these partnerships and period: a fixed number of queries, whatever the caseload. */
export async function dashboardFigures(
  db: Queryable,
  partnershipIds: string[],
  period: ResolvedPeriod,
  now: Date,
  rulebook: Rulebook,
): Promise<Omit<DashboardView, 'partnerships'>> {
  const book = forecastRulebook(rulebook);
  const [stages, onHold, pastExpectation, stageTimes, overdue, agencies, homeOfficeQa, actionPlan, recommendations, forecasts] =
    await Promise.all([
      reviewsByStage(db, partnershipIds),
      reviewsOnHold(db, partnershipIds, now),
      reviewsPastExpectation(db, partnershipIds, now, book.completion),
      timeInStages(db, partnershipIds, period),
      overdueNow(db, partnershipIds, now),
      agencyResponsiveness(db, partnershipIds, period, now),
      homeOfficeQaRounds(db, partnershipIds, period),
      actionProgress(db, partnershipIds, now),
      nationalRecommendations(db, partnershipIds),
      forecastsFor(db, partnershipIds, now, book),
    ]);
  return {
    period: { from: period.fromDate, to: period.toDate },
    generatedAt: now,
    stages,
    onHold,
    pastExpectation,
    stageTimes,
    overdue,
    agencies,
    homeOfficeQa,
    actionPlan,
    nationalRecommendations: recommendations,
    likelyLate: forecasts.filter((f) => f.likelyLate),
  };
}

@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly memberships: MembershipService,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
  ) {}

  /** The partnerships whose dashboard this person may see: those where a membership makes them a coordinator or CSP chair. */
  async partnershipsOf(actor: Actor): Promise<DashboardPartnership[]> {
    const memberships = await this.memberships.of(actor.userId);
    return memberships
      .filter((m) => (DASHBOARD_ROLES as readonly string[]).includes(m.role))
      .map((m) => ({ partnershipId: m.partnershipId, partnershipName: m.partnershipName }));
  }

  /**
   * The dashboard of some of the caller's partnerships (all of them: null), taken together. A
   * partnership the caller oversees through no membership answers 404, as a review they may not see.
   */
  async dashboard(actor: Actor, partnershipIds: string[] | null, query: { from?: string; to?: string }): Promise<DashboardView> {
    if (!(DASHBOARD_ROLES as readonly string[]).includes(actor.role)) throw DomainError.forbidden();
    const now = this.clock.now();
    const period = resolvePeriod(query, now);
    const mine = await this.partnershipsOf(actor);
    const chosen = partnershipIds === null ? mine : mine.filter((p) => partnershipIds.includes(p.partnershipId));
    if (chosen.length === 0 || (partnershipIds !== null && chosen.length !== new Set(partnershipIds).size))
      throw DomainError.notFound('partnership');
    const figures = await dashboardFigures(
      this.db,
      chosen.map((p) => p.partnershipId),
      period,
      now,
      this.rulebook,
    );
    return { partnerships: chosen, ...figures };
  }
}
