import { EVENT_CATALOGUE } from '@dhr/reviews';
import { domainErrors, EVENT_FORMS, FormContext, readForm } from './event-forms';
import { londonInstant, readDate, readTime } from './form-dates';
import { dateTime } from './timeline.presenter';

const ctx: FormContext = {
  review: { panel: [{ agencyId: 'a1', imr: 'requested' }], scoping: [], actions: [] },
  agencies: [
    { id: 'a1', name: 'Police' },
    { id: 'a2', name: 'NHS Trust' },
  ],
  chairs: [{ id: 'u1', name: 'Sam Chair' }],
  ownAgencyId: null,
};

describe('form dates', () => {
  it('reads London wall-clock times in summer and winter', () => {
    expect(londonInstant('2026-07-01', 14, 30).toISOString()).toBe('2026-07-01T13:30:00.000Z');
    expect(londonInstant('2026-12-01', 14, 30).toISOString()).toBe('2026-12-01T14:30:00.000Z');
    expect(dateTime('2026-10-02T13:30:00Z')).toBe('2 October 2026, 2:30pm');
  });

  it('reads times as people write them', () => {
    expect(readTime('2:30pm')).toEqual({ hour: 14, minute: 30 });
    expect(readTime('12am')).toEqual({ hour: 0, minute: 0 });
    expect(readTime('14:05')).toEqual({ hour: 14, minute: 5 });
    expect(readTime('25:00')).toBeNull();
    expect(readTime('13pm')).toBeNull();
  });

  it('names the part of a date that is missing or wrong', () => {
    expect(readDate({ 'd-day': '1', 'd-month': '', 'd-year': '2026' }, 'd')).toEqual({ problem: 'incomplete', parts: ['month'] });
    expect(readDate({ 'd-day': '1', 'd-month': '13', 'd-year': '2026' }, 'd')).toEqual({ problem: 'invalid', parts: ['month'] });
    expect(readDate({ 'd-day': '30', 'd-month': '2', 'd-year': '2026' }, 'd')).toEqual({
      problem: 'invalid',
      parts: ['day', 'month', 'year'],
    });
    expect(readDate({ 'd-day': '3', 'd-month': '2', 'd-year': '2026' }, 'd')).toEqual({ date: '2026-02-03', time: null });
    expect(readDate({}, 'd')).toBeNull();
  });
});

describe('event forms', () => {
  it('describes only events of the catalogue, each field a payload field of its validator', () => {
    for (const [type, form] of Object.entries(EVENT_FORMS)) {
      expect(EVENT_CATALOGUE).toHaveProperty(type);
      const spec = EVENT_CATALOGUE[type as keyof typeof EVENT_CATALOGUE];
      for (const field of form!.fields) if (field.kind === 'when') expect(spec.time).toBe(field.name);
    }
    for (const type of [
      'DECIDE_TO_COMMISSION',
      'DECIDE_NOT_TO_COMMISSION',
      'CSP_SIGN_OFF',
      'SUBMIT_TO_HOME_OFFICE',
      'PUBLISH',
      'CLOSE',
    ] as const)
      expect(EVENT_FORMS[type]?.confirm).toBeTruthy();
  });

  it('reads a form into a payload with names for the answers, or GOV.UK messages', () => {
    const now = new Date('2026-11-26T10:00:00Z');
    const ok = readForm(
      EVENT_FORMS.RECEIVE_IMR!,
      { agencyId: 'a1', 'receivedAt-day': '2', 'receivedAt-month': '10', 'receivedAt-year': '2026', 'receivedAt-time': '2:30pm' },
      ctx,
      now,
    );
    expect(ok).toEqual({
      payload: { agencyId: 'a1', receivedAt: '2026-10-02T13:30:00.000Z' },
      answers: [
        { name: 'agencyId', href: '#agencyId', key: 'Which agency sent it', value: 'Police' },
        { name: 'receivedAt', href: '#receivedAt-day', key: 'When it happened', value: '2 October 2026, 2:30pm' },
      ],
    });
    const bad = readForm(EVENT_FORMS.RECEIVE_IMR!, { agencyId: 'a2' }, ctx, now);
    expect('errors' in bad && bad.errors.list).toEqual([
      { text: 'Select an agency', href: '#agencyId' },
      { text: 'Enter the date this happened', href: '#receivedAt-day' },
    ]);
  });

  it('puts the domain’s field errors on the form’s fields', () => {
    const errors = domainErrors(EVENT_FORMS.DECIDE_TO_COMMISSION!, [
      { field: 'occurredAt', reason: 'must not be before the date of death' },
    ]);
    expect(errors.list).toEqual([{ text: 'The date this happened must not be before the date of death', href: '#decidedAt-day' }]);
  });
});
