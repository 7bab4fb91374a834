import { taskReturnTo, withReturnTo } from '../routes/reviews/task-return';
import { caseloadHref, caseloadQuery, readCaseloadFilters, selectedFilters, sortHeaders } from './caseload-filters';

const CHAIR = '11111111-1111-4111-8111-111111111111';
const AGENCY = '22222222-2222-4222-8222-222222222222';
const choices = { chairs: [{ id: CHAIR, name: 'Sam Chair' }], agencies: [{ id: AGENCY, name: 'Wessex Police' }] };

describe('the caseload’s filters', () => {
  it('reads what the form sends and ignores what it cannot', () => {
    const { filters, errors } = readCaseloadFilters(
      {
        stage: ['setup', 'nowhere', 'drafting'],
        overdue: 'yes',
        onHold: 'no',
        chair: CHAIR,
        agency: 'x',
        search: '  Adult A ',
        sort: 'id',
      },
      choices,
    );
    expect(errors).toBeUndefined();
    expect(filters).toEqual({
      stages: ['setup', 'drafting'],
      overdue: true,
      onHold: false,
      chair: CHAIR,
      agency: null,
      search: 'Adult A',
      sort: 'nextDue',
    });
    expect(caseloadQuery(filters, 2, 20)).toMatchObject({
      stages: ['setup', 'drafting'],
      overdue: true,
      onHold: undefined,
      chairUserId: CHAIR,
      agencyId: undefined,
      search: 'Adult A',
      sort: 'nextDue',
      page: 2,
      limit: 20,
    });
    // A chair is not offered to an independent chair: never read.
    expect(readCaseloadFilters({ chair: CHAIR }, { ...choices, chairs: null }).filters.chair).toBeNull();
  });

  it('names a search too long as a form error, and does not search with it', () => {
    const { filters, errors } = readCaseloadFilters({ search: 'x'.repeat(101) }, choices);
    expect(filters.search).toBe('');
    expect(errors?.list).toEqual([{ text: 'Search must be 100 characters or fewer', href: '#search' }]);
  });

  it('links keep the filters; each selected filter links to the others; the sort headers keep them too', () => {
    const { filters } = readCaseloadFilters({ stage: ['setup', 'drafting'], agency: AGENCY, search: 'a&b', sort: 'reference' }, choices);
    expect(caseloadHref(filters, { page: '2' })).toBe(
      `/reviews?stage=setup&stage=drafting&agency=${AGENCY}&search=a%26b&sort=reference&page=2`,
    );
    const selected = selectedFilters(filters, choices)!;
    expect(selected.categories.map((c) => [c.heading.text, c.items.map((i) => [i.text, i.href])])).toEqual([
      [
        'Stage',
        [
          ['Setting up', `/reviews?stage=drafting&agency=${AGENCY}&search=a%26b&sort=reference`],
          ['Drafting', `/reviews?stage=setup&agency=${AGENCY}&search=a%26b&sort=reference`],
        ],
      ],
      ['Agency', [['Wessex Police', '/reviews?stage=setup&stage=drafting&search=a%26b&sort=reference']]],
      ['Search', [['“a&b”', `/reviews?stage=setup&stage=drafting&agency=${AGENCY}&sort=reference`]]],
    ]);
    expect(selected.clearLink.href).toBe('/reviews?sort=reference');
    expect(selectedFilters(readCaseloadFilters({}, choices).filters, choices)).toBeNull();
    const headers = sortHeaders(filters);
    expect(headers.reference).toMatchObject({ active: true, ariaSort: 'ascending' });
    expect(headers.nextDue.href).toBe(`/reviews?stage=setup&stage=drafting&agency=${AGENCY}&search=a%26b`);
  });
});

describe('where a task returns to', () => {
  it('only the lists of this site', () => {
    expect(taskReturnTo('/decisions')).toBe('/decisions');
    expect(taskReturnTo('/reviews?stage=setup')).toBe('/reviews?stage=setup');
    for (const bad of [
      '//evil.example',
      'https://evil.example/decisions',
      '/sign-out',
      '/administration',
      '/decisions/../x',
      'decisions',
      42,
      null,
    ])
      expect(taskReturnTo(bad)).toBeNull();
    expect(withReturnTo('/reviews/r/tasks/CSP_SIGN_OFF', '/decisions')).toBe('/reviews/r/tasks/CSP_SIGN_OFF?returnTo=%2Fdecisions');
    expect(withReturnTo('/reviews/r/tasks/CSP_SIGN_OFF', null)).toBe('/reviews/r/tasks/CSP_SIGN_OFF');
  });
});
