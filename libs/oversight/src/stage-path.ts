import type { Stage } from '@dhr/workflows/dhr/contract';

/**
 * The main path a review walks, in order, as the forecast counts it. `family_review` sits after
 * `drafting` (a review that skipped it took 0 days there); the loops back to drafting are in the
 * samples' totals, since a stage's time is the sum of all its visits.
 */
export const FORECAST_PATH = [
  'notification',
  'setup',
  'information_gathering',
  'drafting',
  'family_review',
  'csp_signoff',
  'home_office_qa',
  'publication',
] as const satisfies readonly Stage[];
export type ForecastStage = (typeof FORECAST_PATH)[number];

/** The milestones forecast: the last stage each one ends. */
export const MILESTONE_LAST_STAGE = { signOff: 'csp_signoff', publication: 'publication' } as const satisfies Record<string, ForecastStage>;
export type Milestone = keyof typeof MILESTONE_LAST_STAGE;

export function isForecastStage(stage: string): stage is ForecastStage {
  return (FORECAST_PATH as readonly string[]).includes(stage);
}

/** Stages a review in `stage` has still to pass through up to and including `last` (empty when `last` is behind it). */
export function stagesAfter(stage: ForecastStage, last: ForecastStage): ForecastStage[] {
  const from = FORECAST_PATH.indexOf(stage);
  const to = FORECAST_PATH.indexOf(last);
  return FORECAST_PATH.slice(from + 1, to + 1);
}

/** Plain words for a stage, for reasons shown to people. */
export const STAGE_WORDS: Record<string, string> = {
  notification: 'notification',
  not_commissioned: 'not commissioned',
  setup: 'set-up',
  information_gathering: 'information gathering',
  drafting: 'drafting',
  family_review: 'family review',
  csp_signoff: 'CSP sign-off',
  home_office_qa: 'Home Office quality assurance',
  publication: 'publication',
  action_plan: 'action plan',
  closed: 'closed',
};
