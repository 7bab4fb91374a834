import { DateTime } from 'luxon';
import type { DashboardPartnership, DashboardView, ReviewForecast } from '@dhr/oversight';
import type { Stage } from '@dhr/workflows/dhr/contract';
import { longDate } from './dates';
import { escapeHtml } from './escape-html';
import { DEADLINE_WORDS, STAGE_WORDS } from './review-words';

/** A table cell as govukTable takes it. */
type Cell = { text: string } | { html: string; format?: 'numeric' } | { text: string; format: 'numeric' };

/** One bar of a server-rendered SVG bar chart: its label, its length as a share of the longest, and its value in words. */
export interface Bar {
  label: string;
  /** The label as drawn: cut to fit the 270 units left of the bars (the full one is in the chart's title and its table). */
  shortLabel: string;
  valueText: string;
  width: number;
  y: number;
}

export interface BarChart {
  id: string;
  title: string;
  height: number;
  bars: Bar[];
}

const BAR_STEP = 32;
const BAR_AREA = 340;
/** Characters of a 16-unit font that fit in the 270 units before the bars. */
const LABEL_CHARACTERS = 28;

const fitLabel = (label: string) => (label.length <= LABEL_CHARACTERS ? label : `${label.slice(0, LABEL_CHARACTERS - 1).trimEnd()}…`);

