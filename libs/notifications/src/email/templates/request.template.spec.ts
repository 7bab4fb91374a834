import type { EmailData, RequestEmailData } from '../email-data';
import { renderEmail } from '../render-email';
import { COORDINATORS, PERSONAL_NAMES, REVIEW_ID, sampleData } from '../__tests__/email-samples';

const PERIOD = { periodFrom: '2022-01-01', periodTo: '2026-01-01' };
const request = (kind: RequestEmailData['kind'], more: Partial<RequestEmailData> = {}): RequestEmailData => ({
  kind,
  termsOfReference: PERIOD,
  ...more,
});
const agencyContact = (overrides: Partial<EmailData>) => sampleData({ recipientRole: 'agency_contact', ...overrides });
const REVIEW_LINK = `Open the review: https://dhr.example.gov.uk/reviews/${REVIEW_ID}`;
const REQUESTS_LINK = 'Requests to my agency: https://dhr.example.gov.uk/requests';

describe('request emails to an agency', () => {
  it('an IMR request: what is asked, the period under review, the due date, how to respond and whom to contact', () => {
    const email = renderEmail('request.imr', agencyContact({ request: request('imr') }));
    expect(email.subject).toBe(
      'DHR-CROY-2026-001: IMR requested from Northshire Constabulary, due 5pm on 9 December 2026 [OFFICIAL-SENSITIVE]',
    );
    expect(email.text).toContain(
      'Croydon CSP asks Northshire Constabulary for an Individual Management Review (IMR) and a chronology for Domestic Homicide Review DHR-CROY-2026-001.',
    );
    expect(email.text).toMatch(/^What is asked: +An Individual Management Review \(IMR\) and chronology from Northshire Constabulary$/m);
    expect(email.text).toMatch(/^Period under review: 1 January 2022 to 1 January 2026$/m);
    expect(email.text).toMatch(/^Due: +5pm on Wednesday 9 December 2026$/m);
    expect(email.text).toContain(
      'upload them on the review page or from Requests to my agency. If you cannot meet the date, contact Ana Patel',
    );
    expect(email.text).toContain(REVIEW_LINK);
    expect(email.text).toContain(REQUESTS_LINK);
    expect(email.html).toContain('<a href="https://dhr.example.gov.uk/requests">Requests to my agency</a>');
    expect(email.text).toContain('Who to contact: Ana Patel at Croydon CSP, dhr.coordinator@croydon.gov.uk.');
  });

  it('a scoping request, before terms of reference are agreed, has no period', () => {
    const email = renderEmail(
      'request.scoping',
      agencyContact({ deadlineKind: 'scoping_return', request: request('scoping', { termsOfReference: null }) }),
    );
    expect(email.subject).toBe(
      'DHR-CROY-2026-001: scoping return requested from Northshire Constabulary, due 5pm on 9 December 2026 [OFFICIAL-SENSITIVE]',
    );
    expect(email.text).toContain('asks Northshire Constabulary whether it had any contact with the people involved (a scoping return)');
    expect(email.text).not.toContain('Period under review');
    expect(email.text).toContain('send your scoping return through the review page');
  });

  it('an action: quoted in the body, the agency and the date in the subject', () => {
    const email = renderEmail(
      'request.action',
      agencyContact({
        deadlineKind: 'action',
        agencyName: 'Croydon Council',
        actionDescription: 'Audit GP training on domestic abuse',
        request: request('action'),
      }),
    );
    expect(email.subject).toBe('DHR-CROY-2026-001: new action for Croydon Council, due 5pm on 9 December 2026 [OFFICIAL-SENSITIVE]');
    expect(email.subject).not.toContain('Audit');
    expect(email.text).toMatch(/^The action: +“Audit GP training on domestic abuse”$/m);
    expect(email.text).toContain('record it complete on the review page or from Requests to my agency');
  });

  it('a panel invitation: no due date, who will represent the agency', () => {
    const email = renderEmail('request.panel', agencyContact({ request: request('panel') }));
    expect(email.subject).toBe('DHR-CROY-2026-001: Northshire Constabulary invited to join the review panel [OFFICIAL-SENSITIVE]');
    expect(email.text).toContain(
      'Croydon CSP invites Northshire Constabulary to sit on the panel of Domestic Homicide Review DHR-CROY-2026-001.',
    );
    expect(email.text).not.toMatch(/^Due:/m);
    expect(email.text).toContain('Tell Ana Patel who will represent your agency on the panel.');
  });

  it('a new due date: the new and the old date, and why', () => {
    const email = renderEmail(
      'deadline.extended',
      agencyContact({
        dueAt: new Date('2026-12-16T17:00:00Z'),
        request: request('extension', { previousDueAt: new Date('2026-12-09T17:00:00Z'), reason: 'Records held off site' }),
      }),
    );
    expect(email.subject).toBe('DHR-CROY-2026-001: IMR from Northshire Constabulary now due 5pm on 16 December 2026 [OFFICIAL-SENSITIVE]');
    expect(email.text).toMatch(/^Now due: +5pm on Wednesday 16 December 2026$/m);
    expect(email.text).toMatch(/^Was due: +5pm on Wednesday 9 December 2026$/m);
    expect(email.text).toMatch(/^Reason: +“Records held off site”$/m);
    expect(email.text).toContain('Work to the new date');
  });

  it('a new date for a case deadline goes to its owners, without an agency', () => {
    const email = renderEmail(
      'deadline.extended',
      sampleData({
        deadlineKind: 'completion',
        agencyName: undefined,
        recipientRole: 'coordinator',
        request: request('extension', { previousDueAt: new Date('2026-12-02T17:00:00Z') }),
      }),
    );
    expect(email.subject).toBe('DHR-CROY-2026-001: review to be completed now due 5pm on 9 December 2026 [OFFICIAL-SENSITIVE]');
    expect(email.text).toContain('Nothing is needed from you now');
    expect(email.text).not.toContain('Requests to my agency');
  });

  it('a withdrawal: which request, why, and that nothing more is needed', () => {
    const email = renderEmail('request.withdrawn', agencyContact({ request: request('withdrawal', { reason: 'No contact found' }) }));
    expect(email.subject).toBe('DHR-CROY-2026-001: IMR request to Northshire Constabulary withdrawn [OFFICIAL-SENSITIVE]');
    expect(email.text).toContain('has been withdrawn. It is no longer needed, and no more reminders will be sent about it.');
    expect(email.text).toMatch(/^Reason: +“No contact found”$/m);
    const scoping = renderEmail('request.withdrawn', agencyContact({ deadlineKind: 'scoping_return', request: request('withdrawal') }));
    expect(scoping.subject).toBe('DHR-CROY-2026-001: scoping request to Northshire Constabulary withdrawn [OFFICIAL-SENSITIVE]');
  });

  it('refuses to render without the request, or with another kind of request', () => {
    expect(() => renderEmail('request.imr', sampleData())).toThrow(/request is required/);
    expect(() => renderEmail('request.imr', sampleData({ request: request('scoping') }))).toThrow(/request.kind must be imr/);
  });
});

