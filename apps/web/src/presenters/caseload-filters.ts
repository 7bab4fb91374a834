import { ListReviewsQuery } from '@dhr/reviews';
import { STAGES, type Stage } from '@dhr/workflows/dhr/contract';
import type { Errors } from './event-forms';
import { STAGE_WORDS } from './review-words';

/** The caseload's orders, as the page offers them (the first is the default). */
export const CASELOAD_SORTS = [
  { value: 'nextDue', text: 'Next deadline' },
  { value: 'reference', text: 'Reference' },
  { value: 'notified', text: 'Date notified' },
] as const;
export type CaseloadSort = (typeof CASELOAD_SORTS)[number]['value'];

const SEARCH_LIMIT = 100;

export interface Named {
  id: string;
  name: string;
}

/** What the filter may offer: the independent chairs and agencies of the partnership, by name. */
export interface FilterChoices {
  chairs: Named[] | null;
  agencies: Named[];
}

/** The caseload's filters as read from the URL: only values the form could have sent. */
export interface CaseloadFilters {
  stages: Stage[];
  overdue: boolean;
  onHold: boolean;
  chair: string | null;
  agency: string | null;
  search: string;
  sort: CaseloadSort;
}

const values = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
const first = (value: unknown): string => values(value)[0] ?? '';

/**
 * Reads the filter form's GET parameters. What the form cannot have sent (an unknown stage,
 * a chair or agency not offered, an unknown sort) is ignored; a search too long is a form error.
 */
export function readCaseloadFilters(query: Record<string, unknown>, choices: FilterChoices): { filters: CaseloadFilters; errors?: Errors } {
  const offered = (list: Named[] | null, id: string) => (list?.some((item) => item.id === id) ? id : null);
  const search = first(query.search).trim();
  const sort = CASELOAD_SORTS.find((s) => s.value === first(query.sort))?.value ?? 'nextDue';
  const filters: CaseloadFilters = {
    stages: STAGES.filter((stage) => values(query.stage).includes(stage)),
    overdue: first(query.overdue) === 'yes',
    onHold: first(query.onHold) === 'yes',
    chair: offered(choices.chairs, first(query.chair)),
    agency: offered(choices.agencies, first(query.agency)),
    search: search.length > SEARCH_LIMIT ? '' : search,
    sort,
  };
  if (search.length <= SEARCH_LIMIT) return { filters };
  const text = `Search must be ${SEARCH_LIMIT} characters or fewer`;
  return { filters, errors: { list: [{ text, href: '#search' }], field: { search: { text } }, parts: {} } };
}

/** The filters as the review list's query: the access rule applies in the same SQL. */
export function caseloadQuery(filters: CaseloadFilters, page: number, limit: number): ListReviewsQuery {
  return Object.assign(new ListReviewsQuery(), {
    stages: filters.stages.length ? filters.stages : undefined,
    overdue: filters.overdue ? true : undefined,
    onHold: filters.onHold ? true : undefined,
    chairUserId: filters.chair ?? undefined,
    agencyId: filters.agency ?? undefined,
    search: filters.search || undefined,
    sort: filters.sort,
    page,
    limit,
  });
}

/** The caseload's address with these filters (the default sort left out), for links that keep them. */
export function caseloadHref(filters: CaseloadFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const stage of filters.stages) params.append('stage', stage);
  if (filters.overdue) params.set('overdue', 'yes');
  if (filters.onHold) params.set('onHold', 'yes');
  if (filters.chair) params.set('chair', filters.chair);
  if (filters.agency) params.set('agency', filters.agency);
  if (filters.search) params.set('search', filters.search);
  if (filters.sort !== 'nextDue') params.set('sort', filters.sort);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return query ? `/reviews?${query}` : '/reviews';
}

