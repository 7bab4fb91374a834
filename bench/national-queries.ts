/**
 * The queries bench/national.bench.ts measures at national scale: each is called ~200 times with
 * varied samples (callers of different roles and partnerships), timed, and its SQL explained.
 * Add a query with one entry here; it may use any service of the booted API app.
 */
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Actor } from '@dhr/identity';
import { dashboardFigures, forecastRulebook, forecastsFor, resolvePeriod } from '@dhr/oversight';
import { ListReviewsQuery, ReviewQueries } from '@dhr/reviews';
import { searchReviews } from '@dhr/search';
import { defaultRulebook } from '@dhr/workflows/dhr/rulebook';
import { STAGES } from '@dhr/workflows/dhr/contract';

export interface NationalDb {
  /** The real API app, booted on the national database (no HTTP listener): `app.get(SomeService)`. */
  app: INestApplication;
  dataSource: DataSource;
}

/** One varied call's inputs: a real user of the generated data, and what it might ask for. */
export interface NationalSample {
  /** 0, 1, 2, … : use it to vary filters and pages from call to call. */
  index: number;
  actor: Actor;
  partnershipId: string;
  /** A review of that partnership the actor may see. */
  reviewId: string;
  /** Part of a reference of that partnership (e.g. `/2025/12`), for searches. */
  term: string;
}

export interface NationalQuery {
  name: string;
  /** p95 target in ms (default 50). */
  targetP95Ms?: number;
  run(db: NationalDb, sample: NationalSample): Promise<unknown>;
}

/** A caseload list as `GET /api/reviews` asks the list service for it, varied over filters, sorts and pages. */
function caseloadQuery(sample: NationalSample): ListReviewsQuery {
  const query = new ListReviewsQuery();
  const variant = sample.index % 8;
  if (variant === 1) query.sort = 'nextDue';
  if (variant === 2) query.stage = STAGES[2 + (sample.index % (STAGES.length - 3))];
  if (variant === 3) query.overdue = true;
  if (variant === 4) query.search = sample.term;
  if (variant === 5) query.page = 2 + (sample.index % 3);
  if (variant === 6) {
    query.sort = 'reference';
    query.onHold = false;
  }
  if (variant === 7) query.sort = 'notified';
  return query;
}

export const NATIONAL_QUERIES: NationalQuery[] = [
  {
    name: 'caseload list (GET /api/reviews)',
    run: ({ app }, sample) => app.get(ReviewQueries).list(sample.actor, caseloadQuery(sample)),
  },
  {
    name: 'dashboard of one partnership (GET /api/partnerships/:id/dashboard)',
    run: ({ dataSource }, sample) =>
      dashboardFigures(dataSource, [sample.partnershipId], resolvePeriod({}, new Date()), new Date(), defaultRulebook()),
  },
  {
    name: "forecasts of one partnership's open reviews (caseload, dashboard)",
    run: ({ dataSource }, sample) => forecastsFor(dataSource, [sample.partnershipId], new Date(), forecastRulebook(defaultRulebook())),
  },
  {
    name: 'search by reference, pseudonym, names and document text (GET /api/search)',
    run: ({ dataSource }, sample) => searchReviews(dataSource, sample.actor, sample.term, { limit: 20, offset: 0 }),
  },
];
