import type { VisibleReview } from '@dhr/reviews';
import { deadlineLinks } from './deadline-links';
import { DeadlineEntry, deadlineRows, requestEndings } from './deadlines.presenter';

const clock = (over: Partial<DeadlineEntry>): DeadlineEntry => ({
  id: 'c1',
  kind: 'imr',
  agencyId: 'a1',
  agencyName: 'Police',
  startedAt: '2026-10-01T09:00:00.000Z',
  dueAt: '2026-11-12T17:00:00.000Z',
  status: 'open',
  overdue: false,
  ...over,
});
const names = { chair: 'Sam Chair', actionDescription: () => null };
const now = new Date('2026-11-26T10:00:00Z');

describe('the Deadlines page', () => {
  it('shows a moved deadline’s new date, the date it replaced and why', () => {
    const [row] = deadlineRows(
      [
        clock({
          dueAt: '2026-12-09T17:00:00.000Z',
          extension: { previousDueAt: '2026-12-02T17:00:00.000Z', reason: 'Agreed with the police' },
        }),
      ],
      now,
      names,
    );
    expect(row.due).toBe('5pm on 9 December 2026');
    expect(row.extension).toEqual({ from: 'Extended from 5pm on 2 December 2026', reason: 'Agreed with the police' });
  });

  it('tells a withdrawn request from an IMR found not needed, a request asked again after either', () => {
    const first = clock({ id: 'first', status: 'cancelled', startedAt: '2026-10-01T09:00:00.000Z' });
    const second = clock({ id: 'second', status: 'cancelled', startedAt: '2026-10-10T09:00:00.000Z' });
    const third = clock({ id: 'third', status: 'open', startedAt: '2026-10-20T09:00:00.000Z' });
    const scoping = clock({ id: 'scoping', kind: 'scoping_return', status: 'cancelled' });
    const history = [
      { type: 'WITHDRAW_REQUEST', payload: { agencyId: 'a1', kind: 'imr' }, occurredAt: '2026-10-05T09:00:00.000Z' },
      { type: 'WAIVE_IMR', payload: { agencyId: 'a1' }, occurredAt: '2026-10-12T09:00:00.000Z' },
      { type: 'WITHDRAW_REQUEST', payload: { agencyId: 'a1', kind: 'scoping' }, occurredAt: '2026-10-03T09:00:00.000Z' },
    ];
    const endings = requestEndings([first, second, third, scoping], history);
    expect(Object.fromEntries(endings)).toEqual({ first: 'withdrawn', second: 'waived', scoping: 'withdrawn' });
    const rows = deadlineRows([first, second, third, scoping], now, names, { endings });
    // The request asked again is open, first; the cancelled ones say how they ended.
    expect(rows[0].status).toBe('Open');
    expect(rows.slice(1).map((r) => [r.tag?.text, r.status])).toEqual([
      ['Withdrawn', 'The request was withdrawn'],
      ['Not needed', 'Recorded as not needed'],
      ['Withdrawn', 'The request was withdrawn'],
    ]);
  });

  it('offers "Change due date" on running deadlines the person may move, and "Withdraw request" on outstanding requests', () => {
    const review = {
      id: 'r1',
      allowedEvents: ['EXTEND_DEADLINE', 'WITHDRAW_REQUEST'],
      scoping: [],
      panel: [{ agencyId: 'a1', imr: 'requested' }],
    } as unknown as VisibleReview;
    const imr = clock({ id: 'imr' });
    const completion = clock({ id: 'completion', kind: 'completion', agencyId: undefined, agencyName: null });
    const met = clock({ id: 'met', kind: 'decision', agencyId: undefined, agencyName: null, status: 'met' });
    const chairOwns = (kind: string) => ['completion', 'family_response'].includes(kind);
    const coordinator = deadlineLinks(review, { role: 'coordinator', chairMayMove: chairOwns });
    expect([imr, completion, met].map(coordinator.change)).toEqual([
      '/reviews/r1/deadlines/imr/change',
      '/reviews/r1/deadlines/completion/change',
      null,
    ]);
    expect([imr, completion].map(coordinator.withdraw)).toEqual(['/reviews/r1/tasks/WITHDRAW_REQUEST?request=imr:a1', null]);
    const chair = deadlineLinks(review, { role: 'independent_chair', chairMayMove: chairOwns });
    expect([imr, completion].map(chair.change)).toEqual([null, '/reviews/r1/deadlines/completion/change']);
    const [row] = deadlineRows([imr], now, names, { links: coordinator });
    expect(row.change).toEqual({ href: '/reviews/r1/deadlines/imr/change', hidden: ' for IMR (individual management review), Police' });
  });
});
