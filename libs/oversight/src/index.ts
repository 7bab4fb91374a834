// What the apps (and the national bench) use of the oversight lib: the module, the services,
// the period query, the pure forecast and the read model's functions that take a DataSource.
export * from './oversight.module';
export * from './dashboard.service';
export * from './forecast.service';
export * from './dashboard-period';
export * from './completion-forecast';
export { STAGE_WORDS, FORECAST_PATH } from './stage-path';
export * from './queries/dashboard.queries';
export { forecastHistory, openReviewFacts } from './queries/forecast.queries';
export type { ForecastHistory, OpenReviewFacts } from './queries/forecast.queries';
export type { Period, NamedReview, Queryable } from './queries/queryable';
