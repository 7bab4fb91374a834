import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RULEBOOK } from '@dhr/clocks';
import { Clock } from '@dhr/core';
import type { Actor } from '@dhr/identity';
import { ReviewFile } from '@dhr/reviews';
import type { Rulebook } from '@dhr/workflows/dhr/rulebook';
import { CompletionForecast, forecastCompletion, ForecastRulebook } from './completion-forecast';
import { median } from './percentiles';
import { forecastHistory, ForecastHistory, openReviewFacts, OpenReviewFacts } from './queries/forecast.queries';
import type { StageDays } from './completion-forecast';
import type { Queryable } from './queries/queryable';

/** Completed reviews a partnership needs of its own before its forecasts use them rather than the whole deployment's. */
export const OWN_HISTORY_MINIMUM = 5;

/** A review's forecast, with what names it in lists. */
export interface ReviewForecast extends CompletionForecast {
  reviewId: string;
  reference: string;
  victimPseudonym: string;
  stage: string;
}

export function forecastRulebook(rulebook: Rulebook): ForecastRulebook {
  return {
    completion: rulebook.clocks.completion.length,
    decision: rulebook.clocks.decision.length,
    homeOfficeSubmission: rulebook.clocks.home_office_submission.length,
    publication: rulebook.clocks.publication.length,
  };
}

/**
 * Forecasts for many reviews from a handful of queries: the partnerships' history once, the
 * deployment's only when a partnership has too little of its own, and the open reviews' facts.
 * Callable with a DataSource alone (the national bench) as well as through the service.
 */
export async function forecastsFor(
  db: Queryable,
  partnershipIds: string[],
  now: Date,
  rulebook: ForecastRulebook,
  reviewIds: string[] | null = null,
  viewerAgencyId: string | null = null,
): Promise<ReviewForecast[]> {
  const [history, reviews] = await Promise.all([forecastHistory(db, partnershipIds), openReviewFacts(db, partnershipIds, now, reviewIds)]);
  const thin = reviews.some((r) => (history.samples.get(r.partnershipId)?.length ?? 0) < OWN_HISTORY_MINIMUM);
  const deployment = thin ? await deploymentHistory(db) : null;
  return reviews.map((review) => forecastOne(review, history, deployment, now, rulebook, viewerAgencyId));
}

/** What a partnership with too little history of its own borrows from the whole deployment, worked out once. */
interface DeploymentHistory {
  /** At most DEPLOYMENT_SAMPLES completed reviews' stage days, spread evenly over all of them. */
  samples: StageDays[];
  /** How many completed reviews there are in all (what the forecast says it is based on). */
  completed: number;
  /** Median of the partnerships' typical holds; null when no hold has ended anywhere. */
  typicalHoldDays: number | null;
}

/**
 * Completed reviews a forecast takes from the deployment at most. Each open review's forecast sorts
 * one total per sample: over all of a national deployment's (55,000) that cost about 10 ms of CPU a
 * review, and a thin partnership's dashboard a tenth of a second; the median and quartiles of an
 * even spread of 1,000 are within a day of those of all of them.
 */
export const DEPLOYMENT_SAMPLES = 1_000;

/** Every `step`th sample, so that no partnership or period is favoured by the order rows came in. */
export function evenSpread<T>(all: readonly T[], most: number): T[] {
  if (all.length <= most) return [...all];
  const step = all.length / most;
  return Array.from({ length: most }, (_, i) => all[Math.floor(i * step)]);
}

/**
 * The whole deployment's completed reviews change only when a review completes, yet reading them
 * walks every completed review's history (hundreds of ms at national scale): kept a minute per
 * database handle, so a caseload page or dashboard does not pay for it on every request.
 */
const DEPLOYMENT_HISTORY_TTL_MS = 60_000;
const deploymentHistories = new WeakMap<object, { readAt: number; history: Promise<DeploymentHistory> }>();

