import { DEADLINE_KINDS } from '@dhr/workflows/dhr/contract';
import type { DeadlineKind } from '@dhr/workflows/dhr/contract';
import { DEADLINE_WORDING } from './deadline-wording';
import { EmailData, NOTIFICATION_TEMPLATES, NotificationTemplate } from './email-data';
import { renderEmail } from './render-email';
import { escapeHtml } from './safe-html';
import { AGENCY, COORDINATORS, PERSONAL_NAMES, RECIPIENT, REVIEW_ID, sampleData } from './__tests__/email-samples';

const data = (overrides: Partial<EmailData> = {}): EmailData =>
  sampleData({ dueAt: new Date('2026-03-06T17:00:00Z'), overdueDays: 8, ...overrides });

const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const MARKED = / \[OFFICIAL-SENSITIVE\]$/;

/** The data each kind of template needs beside a deadline's, so that every one can be rendered here. */
const meeting = {
  number: 2,
  startsAt: new Date('2026-03-29T09:00:00Z'),
  endsAt: new Date('2026-03-29T11:00:00Z'),
  location: 'Room <4> & https://meet.example/x',
  agenda: 'Chronology review',
};
const DOCUMENT_ID = '0b9d3c1e-5a8f-4f6e-9d2c-7e1a4b3c2d10';
const REQUEST_KIND = {
  'request.scoping': 'scoping',
  'request.imr': 'imr',
  'request.action': 'action',
  'request.panel': 'panel',
  'deadline.extended': 'extension',
  'request.withdrawn': 'withdrawal',
  'request.undelivered': 'imr',
} as const;
function dataFor(template: NotificationTemplate, overrides: Partial<EmailData> = {}): EmailData {
  if (template.startsWith('meeting.')) return data({ meeting, ...overrides });
  if (template === 'document.shared') return data({ sharedDocument: { id: DOCUMENT_ID, kind: 'terms_of_reference' }, ...overrides });
  if (Object.hasOwn(REQUEST_KIND, template)) {
    const kind = REQUEST_KIND[template as keyof typeof REQUEST_KIND];
    return data({ request: { kind, termsOfReference: null }, ...overrides });
  }
  return data(overrides);
}

// The digest is about many reviews, not one: overdue-digest.template.spec.ts renders it.
const REVIEW_TEMPLATES = NOTIFICATION_TEMPLATES.filter((t) => t !== 'digest.overdue');

