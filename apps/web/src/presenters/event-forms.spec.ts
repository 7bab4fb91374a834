import { EVENT_CATALOGUE } from '@dhr/reviews';
import {
  choicesFor,
  domainErrors,
  EVENT_FORMS,
  eventForm,
  FormContext,
  formFields,
  readForm,
  recordedWords,
  usualScopesHint,
} from './event-forms';
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
    // The words the pages write back into a form (a meeting at 12:00 reads "midday").
    expect(readTime('midday')).toEqual({ hour: 12, minute: 0 });
    expect(readTime('midnight')).toEqual({ hour: 0, minute: 0 });
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

describe('v2 event forms: due dates, withdrawn requests and holds', () => {
  const now = new Date('2026-11-26T10:00:00Z');
  const v2: FormContext = {
    ...ctx,
    review: {
      panel: [
        { agencyId: 'a1', imr: 'requested' },
        { agencyId: 'a2', imr: 'withdrawn' },
        { agencyId: 'a3', imr: 'waived' },
      ],
      scoping: [
        { agencyId: 'a2', status: 'requested' },
        { agencyId: 'a3', status: 'withdrawn' },
      ],
      actions: [],
    },
    agencies: [...ctx.agencies, { id: 'a3', name: 'Probation' }],
    holdScopes: { criminal_trial: 'publication', inquest: 'publication', iopc: 'review', other_review: 'review', other: 'review' },
  };

  it('sends a due date as the date, for the API to place at 5pm London, and shows it so', () => {
    const read = readForm(
      EVENT_FORMS.REQUEST_IMR!,
      { agencyId: 'a2', 'dueAt-day': '29', 'dueAt-month': '3', 'dueAt-year': '2027' },
      v2,
      now,
    );
    expect(read).toEqual({
      payload: { agencyId: 'a2', dueAt: '2027-03-29' },
      answers: [
        { name: 'agencyId', href: '#agencyId', key: 'Which agency', value: 'NHS Trust' },
        // 29 March 2027 is in British Summer Time: 5pm London all the same.
        { name: 'dueAt', href: '#dueAt-day', key: 'The due date', value: '5pm on 29 March 2027' },
      ],
    });
  });

  it('offers again an IMR withdrawn or found not needed, and a scoping request withdrawn', () => {
    const imr = EVENT_FORMS.REQUEST_IMR!.fields[0];
    expect(choicesFor(imr, v2).map((o) => o.text)).toEqual(['NHS Trust', 'Probation']);
    const scoping = EVENT_FORMS.REQUEST_SCOPING!.fields[0];
    expect(choicesFor(scoping, v2).map((o) => o.text)).toEqual(['Police', 'Probation']);
  });

  it('offers the outstanding requests by agency, and sends the one chosen as kind and agencyId', () => {
    const form = EVENT_FORMS.WITHDRAW_REQUEST!;
    expect(choicesFor(form.fields[0], v2)).toEqual([
      { value: 'scoping:a2', text: 'Scoping information from NHS Trust' },
      { value: 'imr:a1', text: 'IMR (individual management review) from Police' },
    ]);
    expect(form.confirm).toBeTruthy();
    const read = readForm(form, { request: 'imr:a1', reason: 'Police had no contact.' }, v2, now);
    expect('payload' in read && read.payload).toEqual({ kind: 'imr', agencyId: 'a1', reason: 'Police had no contact.' });
    expect('payload' in read && read.answers[0]).toEqual({
      name: 'request',
      href: '#request',
      key: 'Which request',
      value: 'IMR (individual management review) from Police',
    });
    const none = readForm(form, { request: 'imr:a2', reason: '' }, v2, now);
    expect('errors' in none && none.errors.list).toEqual([
      { text: 'Select the request to withdraw', href: '#request' },
      { text: 'Enter the reason', href: '#reason' },
    ]);
    // The domain's agencyId or kind is the "which request?" question.
    expect(domainErrors(form, [{ field: 'agencyId', reason: 'must be a UUID' }]).list[0].href).toBe('#request');
  });

  it('asks what a hold stops, says the usual answer per kind, and chooses it once the kind is known', () => {
    const form = EVENT_FORMS.PUT_ON_HOLD!;
    expect(usualScopesHint(v2)).toBe(
      'Usually publication only for a criminal trial or an inquest, and the whole review for an IOPC (Independent Office for Police Conduct) investigation, another review or something else.',
    );
    const radios = (values: Record<string, string>) =>
      (formFields(form, v2, values)[1].params as { items: { value: string; checked: boolean }[] }).items;
    expect(radios({}).filter((i) => i.checked)).toEqual([]);
    expect(radios({ kind: 'criminal_trial' }).find((i) => i.checked)?.value).toBe('publication');
    expect(radios({ kind: 'iopc' }).find((i) => i.checked)?.value).toBe('review');
    expect(radios({ kind: 'criminal_trial', scope: 'review' }).find((i) => i.checked)?.value).toBe('review');
    const missing = readForm(form, { kind: 'inquest', reason: 'Inquest opened.' }, v2, now);
    expect('errors' in missing && missing.errors.list).toEqual([{ text: 'Select what the hold stops', href: '#scope' }]);
    const read = readForm(form, { kind: 'inquest', scope: 'publication', reason: 'Inquest opened.' }, v2, now);
    expect('payload' in read && read.payload).toEqual({ kind: 'inquest', scope: 'publication', reason: 'Inquest opened.' });
    expect(recordedWords('PUT_ON_HOLD', { scope: 'publication' })).toBe('Publication put on hold');
    expect(recordedWords('PUT_ON_HOLD', { scope: 'review' })).toBe('Review put on hold');
  });

  it('words resuming a hold on publication as ending it', () => {
    expect(eventForm('RESUME', { hold: { scope: 'publication' } })?.task).toBe('End the hold on publication');
    expect(eventForm('RESUME', { hold: { scope: 'review' } })?.task).toBe('Resume the review');
  });

  it('says a due date must be in the future when the event happens now', () => {
    const errors = domainErrors(EVENT_FORMS.REQUEST_IMR!, [{ field: 'dueAt', reason: 'must be after occurredAt' }]);
    expect(errors.list).toEqual([{ text: 'The due date must be in the future', href: '#dueAt-day' }]);
  });
});

