import { DomainError } from '@dhr/core';
import { assertRouting, isCalendarDate, londonToday, recommendationRouting, RoutingFields } from './recommendation-routing';

const national = (over: Partial<RoutingFields> = {}): RoutingFields => ({
  scope: 'national',
  department: null,
  sentOn: null,
  response: null,
  respondedOn: null,
  ...over,
});

/** The field a routing rule names, or null when the change is allowed. */
function refused(after: RoutingFields, given?: string[]): string | null {
  try {
    assertRouting(after, '2026-03-30', given);
    return null;
  } catch (error) {
    return (error as DomainError).details.fields?.[0]?.field ?? 'no field';
  }
}

describe('national recommendation routing', () => {
  it('follows its status from the dates, and is null for a local recommendation', () => {
    expect(recommendationRouting(national())?.status).toBe('not_sent');
    expect(recommendationRouting(national({ department: 'Home Office', sentOn: '2026-03-01' }))?.status).toBe('awaiting_response');
    expect(
      recommendationRouting(national({ department: 'Home Office', sentOn: '2026-03-01', response: 'Agreed', respondedOn: '2026-03-02' }))
        ?.status,
    ).toBe('response_received');
    expect(recommendationRouting({ ...national(), scope: 'local' })).toBeNull();
  });

  it('names the field that breaks a rule', () => {
    const sent = { department: 'Home Office', sentOn: '2026-03-01' };
    expect(refused(national(sent))).toBeNull();
    expect(refused(national({ ...sent, response: 'Agreed', respondedOn: '2026-03-01' }))).toBeNull(); // the same day
    expect(refused({ ...national(sent), scope: 'local' })).toBe('department');
    expect(refused({ ...national(sent), scope: 'local' }, [])).toBe('scope'); // made local once sent
    expect(refused(national({ department: 'Home Office' }))).toBe('sentOn');
    expect(refused(national({ sentOn: '2026-03-01' }))).toBe('department');
    expect(refused(national({ ...sent, response: 'Agreed' }))).toBe('respondedOn');
    expect(refused(national({ ...sent, respondedOn: '2026-03-02' }))).toBe('response');
    expect(refused(national({ department: 'Home Office', sentOn: '2026-03-31' }))).toBe('sentOn');
    expect(refused(national({ ...sent, response: 'Agreed', respondedOn: '2026-03-31' }))).toBe('respondedOn');
    expect(refused(national({ ...sent, response: 'Agreed', respondedOn: '2026-02-28' }))).toBe('respondedOn');
    expect(refused(national({ response: 'Agreed', respondedOn: '2026-03-02' }))).toBe('respondedOn');
  });

  it('reads real calendar dates, and today in London', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-3-1')).toBe(false);
    // 23:30 UTC on 31 March is 00:30 on 1 April in British Summer Time; in January London is on UTC.
    expect(londonToday(new Date('2026-03-31T23:30:00Z'))).toBe('2026-04-01');
    expect(londonToday(new Date('2026-01-31T23:30:00Z'))).toBe('2026-01-31');
  });
});
