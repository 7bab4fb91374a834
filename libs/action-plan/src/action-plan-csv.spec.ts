import { parse } from 'csv-parse/sync';
import {
  ACTION_PLAN_CSV_HEADER,
  actionPlanCsv,
  actionPlanRows,
  daysOverdue,
  recommendationRows,
  recommendationsCsv,
} from './action-plan-csv';
import { actionPlanView, ActionView } from './action-plan.view';
import type { RecommendationEntity } from './action-plan.entities';

const action = (over: Partial<ActionView>): ActionView => ({
  id: 'a1',
  agencyId: 'police',
  description: 'Refresh training',
  owner: 'Head of Public Protection',
  dueAt: '2026-03-28T23:30:00Z',
  status: 'open',
  completedAt: null,
  overdue: true,
  recommendationId: null,
  ...over,
});

describe('the action plan CSV', () => {
  it('counts days overdue on the London calendar, across the spring clock change', () => {
    // Due 23:30 GMT on Sat 28 March; BST starts at 01:00 GMT on Sun 29 March.
    expect(daysOverdue(action({}), new Date('2026-03-29T00:30:00Z'))).toBe(1);
    expect(daysOverdue(action({}), new Date('2026-04-01T22:59:00Z'))).toBe(4);
    expect(daysOverdue(action({}), new Date('2026-04-01T23:01:00Z'))).toBe(5); // 00:01 BST on 2 April
    expect(daysOverdue(action({ overdue: false }), new Date('2026-04-10T00:00:00Z'))).toBe(0);
  });

  it('writes London dates, linked actions by recommendation number, then the unlinked ones', () => {
    const rec = (id: string, number: number): RecommendationEntity =>
      Object.assign({} as RecommendationEntity, { id, number, scope: 'local', text: `Recommendation ${number}`, ownerAgencyId: 'police' });
    const plan = actionPlanView(
      { id: 'r', reference: 'DHR-X-2026-001', stage: 'action_plan' },
      [rec('r1', 1), rec('r2', 2)],
      [
        action({ id: 'u', recommendationId: null, overdue: false, dueAt: '2026-07-01T23:30:00Z' }),
        action({ id: 'b', recommendationId: 'r2', status: 'complete', overdue: false, completedAt: '2026-06-30T23:30:00Z' }),
        action({ id: 'a', recommendationId: 'r1' }),
      ],
    );
    const rows = parse(actionPlanCsv(actionPlanRows(plan, new Map([['police', 'Police']]), new Date('2026-03-30T12:00:00Z'))), {
      columns: true,
    }) as Record<string, string>[];
    expect(rows.map((r) => [r['recommendation number'], r.due, r.completed, r.overdue, r['days overdue']])).toEqual([
      ['1', '2026-03-28', '', 'yes', '2'],
      ['2', '2026-03-28', '2026-07-01', 'no', '0'],
      ['', '2026-07-02', '', 'no', '0'],
    ]);
    expect(rows[0]['owner agency']).toBe('Police');
  });

  it('adds the routing columns after the first twelve, and a row for a national recommendation with no actions', () => {
    expect(ACTION_PLAN_CSV_HEADER.slice(0, 12)).toEqual([
      'reference',
      'recommendation number',
      'scope',
      'recommendation text',
      'owner agency',
      'action description',
      'owner',
      'due',
      'status',
      'completed',
      'overdue',
      'days overdue',
    ]);
    expect(ACTION_PLAN_CSV_HEADER.slice(12)).toEqual(['department', 'sent', 'response received', 'routing status']);
    const rec = (id: string, number: number, over: Partial<RecommendationEntity>): RecommendationEntity =>
      Object.assign({} as RecommendationEntity, {
        id,
        number,
        scope: 'national',
        text: `Recommendation ${number}`,
        ownerAgencyId: null,
        department: null,
        sentOn: null,
        response: null,
        respondedOn: null,
        ...over,
      });
    const plan = actionPlanView(
      { id: 'r', reference: 'DHR-X-2026-001', stage: 'action_plan' },
      [
        rec('l', 1, { scope: 'local', ownerAgencyId: 'police' }),
        rec('n1', 2, { department: 'Home Office', sentOn: '2026-01-10', response: 'Agreed', respondedOn: '2026-02-01' }),
        rec('n2', 3, { department: '@Department for Education', sentOn: '2026-01-12' }),
        rec('n3', 4, {}),
      ],
      [action({ id: 'a', recommendationId: 'l', overdue: false }), action({ id: 'b', recommendationId: 'n1', overdue: false })],
    );
    const rows = parse(actionPlanCsv(actionPlanRows(plan, new Map([['police', 'Police']]), new Date('2026-03-30T12:00:00Z'))), {
      columns: true,
    }) as Record<string, string>[];
    expect(
      rows.map((r) => [
        r['recommendation number'],
        r['action description'],
        r.department,
        r.sent,
        r['response received'],
        r['routing status'],
      ]),
    ).toEqual([
      ['1', 'Refresh training', '', '', '', ''],
      ['2', 'Refresh training', 'Home Office', '2026-01-10', '2026-02-01', 'response received'],
      ['3', '', "'@Department for Education", '2026-01-12', '', 'sent, awaiting response'],
      ['4', '', '', '', '', 'not sent'],
    ]);
    expect(rows[3]).toMatchObject({ scope: 'national', 'owner agency': '', due: '', status: '', overdue: '', 'days overdue': '' });

    // The partnership's recommendations export: one row per recommendation, the response text last.
    const perRecommendation = parse(recommendationsCsv(recommendationRows(plan, new Map([['police', 'Police']]))), {
      columns: true,
    }) as Record<string, string>[];
    expect(
      perRecommendation.map((r) => [r['recommendation number'], r['owner agency'], r.actions, r['routing status'], r.response]),
    ).toEqual([
      ['1', 'Police', '1', '', ''],
      ['2', '', '1', 'response received', 'Agreed'],
      ['3', '', '0', 'sent, awaiting response', ''],
      ['4', '', '0', 'not sent', ''],
    ]);
  });
});
