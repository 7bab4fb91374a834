import { addLondonCalendar } from '@dhr/clocks';
import { median, percentileOfSorted } from './percentiles';
import { FORECAST_PATH, ForecastStage, isForecastStage, MILESTONE_LAST_STAGE, Milestone, STAGE_WORDS, stagesAfter } from './stage-path';

const DAY_MS = 86_400_000;
const LONDON = 'Europe/London';

/** Days one completed review spent in each stage of the path (all visits summed; absent = 0). */
export type StageDays = Partial<Record<ForecastStage, number>>;

/** A request to an agency still open past its due time: the stage it holds up cannot end before it arrives. */
export interface OverdueRequest {
  kind: 'imr' | 'scoping_return';
  agencyId?: string;
  agencyName: string;
  dueAt: Date;
  /** The agency's median lateness (days) on its past late answers; null when it has never been late. */
  typicalLateDays: number | null;
}

/** A rulebook length as the forecast needs it (the clocks' statutory durations). */
export interface RulebookLength {
  months?: number;
  weeks?: number;
  days?: number;
  workingDays?: number;
}

export interface ForecastRulebook {
  /** The completion clock: commissioning to CSP sign-off, the "six months" expectation. */
  completion: RulebookLength;
  decision: RulebookLength;
  homeOfficeSubmission: RulebookLength;
  publication: RulebookLength;
}

export type ForecastBasis = 'partnership' | 'deployment' | 'rulebook';

export interface ForecastInput {
  now: Date;
  stage: string;
  /** When the review last entered its current stage. */
  stageEnteredAt: Date;
  commissionedAt: Date | null;
  /** When the current hold began; null when not on hold. */
  onHoldSince: Date | null;
  overdueRequests: readonly OverdueRequest[];
  /** Completed reviews' stage days, and whose they are; an empty list falls back to the rulebook. */
  samples: readonly StageDays[];
  basis: Exclude<ForecastBasis, 'rulebook'>;
  /** Median length (days) of finished holds; null when none finished. */
  typicalHoldDays: number | null;
  rulebook: ForecastRulebook;
  /** An agency contact's view: reasons name this agency's requests only (another's is "another agency"). */
  viewerAgencyId?: string | null;
  /** The range shown around the median, as fractions (default 25th to 75th percentile). */
  range?: readonly [number, number];
}

/** London dates (YYYY-MM-DD): the median, and the low and high ends of the range. */
export interface ForecastRange {
  expected: string;
  earliest: string;
  latest: string;
}

export interface CompletionForecast {
  /** Report to CSP sign-off; null once signed off (or when the review is not going ahead). */
  signOff: ForecastRange | null;
  /** Publication; null once published (or when the review is not going ahead). */
  publication: ForecastRange | null;
  /** Commissioning plus the completion clock's length (six months): the guidance's expectation. */
  expectedBy: string | null;
  likelyLate: boolean;
  /** Why it is likely late (most telling first); empty when it is not. */
  reasons: string[];
  basis: ForecastBasis;
  sampleSize: number;
}

// en-CA writes dates as YYYY-MM-DD; one formatter for every forecast (luxon per date is slow over a caseload).
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: LONDON, year: 'numeric', month: '2-digit', day: '2-digit' });
const londonDate = (instant: Date) => LONDON_DATE.format(instant);

/**
 * A rulebook length added on the London calendar (months are calendar months; a working day counts 7/5 of a
 * day), through the statutory clocks' own London wall clock: the same rules as the deadlines, and its
 * remembered offsets (luxon asking Intl for each one was most of a caseload's forecasting time).
 */
export function addLength(instant: Date, length: RulebookLength): Date {
  const days = (length.weeks ?? 0) * 7 + (length.days ?? 0);
  const shifted = addLondonCalendar(instant, length.months ?? 0, days);
  return new Date(shifted.getTime() + ((length.workingDays ?? 0) * 7 * DAY_MS) / 5);
}

const daysBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY_MS;
const wholeDays = (days: number) => Math.floor(days + 1e-9);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The expected completion dates of one open review: for each completed review in the samples,
 * how long the rest of the current stage (what it took there, less what this review has spent
 * there already) and every later stage took, added to now; the median and the range of those
 * totals are the forecast. Floors: the current stage cannot end before every overdue request is
 * in (its due time plus the agency's typical lateness), nor work resume before the typical hold
 * is over. With no samples, the rulebook's clock lengths stand in. Pure: no clock, no database.
 */
export function forecastCompletion(input: ForecastInput): CompletionForecast {
  const expectedBy = input.commissionedAt ? londonDate(addLength(input.commissionedAt, input.rulebook.completion)) : null;
  if (!isForecastStage(input.stage))
    return { signOff: null, publication: null, expectedBy, likelyLate: false, reasons: [], basis: input.basis, sampleSize: 0 };

  const stage = input.stage;
  const heldSoFar = input.onHoldSince ? daysBetween(input.onHoldSince, input.now) : 0;
  const holdLeft = input.onHoldSince ? Math.max((input.typicalHoldDays ?? 0) - heldSoFar, 0) : 0;
  // Time in the stage that counts as work: a hold that began in this stage is not progress.
  const workStoppedAt = input.onHoldSince && input.onHoldSince > input.stageEnteredAt ? input.onHoldSince : input.now;
  const elapsed = Math.max(daysBetween(input.stageEnteredAt, input.onHoldSince ? workStoppedAt : input.now), 0);
  const arrivals = input.overdueRequests.map((r) =>
    daysBetween(input.now, new Date(r.dueAt.getTime() + (r.typicalLateDays ?? 0) * DAY_MS)),
  );
  const stageFloor = Math.max(0, ...arrivals);

  const fromSamples = input.samples.length > 0;
  const range = input.range ?? [0.25, 0.75];
  const forecastOf = (milestone: Milestone): ForecastRange | null => {
    const last = MILESTONE_LAST_STAGE[milestone];
    if (FORECAST_PATH.indexOf(stage) > FORECAST_PATH.indexOf(last)) return null;
    if (!fromSamples) return rulebookRange(input, stage, milestone, { holdLeft, stageFloor, elapsed });
    const later = stagesAfter(stage, last);
    const totals = input.samples
      .map((s) => {
        const restOfStage = Math.max((s[stage] ?? 0) - elapsed, 0);
        const stageEnds = Math.max(holdLeft + restOfStage, stageFloor);
        return stageEnds + later.reduce((sum, next) => sum + (s[next] ?? 0), 0);
      })
      .sort((a, b) => a - b);
    const at = (fraction: number) => londonDate(new Date(input.now.getTime() + (percentileOfSorted(totals, fraction) as number) * DAY_MS));
    return { expected: at(0.5), earliest: at(range[0]), latest: at(range[1]) };
  };

  const signOff = forecastOf('signOff');
  const publication = forecastOf('publication');
  const likelyLate = expectedBy !== null && signOff !== null && signOff.expected > expectedBy;
  return {
    signOff,
    publication,
    expectedBy,
    likelyLate,
    reasons: likelyLate ? lateReasons(input, stage, elapsed, heldSoFar) : [],
    basis: fromSamples ? input.basis : 'rulebook',
    sampleSize: input.samples.length,
  };
}

/**
 * With no history, how the completion clock's length (commissioning to sign-off, six months) is
 * planned across the stages it covers: a month to set up the panel and agree the terms of
 * reference, two for the agencies' IMRs, six weeks to draft, two for the family to read it, a
 * month for the CSP to sign off. Shares of the clock, so another rulebook's length scales them.
 */
export const PLANNED_SHARE: Partial<Record<ForecastStage, number>> = {
  setup: 1 / 6,
  information_gathering: 2 / 6,
  drafting: 1.5 / 6,
  family_review: 0.5 / 6,
  csp_signoff: 1 / 6,
};

/** The completion clock's length in days, as it runs from commissioning (calendar months vary); worked out once per forecast. */
const completionDaysOf = new WeakMap<ForecastInput, number>();
function completionDays(input: ForecastInput): number {
  let days = completionDaysOf.get(input);
  if (days === undefined) {
    const from = input.commissionedAt ?? input.stageEnteredAt;
    days = daysBetween(from, addLength(from, input.rulebook.completion));
    completionDaysOf.set(input, days);
  }
  return days;
}

/** Days the current stage (less what it has had) and each later one up to sign-off are planned to take. */
function plannedDays(input: ForecastInput, stage: ForecastStage, elapsed: number): { restOfStage: number; laterStages: number } {
  const length = completionDays(input);
  return {
    restOfStage: Math.max((PLANNED_SHARE[stage] ?? 0) * length - elapsed, 0),
    laterStages: stagesAfter(stage, 'csp_signoff').reduce((sum, next) => sum + (PLANNED_SHARE[next] ?? 0) * length, 0),
  };
}

/**
 * No history: the rulebook's lengths from where the review stands (one date, no spread). Before the
 * decision, the decision clock and then the whole completion clock; from set-up to sign-off, the
 * planned share of what is left of the current stage (after the hold, and not before the overdue
 * requests are in) and of each later stage, so a review past its six months is still given the time
 * its remaining stages need rather than today; after sign-off, the Home Office and publication clocks.
 */
function rulebookRange(
  input: ForecastInput,
  stage: ForecastStage,
  milestone: Milestone,
  floors: { holdLeft: number; stageFloor: number; elapsed: number },
): ForecastRange {
  const floor = new Date(input.now.getTime() + (floors.holdLeft + floors.stageFloor) * DAY_MS);
  const notBefore = (d: Date) => (d < floor ? floor : d);
  const book = input.rulebook;
  let signedOff: Date;
  if (stage === 'notification') signedOff = addLength(notBefore(addLength(input.stageEnteredAt, book.decision)), book.completion);
  else {
    const { restOfStage, laterStages } = plannedDays(input, stage, floors.elapsed);
    const stageEnds = Math.max(floors.holdLeft + restOfStage, floors.stageFloor);
    signedOff = new Date(input.now.getTime() + (stageEnds + laterStages) * DAY_MS);
  }
  let published: Date;
  if (stage === 'publication') published = notBefore(addLength(input.stageEnteredAt, book.publication));
  else if (stage === 'home_office_qa')
    published = addLength(notBefore(addLength(input.stageEnteredAt, book.homeOfficeSubmission)), book.publication);
  else published = addLength(addLength(notBefore(signedOff), book.homeOfficeSubmission), book.publication);
  const date = londonDate(milestone === 'signOff' ? notBefore(signedOff) : published);
  return { expected: date, earliest: date, latest: date };
}

/** Why: overdue requests (most overdue first), a hold, then the stage it has been in longer than usual. */
function lateReasons(input: ForecastInput, stage: ForecastStage, elapsed: number, heldSoFar: number): string[] {
  const reasons = [...input.overdueRequests]
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
    .map((r) => {
      const what = r.kind === 'imr' ? 'IMR' : 'Scoping return';
      const hidden = input.viewerAgencyId && r.agencyId !== input.viewerAgencyId;
      return `${what} from ${hidden ? 'another agency' : r.agencyName} is ${plural(wholeDays(daysBetween(r.dueAt, input.now)), 'day')} overdue`;
    });
  if (input.onHoldSince) {
    const typical = input.typicalHoldDays === null ? '' : ` (holds typically last ${plural(Math.round(input.typicalHoldDays), 'day')})`;
    reasons.push(`On hold for ${plural(wholeDays(heldSoFar), 'day')}${typical}`);
  }
  if (input.samples.length === 0) return [...reasons, ...plannedReasons(input, stage, elapsed, reasons.length > 0)];
  const typicalStage = median(input.samples.map((s) => s[stage] ?? 0));
  if (typicalStage !== null && elapsed > typicalStage)
    reasons.push(
      `In ${STAGE_WORDS[stage]} for ${plural(wholeDays(elapsed), 'day')} (typically ${plural(Math.round(typicalStage), 'day')})`,
    );
  if (reasons.length === 0) reasons.push(`The stages left after ${STAGE_WORDS[stage]} typically take longer than the time remaining`);
  return reasons;
}

/** With no history, the reasons measured against the planned shares of the six months. */
function plannedReasons(input: ForecastInput, stage: ForecastStage, elapsed: number, haveOthers: boolean): string[] {
  const planned = (PLANNED_SHARE[stage] ?? 0) * completionDays(input);
  if (elapsed > planned)
    return [`In ${STAGE_WORDS[stage]} for ${plural(wholeDays(elapsed), 'day')} (planned: about ${plural(Math.round(planned), 'day')})`];
  if (haveOthers) return [];
  const { restOfStage, laterStages } = plannedDays(input, stage, elapsed);
  const weeks = Math.max(Math.round((restOfStage + laterStages) / 7), 1);
  return [`The rest of ${STAGE_WORDS[stage]} and the stages after it are planned to take about ${plural(weeks, 'week')}`];
}