describe('v3 event forms: the decision on the record and the Home Office’s response', () => {
  const now = new Date('2026-11-26T10:00:00Z');
  const decidedToday = { 'decidedAt-day': '26', 'decidedAt-month': '11', 'decidedAt-year': '2026' };

  it('asks the coordinator who made the decision, and never the CSP chair, who is the decision-maker', () => {
    const names = (role: string) => eventForm('DECIDE_NOT_TO_COMMISSION', undefined, role)!.fields.map((f) => f.name);
    expect(names('coordinator')).toEqual(['decidedAt', 'deathType', 'deathTypeDescription', 'decisionMaker', 'rationale']);
    expect(names('csp_chair')).toEqual(['decidedAt', 'deathType', 'deathTypeDescription', 'rationale']);
    expect(eventForm('RECONSIDER_DECISION', undefined, 'csp_chair')!.fields.map((f) => f.name)).toEqual(['decidedAt', 'rationale']);
  });

  it('asks the kind of death with radios, then a description that is needed only for "Something else"', () => {
    const form = eventForm('DECIDE_TO_COMMISSION', undefined, 'coordinator')!;
    const fields = formFields(form, ctx, {});
    const radios = fields.find((f) => f.params && 'idPrefix' in f.params && f.params.idPrefix === 'deathType')!;
    expect((radios.params as { items: { value: string; text: string }[] }).items.map((i) => i.text)).toEqual([
      'A homicide',
      'A suicide after domestic abuse',
      'Something else',
    ]);
    // A plain question straight after the radios (a conditional reveal's aria-expanded on a radio fails axe).
    expect(fields[fields.indexOf(radios) + 1].params).toMatchObject({
      id: 'deathTypeDescription',
      label: { text: 'If something else, describe the kind of death' },
    });

    const missing = readForm(form, { ...decidedToday, rationale: 'Criteria met.' }, ctx, now);
    expect('errors' in missing && missing.errors.list).toEqual([
      { text: 'Select what kind of death it is', href: '#deathType' },
      { text: 'Enter who made the decision', href: '#decisionMaker' },
    ]);
    const undescribed = readForm(form, { ...decidedToday, deathType: 'other', decisionMaker: 'CSP board', rationale: 'x' }, ctx, now);
    expect('errors' in undescribed && undescribed.errors.list).toEqual([
      { text: 'Enter the description of the kind of death', href: '#deathTypeDescription' },
    ]);
    const other = readForm(
      form,
      { ...decidedToday, deathType: 'other', deathTypeDescription: 'A death in custody', decisionMaker: 'CSP board', rationale: 'x' },
      ctx,
      now,
    );
    expect('payload' in other && other.payload).toMatchObject({
      deathType: 'other',
      deathTypeDescription: 'A death in custody',
      decisionMaker: 'CSP board',
    });
    // A description left in the box after choosing another kind is not sent.
    const homicide = readForm(
      form,
      { ...decidedToday, deathType: 'homicide', deathTypeDescription: 'left over', decisionMaker: 'CSP board', rationale: 'x' },
      ctx,
      now,
    );
    expect('payload' in homicide && homicide.payload).not.toHaveProperty('deathTypeDescription');
  });

  it('records the Home Office’s response in words that say what it said', () => {
    const form = eventForm('HOME_OFFICE_RESPONSE', undefined, 'coordinator')!;
    const missing = readForm(form, { 'receivedAt-day': '26', 'receivedAt-month': '11', 'receivedAt-year': '2026' }, ctx, now);
    expect('errors' in missing && missing.errors.list).toEqual([{ text: 'Select what the Home Office said', href: '#outcome' }]);
    expect(recordedWords('HOME_OFFICE_RESPONSE', { outcome: 'accepted' })).toBe(
      'Home Office response recorded: it accepted the decision not to hold a review',
    );
    expect(recordedWords('HOME_OFFICE_RESPONSE', { outcome: 'challenged' })).toBe(
      'Home Office response recorded: it challenged the decision not to hold a review',
    );
  });
});