function deploymentHistory(db: Queryable): Promise<DeploymentHistory> {
  const cached = deploymentHistories.get(db);
  if (cached && Date.now() - cached.readAt < DEPLOYMENT_HISTORY_TTL_MS) return cached.history;
  const history = forecastHistory(db, null).then((all) => {
    const completed = [...all.samples.values()].flat();
    return {
      samples: evenSpread(completed, DEPLOYMENT_SAMPLES),
      completed: completed.length,
      typicalHoldDays: median([...all.typicalHoldDays.values()]),
    };
  });
  deploymentHistories.set(db, { readAt: Date.now(), history });
  history.catch(() => deploymentHistories.delete(db)); // a failed read is not kept
  return history;
}

function forecastOne(
  review: OpenReviewFacts,
  own: ForecastHistory,
  deployment: DeploymentHistory | null,
  now: Date,
  rulebook: ForecastRulebook,
  viewerAgencyId: string | null,
): ReviewForecast {
  const ownSamples = own.samples.get(review.partnershipId) ?? [];
  const useOwn = ownSamples.length >= OWN_HISTORY_MINIMUM || !deployment;
  const samples = useOwn ? ownSamples : deployment.samples;
  const typicalHoldDays = own.typicalHoldDays.get(review.partnershipId) ?? deployment?.typicalHoldDays ?? null;
  const forecast = forecastCompletion({
    now,
    stage: review.stage,
    stageEnteredAt: review.stageEnteredAt,
    commissionedAt: review.commissionedAt,
    onHoldSince: review.onHoldSince,
    overdueRequests: review.overdueRequests.map((r) => ({ ...r, typicalLateDays: own.typicalLateDays.get(r.agencyId) ?? null })),
    samples,
    basis: useOwn ? 'partnership' : 'deployment',
    typicalHoldDays,
    rulebook,
    viewerAgencyId,
  });
  return {
    reviewId: review.reviewId,
    reference: review.reference,
    victimPseudonym: review.victimPseudonym,
    stage: review.stage,
    ...forecast,
    sampleSize: useOwn ? ownSamples.length : deployment.completed,
  };
}

@Injectable()
export class ForecastService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly file: ReviewFile,
    @Inject(RULEBOOK) private readonly rulebook: Rulebook,
  ) {}

  /** The forecast of one review, for whoever may see it (404 otherwise). Signed-off, published or closed reviews forecast nothing. */
  async forReview(actor: Actor, reviewId: string): Promise<ReviewForecast> {
    const { review, access } = await this.file.read(actor, reviewId, {}, async (tx) => ({ review: tx.review, access: tx.access }));
    const now = this.clock.now();
    // An agency contact sees their own agency's part only: the reasons name no other agency.
    const viewer = access === 'agency' ? actor.agencyId : null;
    const [forecast] = await forecastsFor(this.db, [review.partnershipId], now, forecastRulebook(this.rulebook), [reviewId], viewer);
    if (forecast) return forecast;
    const none = forecastCompletion({
      now,
      stage: review.stage,
      stageEnteredAt: now,
      commissionedAt: null,
      onHoldSince: null,
      overdueRequests: [],
      samples: [],
      basis: 'partnership',
      typicalHoldDays: null,
      rulebook: forecastRulebook(this.rulebook),
    });
    return { reviewId, reference: review.reference, victimPseudonym: review.victimPseudonym, stage: review.stage, ...none };
  }

  /** Forecasts of some reviews of one partnership that the caller has already been shown (a page of the caseload): one set of queries. */
  forListed(partnershipId: string, reviewIds: string[]): Promise<ReviewForecast[]> {
    if (reviewIds.length === 0) return Promise.resolve([]);
    return forecastsFor(this.db, [partnershipId], this.clock.now(), forecastRulebook(this.rulebook), reviewIds);
  }

  /** Forecasts of every open review of these partnerships (the caller has checked it may see them all). */
  forPartnerships(partnershipIds: string[]): Promise<ReviewForecast[]> {
    return forecastsFor(this.db, partnershipIds, this.clock.now(), forecastRulebook(this.rulebook));
  }
}