/** MoJ filter's "Selected filters": one removable tag per filter, each link the same filters less that one. */
export function selectedFilters(filters: CaseloadFilters, choices: FilterChoices) {
  const without = (change: Partial<CaseloadFilters>) => caseloadHref({ ...filters, ...change });
  const nameOf = (list: Named[] | null, id: string) => list?.find((item) => item.id === id)?.name ?? '';
  const categories = [
    {
      heading: { text: 'Stage' },
      items: filters.stages.map((stage) => ({
        href: without({ stages: filters.stages.filter((s) => s !== stage) }),
        text: STAGE_WORDS[stage],
      })),
    },
    {
      heading: { text: 'Deadlines' },
      items: filters.overdue ? [{ href: without({ overdue: false }), text: 'Overdue only' }] : [],
    },
    { heading: { text: 'On hold' }, items: filters.onHold ? [{ href: without({ onHold: false }), text: 'On hold only' }] : [] },
    {
      heading: { text: 'Independent chair' },
      items: filters.chair ? [{ href: without({ chair: null }), text: nameOf(choices.chairs, filters.chair) }] : [],
    },
    {
      heading: { text: 'Agency' },
      items: filters.agency ? [{ href: without({ agency: null }), text: nameOf(choices.agencies, filters.agency) }] : [],
    },
    { heading: { text: 'Search' }, items: filters.search ? [{ href: without({ search: '' }), text: `“${filters.search}”` }] : [] },
  ].filter((category) => category.items.length > 0);
  if (categories.length === 0) return null;
  return {
    heading: { text: 'Selected filters' },
    clearLink: { text: 'Clear filters', href: caseloadHref({ ...emptyFilters(), sort: filters.sort }) },
    categories,
  };
}

export function emptyFilters(): CaseloadFilters {
  return { stages: [], overdue: false, onHold: false, chair: null, agency: null, search: '', sort: 'nextDue' };
}

/** The form's fields, as the govuk macros take them, showing the filters applied. */
export function filterFields(filters: CaseloadFilters, choices: FilterChoices, errors?: Errors) {
  const select = (name: string, label: string, list: Named[], chosen: string | null, any: string) => ({
    id: name,
    name,
    label: { text: label, classes: 'govuk-label--s' },
    items: [{ value: '', text: any }, ...list.map((item) => ({ value: item.id, text: item.name, selected: item.id === chosen }))],
  });
  return {
    search: {
      id: 'search',
      name: 'search',
      label: { text: 'Reference or pseudonym', classes: 'govuk-label--s' },
      hint: { text: 'For example, DHR-ABC-2026-001 or Adult A' },
      value: filters.search,
      spellcheck: false,
      errorMessage: errors?.field.search,
    },
    stages: {
      idPrefix: 'stage',
      name: 'stage',
      classes: 'govuk-checkboxes--small',
      fieldset: { legend: { text: 'Stage', classes: 'govuk-fieldset__legend--s' } },
      items: STAGES.map((stage) => ({ value: stage, text: STAGE_WORDS[stage], checked: filters.stages.includes(stage) })),
    },
    flags: {
      idPrefix: 'flags',
      classes: 'govuk-checkboxes--small',
      fieldset: { legend: { text: 'Deadlines and holds', classes: 'govuk-fieldset__legend--s' } },
      items: [
        { name: 'overdue', value: 'yes', text: 'Overdue only', checked: filters.overdue },
        // The whole-review holds (the review's `onHold`): a hold on publication only lets the work go on.
        {
          name: 'onHold',
          value: 'yes',
          text: 'On hold only',
          hint: { text: 'Reviews whose work and deadlines are stopped, not those holding publication only' },
          checked: filters.onHold,
        },
      ],
    },
    chair: choices.chairs ? select('chair', 'Independent chair', choices.chairs, filters.chair, 'Any chair') : null,
    agency: select('agency', 'Agency', choices.agencies, filters.agency, 'Any agency'),
    sort: {
      id: 'sort',
      name: 'sort',
      label: { text: 'Sort by', classes: 'govuk-label--s' },
      items: CASELOAD_SORTS.map((s) => ({ value: s.value, text: s.text, selected: s.value === filters.sort })),
    },
  };
}

/** The table's sortable column headers: a link to the same filters in that order, and aria-sort on the one in use. */
export function sortHeaders(filters: CaseloadFilters) {
  return Object.fromEntries(
    CASELOAD_SORTS.map((s) => [
      s.value,
      {
        href: caseloadHref({ ...filters, sort: s.value }),
        active: s.value === filters.sort,
        ariaSort: s.value === filters.sort ? (s.value === 'notified' ? 'descending' : 'ascending') : 'none',
      },
    ]),
  ) as Record<CaseloadSort, { href: string; active: boolean; ariaSort: string }>;
}