describe('request.undelivered, to the coordinators when the agency has no contact', () => {
  const coordinator = (kind: RequestEmailData['kind'], overrides: Partial<EmailData> = {}) =>
    renderEmail(
      'request.undelivered',
      sampleData({ recipientRole: 'coordinator', partnership: COORDINATORS, request: request(kind), ...overrides }),
    );

  it.each([
    ['imr', 'IMR request to Northshire Constabulary not sent: no agency contact on the system'],
    ['scoping', 'scoping request to Northshire Constabulary not sent: no agency contact on the system'],
    ['action', 'new action for Northshire Constabulary not sent: no agency contact on the system'],
    ['panel', 'panel invitation to Northshire Constabulary not sent: no agency contact on the system'],
    ['withdrawal', 'withdrawal of the IMR request to Northshire Constabulary not sent: no agency contact on the system'],
    ['extension', 'new due date of the IMR from Northshire Constabulary not sent: no agency contact on the system'],
  ] as const)('%s: says it could not be emailed and gives what it says, to send it themselves', (kind, subject) => {
    const email = coordinator(kind);
    expect(email.subject).toBe(`DHR-CROY-2026-001: ${subject} [OFFICIAL-SENSITIVE]`);
    expect(email.text).toContain('Northshire Constabulary has no agency contact on this system, so this ');
    expect(email.text).toContain('Send it to them yourself.');
    expect(email.text).toContain('invite their contact as an agency contact in Administration');
    expect(email.text).not.toContain('Requests to my agency');
    for (const name of PERSONAL_NAMES) expect(email.subject).not.toContain(name);
  });

  it('keeps the facts the agency would have had', () => {
    const email = coordinator('imr');
    expect(email.text).toMatch(/^Period under review: 1 January 2022 to 1 January 2026$/m);
    expect(email.text).toMatch(/^Due: +5pm on Wednesday 9 December 2026$/m);
  });
});