describe('renderEmail', () => {
  describe.each(REVIEW_TEMPLATES.map((t) => [t]))('%s', (template: NotificationTemplate) => {
    it('is marked OFFICIAL-SENSITIVE at the end of the subject and the top of the body, and names the partnership and the contact', () => {
      const email = renderEmail(template, dataFor(template));
      expect(email.subject.startsWith('DHR-CROY-2026-001: ')).toBe(true);
      expect(email.subject).toMatch(MARKED);
      expect(email.subject).not.toMatch(/[\r\n]/);
      expect(email.text.startsWith('OFFICIAL-SENSITIVE\n\nDear Zelda Quixote-Marsh,\n')).toBe(true);
      expect(email.html.indexOf('OFFICIAL-SENSITIVE')).toBeLessThan(email.html.indexOf('Dear'));
      expect(email.text).toContain(
        'Who to contact: Ana Patel at Croydon CSP, dhr.coordinator@croydon.gov.uk. You can reply to this email.',
      );
      expect(email.text).toContain('Sent by Croydon CSP through the Domestic Homicide Review case-management system.');
      expect(email.html).toContain('<a href="mailto:dhr.coordinator@croydon.gov.uk">dhr.coordinator@croydon.gov.uk</a>');
      expect(email.text).toContain('What to do: ');
      expect(email.text).toContain(`https://dhr.example.gov.uk/reviews/${REVIEW_ID}`);
      expect(email.text).not.toMatch(/\d\d:\d\d|UK time\)|12pm/); // GOV.UK times only
    });

    it('never puts a person’s name in the subject; the recipient’s is in the greeting only', () => {
      for (const partnership of [COORDINATORS, undefined]) {
        const email = renderEmail(template, dataFor(template, partnership ? { partnership } : {}));
        for (const name of PERSONAL_NAMES) expect(email.subject).not.toContain(name);
        expect(occurrences(email.text, RECIPIENT)).toBe(1);
        expect(occurrences(email.html, RECIPIENT)).toBe(1);
      }
    });

    it('escapes every value in the HTML', () => {
      const email = renderEmail(
        template,
        dataFor(template, {
          agencyName: '<script>alert("x")</script> & Sons',
          recipientName: '<img src=x onerror=alert(1)>',
          reference: 'DHR-<b>-2026-001',
          reminderLabel: '<u>7</u> days',
          partnership: { name: 'Croydon <i>CSP</i>', contacts: [{ name: 'A <b>', email: 'a@x.gov.uk' }], contactIsCoordinators: false },
        }),
      );
      expect(email.html).not.toMatch(/<script|<img|<b>|<u>|<i>/);
      expect(email.html).toContain('Dear &lt;img src=x onerror=alert(1)&gt;,');
      expect(email.html).toContain('DHR-&lt;b&gt;-2026-001');
      expect(email.html).toContain('Croydon &lt;i&gt;CSP&lt;/i&gt;');
      if (!template.startsWith('meeting.')) expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons');
    });
  });

  const DEADLINE_TEMPLATES = ['clock.reminder', 'clock.escalation', 'clock.escalation_chair', 'email.failed'] as const;
  describe.each(DEADLINE_TEMPLATES.map((t) => [t]))('%s', (template) => {
    it.each(DEADLINE_KINDS.map((k) => [k]))(
      'names the %s deadline (and its agency) in the subject and says what, when and what to do',
      (kind: DeadlineKind) => {
        const email = renderEmail(template, data({ deadlineKind: kind }));
        const wording = DEADLINE_WORDING[kind];
        expect(email.subject).toContain(wording.subjectItem(AGENCY));
        expect(email.text.toLowerCase()).toContain(wording.describe(AGENCY).toLowerCase());
        expect(email.text).toContain('5pm on Friday 6 March 2026');
        expect(email.html.toLowerCase()).toContain(escapeHtml(wording.describe(AGENCY)).toLowerCase());
        expect(email.html).toContain(`<a href="https://dhr.example.gov.uk/reviews/${REVIEW_ID}">`);
      },
    );
  });

  it('writes the reminder as the agency contact should read it', () => {
    const email = renderEmail('clock.reminder', data());
    expect(email.subject).toBe('DHR-CROY-2026-001: IMR from Northshire Constabulary due in 7 days [OFFICIAL-SENSITIVE]');
    expect(email.text).toBe(
      [
        'OFFICIAL-SENSITIVE',
        '',
        'Dear Zelda Quixote-Marsh,',
        '',
        'This is a reminder that the Individual Management Review (IMR) and chronology from Northshire Constabulary for Domestic Homicide Review DHR-CROY-2026-001 is due in 7 days, by 5pm on Friday 6 March 2026.',
        '',
        'What is due: The Individual Management Review (IMR) and chronology from Northshire Constabulary',
        'Review:      DHR-CROY-2026-001',
        'Due:         5pm on Friday 6 March 2026',
        '',
        "What to do: Complete your agency's Individual Management Review (IMR) and chronology, and upload them on the review page (or from Requests to my agency). If you cannot meet the date, contact Ana Patel to agree a new one.",
        '',
        `Open the review: https://dhr.example.gov.uk/reviews/${REVIEW_ID}`,
        '',
        'Who to contact: Ana Patel at Croydon CSP, dhr.coordinator@croydon.gov.uk. You can reply to this email.',
        '',
        '--',
        'Sent by Croydon CSP through the Domestic Homicide Review case-management system. ' +
          'It is OFFICIAL-SENSITIVE: do not forward it to anyone who does not need to know.',
        '',
      ].join('\n'),
    );
  });

  it('shows 5pm in British Summer Time as 5pm', () => {
    const email = renderEmail('clock.reminder', data({ dueAt: new Date('2026-06-05T16:00:00Z'), reminderLabel: undefined }));
    expect(email.subject).toBe('DHR-CROY-2026-001: IMR from Northshire Constabulary due 5pm on 5 June 2026 [OFFICIAL-SENSITIVE]');
    expect(email.text).toContain('is due by 5pm on Friday 5 June 2026.');
  });

  it('an action reminder quotes the action in the body, never in the subject', () => {
    const email = renderEmail(
      'clock.reminder',
      data({ deadlineKind: 'action', agencyName: 'Croydon Council', actionDescription: 'Audit GP training\r\non domestic abuse' }),
    );
    expect(email.subject).toBe('DHR-CROY-2026-001: action for Croydon Council due in 7 days [OFFICIAL-SENSITIVE]');
    expect(email.text).toMatch(/^The action: +“Audit GP training on domestic abuse”$/m);
    expect(email.html).toContain('“Audit GP training on domestic abuse”');
    expect(renderEmail('clock.escalation', data({ deadlineKind: 'action', actionDescription: 'Audit' })).text).toContain('“Audit”');
  });

  it('uses the per-kind wording of the brief', () => {
    const text = (kind: DeadlineKind, agencyName?: string) => renderEmail('clock.reminder', data({ deadlineKind: kind, agencyName })).text;
    expect(text('decision')).toContain('The decision whether to commission a review');
    expect(text('imr', 'Croydon Council')).toContain('The Individual Management Review (IMR) and chronology from Croydon Council');
    expect(text('imr', undefined)).toContain('An Individual Management Review (IMR) and chronology');
    expect(text('family_response')).toContain("The family's response to the draft report");
    expect(text('commissioner_copy')).toContain('Copy of the report to the Domestic Abuse Commissioner');
    expect(text('publication')).toContain('Publication of the report');
    expect(text('action', 'Croydon Council')).toContain('An action-plan item owned by Croydon Council');
    expect(text('scoping_return', 'Croydon Council')).toContain('The scoping return from Croydon Council');
  });

  it('escalation: the subject leads with what is overdue, from whom and by how long', () => {
    const email = renderEmail('clock.escalation', data({ overdueDays: 3, recipientRole: 'coordinator', partnership: COORDINATORS }));
    expect(email.subject).toBe('DHR-CROY-2026-001: IMR from Northshire Constabulary overdue by 3 days [OFFICIAL-SENSITIVE]');
    expect(email.text).toContain('the deadline has passed: it is 3 days overdue.');
    expect(email.text).toMatch(/^Responsible: +The agency contact at Northshire Constabulary$/m);
    expect(email.text).toContain('escalated to the chair of the Community Safety Partnership (CSP)');
    expect(email.text).toContain(
      'Who to contact: the DHR coordinators at Croydon CSP: Sam Okafor, sam.okafor@croydon.gov.uk; Jo Lindqvist, jo.lindqvist@croydon.gov.uk.',
    );
    // At the due time itself it is overdue by less than a day.
    expect(renderEmail('clock.escalation', data({ overdueDays: 0 })).subject).toBe(
      'DHR-CROY-2026-001: IMR from Northshire Constabulary overdue, was due 5pm on 6 March 2026 [OFFICIAL-SENSITIVE]',
    );
  });

  it('escalation to the chair: says for how many days it has been overdue', () => {
    const email = renderEmail('clock.escalation_chair', data({ overdueDays: 8 }));
    expect(email.subject).toBe(
      'DHR-CROY-2026-001: IMR from Northshire Constabulary overdue by 8 days, escalated to the CSP chair [OFFICIAL-SENSITIVE]',
    );
    expect(email.text).toContain('is overdue by 8 days and is now escalated to the chair of the Community Safety Partnership (CSP)');
  });

  it('escalation to the chair without a usable day count still goes, saying since when', () => {
    for (const overdueDays of [undefined, 0, 2.5]) {
      const email = renderEmail('clock.escalation_chair', data({ overdueDays }));
      expect(email.subject).toBe(
        'DHR-CROY-2026-001: IMR from Northshire Constabulary overdue since 5pm on 6 March 2026, escalated to the CSP chair [OFFICIAL-SENSITIVE]',
      );
      expect(email.text).not.toContain('Overdue by');
    }
  });

  it('email.failed: names the review, the kind of email and the role, never an address', () => {
    const email = renderEmail(
      'email.failed',
      data({ failedTemplate: 'clock.escalation', failedRecipientRole: 'agency_contact', partnership: { ...COORDINATORS, contacts: [] } }),
    );
    expect(email.subject).toBe(
      'DHR-CROY-2026-001: email not delivered: overdue notice about IMR from Northshire Constabulary [OFFICIAL-SENSITIVE]',
    );
    expect(email.text).toContain('could not be delivered, even after repeated attempts');
    expect(email.text).toMatch(/^Intended for: +Agency contact at Northshire Constabulary$/m);
    expect(email.text).toMatch(/^Email not delivered: +Overdue notice$/m);
    expect(email.text).not.toContain('@');
    expect(email.text).toContain('Who to contact: the DHR coordinator at Croydon CSP.');

    const toChair = renderEmail('email.failed', data({ failedRecipientRole: 'csp_chair', failedTemplate: 'clock.escalation_chair' }));
    expect(toChair.text).toContain('Chair of the Community Safety Partnership (CSP)');
    const request = renderEmail('email.failed', data({ failedTemplate: 'request.imr' }));
    expect(request.subject).toBe(
      'DHR-CROY-2026-001: email not delivered: request about IMR from Northshire Constabulary [OFFICIAL-SENSITIVE]',
    );
    const panel = renderEmail('email.failed', data({ failedTemplate: 'request.panel' }));
    expect(panel.subject).toBe('DHR-CROY-2026-001: email not delivered: panel invitation to Northshire Constabulary [OFFICIAL-SENSITIVE]');
    expect(panel.text).not.toMatch(/^Due:/m);
  });

  it('email.failed: still goes without a usable role or template, and never shows an address', () => {
    const withAddress = renderEmail('email.failed', data({ failedRecipientRole: 'jo.bloggs@council.gov.uk' }));
    for (const part of [withAddress.subject, withAddress.text, withAddress.html]) expect(part).not.toContain('jo.bloggs');
    expect(withAddress.text).toMatch(/^Intended for: +Not recorded/m);
    expect(renderEmail('email.failed', data({ failedRecipientRole: undefined })).text).toMatch(/^Intended for: +Not recorded/m);
    const noTemplate = renderEmail('email.failed', data({ failedTemplate: undefined }));
    expect(noTemplate.subject).toBe(
      'DHR-CROY-2026-001: email not delivered: notification about IMR from Northshire Constabulary [OFFICIAL-SENSITIVE]',
    );
  });

  it('links by review id only, encoded, under PUBLIC_URL', () => {
    expect(renderEmail('clock.reminder', data({ publicUrl: 'https://dhr.example.gov.uk/app/' })).text).toContain(
      `https://dhr.example.gov.uk/app/reviews/${REVIEW_ID}`,
    );
    expect(renderEmail('clock.reminder', data({ reviewId: 'a/b?c' })).text).toContain('/reviews/a%2Fb%3Fc');
    expect(() => renderEmail('clock.reminder', data({ publicUrl: 'javascript:alert(1)' }))).toThrow(/http/);
  });

  it('keeps the subject on one line', () => {
    expect(renderEmail('clock.reminder', data({ reference: 'DHR-CROY\r\nBcc: x@example.org' })).subject).not.toMatch(/[\r\n]/);
    expect(renderEmail('clock.reminder', data({ agencyName: 'Police\r\nBcc: x@example.org' })).subject).not.toMatch(/[\r\n]/);
  });

  it('refuses unknown templates and deadline kinds', () => {
    expect(() => renderEmail('clock.unknown' as NotificationTemplate, data())).toThrow(/Unknown email template/);
    expect(() => renderEmail('clock.reminder', data({ deadlineKind: 'constructor' as DeadlineKind }))).toThrow(/Unknown deadline kind/);
  });

  describe('meeting emails', () => {
    const MEETING_TEMPLATES = NOTIFICATION_TEMPLATES.filter((t) => t.startsWith('meeting.'));

    it.each(MEETING_TEMPLATES.map((t) => [t]))(
      '%s: reference, meeting and time in the subject, place and agenda in the body only',
      (template) => {
        const email = renderEmail(template, data({ meeting }));
        expect(email.subject).toMatch(/^DHR-CROY-2026-001: .*panel meeting 2/);
        expect(email.subject).toContain('10am');
        for (const secret of [RECIPIENT, AGENCY, 'Room', 'Chronology review']) expect(email.subject).not.toContain(secret);
        expect(email.text).toMatch(/^When: +10am to midday on Sunday 29 March 2026$/m); // BST began at 1am that day
        expect(email.text).toContain('Room <4> & https://meet.example/x');
        expect(email.text).toContain('Chronology review');
        expect(email.html).toContain('Room &lt;4&gt; &amp; https://meet.example/x');
      },
    );

    it('says what happened in each', () => {
      expect(renderEmail('meeting.invitation', data({ meeting })).subject).toBe(
        'DHR-CROY-2026-001: invitation to panel meeting 2, 10am on 29 March 2026 [OFFICIAL-SENSITIVE]',
      );
      expect(renderEmail('meeting.updated', data({ meeting })).text).toContain('has changed. It is now at 10am on Sunday 29 March 2026.');
      expect(renderEmail('meeting.cancelled', data({ meeting })).text).toContain('has been cancelled');
      expect(renderEmail('meeting.reminder', data({ meeting })).subject).toBe(
        'DHR-CROY-2026-001: panel meeting 2 tomorrow, 10am [OFFICIAL-SENSITIVE]',
      );
      expect(renderEmail('meeting.reminder', data({ meeting })).text).toContain('is tomorrow, Sunday 29 March 2026, at 10am.');
      expect(() => renderEmail('meeting.invitation', data())).toThrow(/meeting is required/);
    });

    it('email.failed about a meeting email names the meeting, not a deadline', () => {
      const email = renderEmail('email.failed', data({ meeting, failedTemplate: 'meeting.invitation' }));
      expect(email.subject).toBe('DHR-CROY-2026-001: email not delivered: panel meeting invitation [OFFICIAL-SENSITIVE]');
      expect(email.text).toContain('Panel meeting 2, 10am on Sunday 29 March 2026');
    });
  });

  describe('document.shared (panel papers)', () => {
    const shared = (kind: string) => renderEmail('document.shared', data({ sharedDocument: { id: DOCUMENT_ID, kind } }));

    it('names the kind of document, never its title, and links to it on the Documents page: no attachment', () => {
      const email = shared('terms_of_reference');
      expect(email.subject).toBe('DHR-CROY-2026-001: terms of reference shared with the panel [OFFICIAL-SENSITIVE]');
      expect(email.text).toContain(
        'The terms of reference for Domestic Homicide Review DHR-CROY-2026-001 have been shared with the review panel. You can read them because Northshire Constabulary is on the panel.',
      );
      expect(email.text).toContain('The document is not attached to this email. Sign in to read or download it.');
      expect(email.text).toContain(`Read the document: https://dhr.example.gov.uk/reviews/${REVIEW_ID}/documents#document-${DOCUMENT_ID}`);
      expect(email.html).toContain(
        `<a href="https://dhr.example.gov.uk/reviews/${REVIEW_ID}/documents#document-${DOCUMENT_ID}">Read the document</a>`,
      );
      expect(email.text).toMatch(/^What to do: Read the document before the next panel meeting\./m);
    });

    it('words each kind', () => {
      expect(shared('overview_report').subject).toBe('DHR-CROY-2026-001: overview report draft shared with the panel [OFFICIAL-SENSITIVE]');
      expect(shared('overview_report').text).toContain(
        'The overview report draft for Domestic Homicide Review DHR-CROY-2026-001 has been shared',
      );
      expect(shared('minutes').text).toContain('The meeting minutes for Domestic Homicide Review DHR-CROY-2026-001 have been shared');
      expect(shared('other').subject).toBe('DHR-CROY-2026-001: document shared with the panel [OFFICIAL-SENSITIVE]');
      expect(shared('other').text).toContain('A document for Domestic Homicide Review DHR-CROY-2026-001 has been shared');
      expect(() => renderEmail('document.shared', data())).toThrow(/sharedDocument is required/);
    });

    it('email.failed about one names the document shared with the panel, not a deadline', () => {
      const email = renderEmail('email.failed', data({ failedTemplate: 'document.shared' }));
      expect(email.subject).toBe('DHR-CROY-2026-001: email not delivered: document shared with the panel [OFFICIAL-SENSITIVE]');
      expect(email.text).toContain('may not know about the document shared with the panel below.');
      expect(email.text).not.toContain('Due:');
    });
  });
});
