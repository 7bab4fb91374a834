import { DEADLINE_KINDS } from '@dhr/workflows/dhr/contract';
import { COORDINATORS, NAMED_CONTACT } from './__tests__/email-samples';
import { deadlineWhatToDo } from './what-to-do';

const AGENCY = 'Metropolitan Police';
const say = (
  role: string | undefined,
  phase: 'due' | 'overdue',
  kind: (typeof DEADLINE_KINDS)[number] = 'imr',
  partnership = NAMED_CONTACT,
) => deadlineWhatToDo({ kind, phase, role, agencyName: AGENCY, partnership });

describe('"What to do", worded for the reader', () => {
  it('the agency contact: send the return through the review page, and whom to ask for more time', () => {
    expect(say('agency_contact', 'due')).toBe(
      "Complete your agency's Individual Management Review (IMR) and chronology, and upload them on the review page (or from Requests to my agency). " +
        'If you cannot meet the date, contact Ana Patel to agree a new one.',
    );
    expect(say('agency_contact', 'overdue')).toMatch(/^It is overdue\. Complete your agency's/);
    expect(say('agency_contact', 'overdue', 'imr', COORDINATORS)).toContain('contact the DHR coordinator to agree a new one');
  });

  it('the coordinator: contact the agency and agree a new date, or record it; never "raise it with the DHR coordinator"', () => {
    for (const kind of DEADLINE_KINDS) {
      for (const phase of ['due', 'overdue'] as const) expect(say('coordinator', phase, kind)).not.toMatch(/with the DHR coordinator/);
    }
    expect(say('coordinator', 'overdue')).toBe(
      'Contact the agency contact at Metropolitan Police and agree a new date, then record the new date in the review so that the reminders follow it. ' +
        'If it has been done, record it in the review so that the deadline is closed.',
    );
    // An agency's reminders reach the coordinators only when nobody at the agency can be emailed.
    expect(say('coordinator', 'due')).toContain('Nobody at Metropolitan Police can be emailed from this system');
    // Their own deadlines: do it.
    expect(say('coordinator', 'due', 'commissioner_copy')).toMatch(/^Send a copy of the report to the Domestic Abuse Commissioner/);
    expect(say('coordinator', 'overdue', 'publication')).toMatch(/^It is overdue\. Tell the family the publication date/);
  });

  it('the CSP chair: what a chair can do about an agency, or decide', () => {
    expect(say('csp_chair', 'overdue')).toBe(
      'As chair of the Community Safety Partnership, you can raise the delay with the senior managers of Metropolitan Police, ' +
        'and ask the DHR coordinator to agree a new date with them and record it in the review.',
    );
    expect(say('csp_chair', 'overdue', 'completion')).toContain('raise the delay with the independent chair');
    expect(say('csp_chair', 'due', 'decision')).toMatch(/^Decide whether to commission/);
  });

  it('the independent chair: their own deadlines to do, others to follow', () => {
    expect(say('independent_chair', 'due', 'completion')).toMatch(/^Submit the overview report/);
    expect(say('independent_chair', 'overdue', 'family_response')).toContain(
      'agree a new date with the DHR coordinator and record it in the review',
    );
    expect(say('independent_chair', 'due', 'publication')).toBe(
      'This is for the DHR coordinator to do: no action is needed from you unless they ask.',
    );
  });

  it('anyone else: where to look', () => {
    expect(say(undefined, 'overdue')).toBe('Open the review to see the deadline and who is responsible for it.');
    expect(say('admin', 'due')).toBe('Open the review to see the deadline and who is responsible for it.');
  });
});