/** Bars scaled to the largest value (an empty chart has none); the SVG leaves 280 units for labels. */
export function barChart(id: string, title: string, items: { label: string; value: number; valueText: string }[]): BarChart {
  const max = Math.max(0, ...items.map((i) => i.value));
  return {
    id,
    title,
    height: Math.max(items.length, 1) * BAR_STEP + 8,
    bars: items.map((item, i) => ({
      label: item.label,
      shortLabel: fitLabel(item.label),
      valueText: item.valueText,
      width: max > 0 ? Math.max(Math.round((item.value / max) * BAR_AREA), item.value > 0 ? 2 : 0) : 0,
      y: i * BAR_STEP + 4,
    })),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const days = (n: number | null) => (n === null ? 'none' : `${n} ${n === 1 ? 'day' : 'days'}`);
const stageWords = (stage: string) => STAGE_WORDS[stage as Stage] ?? stage;
const kindWords = (kind: string) => (DEADLINE_WORDS as Record<string, string>)[kind] ?? kind;
const link = (href: string, text: string) => ({ html: `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}</a>` });
const number = (n: number, href: string | null) =>
  href && n > 0 ? { ...link(href, String(n)), format: 'numeric' as const } : { text: String(n), format: 'numeric' as const };
const reviewCell = (r: { reviewId: string; reference: string; victimPseudonym: string }) => ({
  html: `<a class="govuk-link" href="/reviews/${escapeHtml(r.reviewId)}">${escapeHtml(r.reference)}</a><br><span class="govuk-body-s">${escapeHtml(r.victimPseudonym)}</span>`,
});

/** The stage order people read the caseload in. */
const STAGE_ORDER: string[] = Object.keys(STAGE_WORDS);
const ROUTING_WORDS: Record<string, string> = {
  not_sent: 'Not sent',
  awaiting_response: 'Sent, awaiting response',
  response_received: 'Response received',
};

/** The forecast line a review shows: expected sign-off with its range, or what is left. */
export function forecastSummary(f: ReviewForecast | Omit<ReviewForecast, 'reviewId' | 'reference' | 'victimPseudonym' | 'stage'>): {
  rows: { key: { text: string }; value: { text: string } }[];
  likelyLate: boolean;
  reasons: string[];
} {
  const range = (r: { expected: string; earliest: string; latest: string }) =>
    r.earliest === r.latest ? longDate(r.expected) : `${longDate(r.expected)} (between ${longDate(r.earliest)} and ${longDate(r.latest)})`;
  const basis =
    f.basis === 'rulebook'
      ? 'the six months planned across the stages, and the Home Office and publication deadlines (no completed reviews yet)'
      : `${plural(f.sampleSize, 'completed review')} ${f.basis === 'partnership' ? 'of this partnership' : 'across the service'}`;
  const rows = [
    ...(f.signOff ? [{ key: { text: 'Expected sign-off' }, value: { text: range(f.signOff) } }] : []),
    ...(f.publication ? [{ key: { text: 'Expected publication' }, value: { text: range(f.publication) } }] : []),
    ...(f.expectedBy ? [{ key: { text: 'Six months from commissioning' }, value: { text: longDate(f.expectedBy) } }] : []),
    ...(f.signOff || f.publication ? [{ key: { text: 'Based on' }, value: { text: basis } }] : []),
  ];
  return { rows, likelyLate: f.likelyLate, reasons: f.reasons };
}

/** The dashboard page's view model: charts each with its data table, and the lists. */
export function dashboardPage(view: DashboardView, links: { caseload: boolean }) {
  const caseload = (query: string) => (links.caseload ? `/reviews?${query}` : null);
  const stages = [...view.stages].sort((a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage));
  const stageTimes = [...view.stageTimes].sort((a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage));
  const onHoldTotal = stages.reduce((sum, s) => sum + s.onHold, 0);
  return {
    period: `${longDate(view.period.from)} to ${longDate(view.period.to)}`,
    partnershipNames: view.partnerships.map((p) => p.partnershipName).join(', '),
    stagesChart: barChart(
      'chart-stages',
      'Reviews by stage now',
      stages.map((s) => ({ label: stageWords(s.stage), value: s.reviews, valueText: String(s.reviews) })),
    ),
    stagesRows: stages.map((s) => [
      { text: stageWords(s.stage) },
      number(s.reviews, caseload(`stage=${encodeURIComponent(s.stage)}`)),
      number(s.onHold, caseload(`stage=${encodeURIComponent(s.stage)}&onHold=yes`)),
    ]),
    onHoldTotal: number(onHoldTotal, caseload('onHold=yes')),
    onHoldRows: view.onHold.map((r) => [
      reviewCell(r),
      { text: stageWords(r.stage) },
      { text: r.since ? longDate(r.since) : 'Not known' },
      { text: days(r.daysOnHold), format: 'numeric' as const },
    ]),
    pastExpectationRows: view.pastExpectation.map((r) => [
      reviewCell(r),
      { text: stageWords(r.stage) },
      { text: longDate(r.commissionedAt) },
      { text: days(r.daysSinceCommissioning), format: 'numeric' as const },
    ]),
    timesChart: barChart(
      'chart-stage-times',
      'Median days in each stage, for stages finished in the period',
      stageTimes.map((s) => ({ label: stageWords(s.stage), value: s.medianDays ?? 0, valueText: days(s.medianDays) })),
    ),
    timesRows: stageTimes.map((s) => [
      { text: stageWords(s.stage) },
      { text: String(s.visits), format: 'numeric' as const },
      { text: days(s.medianDays), format: 'numeric' as const },
      { text: days(s.p90Days), format: 'numeric' as const },
    ]),
    overdueTotal: number(view.overdue.total, caseload('overdue=yes')),
    overdueKindRows: view.overdue.byKind.map((k) => [{ text: kindWords(k.kind) }, { text: String(k.count), format: 'numeric' as const }]),
    overdueAgencyRows: view.overdue.byAgency.map((a) => [
      { text: a.agencyName },
      number(a.count, caseload(`agency=${encodeURIComponent(a.agencyId)}&overdue=yes`)),
    ]),
    agenciesChart: barChart(
      'chart-agencies',
      'Requests answered on time, by agency, in the period',
      view.agencies.map((a) => ({
        label: a.agencyName,
        value: a.answered === 0 ? 0 : Math.round((a.onTime / a.answered) * 100),
        valueText: a.answered === 0 ? 'none answered' : `${Math.round((a.onTime / a.answered) * 100)}% (${a.onTime} of ${a.answered})`,
      })),
    ),
    agencyRows: view.agencies.map((a) => [
      { text: a.agencyName },
      { text: String(a.answered), format: 'numeric' as const },
      { text: String(a.onTime), format: 'numeric' as const },
      { text: days(a.medianDaysLate), format: 'numeric' as const },
      number(a.overdueNow, caseload(`agency=${encodeURIComponent(a.agencyId)}&overdue=yes`)),
    ]),
    qa: view.homeOfficeQa,
    qaRows: view.homeOfficeQa.distribution.map((d) => [
      { text: plural(d.rounds, 'round') },
      { text: String(d.reviews), format: 'numeric' as const },
    ]),
    actionRows: [
      [{ text: 'Open' }, { text: String(view.actionPlan.open), format: 'numeric' as const }],
      [{ text: 'Overdue' }, { text: String(view.actionPlan.overdue), format: 'numeric' as const }],
      [{ text: 'Complete' }, { text: String(view.actionPlan.complete), format: 'numeric' as const }],
    ],
    recommendationRows: view.nationalRecommendations.map((r) => [
      { text: ROUTING_WORDS[r.status] ?? r.status },
      { text: String(r.count), format: 'numeric' as const },
    ]),
    likelyLateRows: view.likelyLate.map((f) => [
      reviewCell(f),
      { text: stageWords(f.stage) },
      { text: f.signOff ? longDate(f.signOff.expected) : '' },
      { text: f.expectedBy ? longDate(f.expectedBy) : '' },
      { html: `<ul class="govuk-list">${f.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` },
    ]),
  } satisfies Record<string, unknown>;
}

/** The partnership choice: each partnership the person oversees and, with more than one, all of them together. */
export function partnershipChoice(mine: DashboardPartnership[], chosen: string) {
  const items = mine.map((p) => ({ value: p.partnershipId, text: p.partnershipName, selected: chosen === p.partnershipId }));
  return mine.length > 1 ? [{ value: 'all', text: 'All my partnerships', selected: chosen === 'all' }, ...items] : items;
}

export type { Cell };

/** The periods offered, each as its first day (London): the URL carries only that date. The first listed of 12 months is the default. */
export function periodChoices(now: Date, chosen: string | null) {
  const today = DateTime.fromJSDate(now, { zone: 'Europe/London' }).startOf('day');
  const options = [3, 6, 12, 24].map((months) => ({
    value: today.minus({ months }).plus({ days: 1 }).toISODate() as string,
    text: months === 24 ? 'The last 2 years' : `The last ${months} months`,
  }));
  const selected = options.find((o) => o.value === chosen)?.value ?? options[2].value;
  return { selected, items: options.map((o) => ({ ...o, selected: o.value === selected })) };
}
