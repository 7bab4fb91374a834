import { DEADLINE_KINDS } from '@dhr/workflows/dhr/contract';
import type { DeadlineKind } from '@dhr/workflows/dhr/contract';
import { DEADLINE_WORDING } from './deadline-wording';
import { EmailData, NOTIFICATION_TEMPLATES, NotificationTemplate } from './email-data';
import { renderEmail } from './render-email';
import { escapeHtml } from './safe-html';

const REVIEW_ID = '6f1c3f0e-8a52-4d0b-9a57-2b1f0c4d7e11';
const RECIPIENT = 'Zelda Quixote-Marsh';
const AGENCY = 'Northshire Constabulary';

function data(overrides: Partial<EmailData> = {}): EmailData {
  return {
    reviewId: REVIEW_ID,
    reference: 'DHR-CROY-2026-001',
    deadlineKind: 'imr',
    dueAt: new Date('2026-03-06T17:00:00Z'),
    agencyName: AGENCY,
    recipientName: RECIPIENT,
    overdueDays: 8,
    reminderLabel: '7 days',
    failedRecipientRole: 'agency_contact',
    failedTemplate: 'clock.reminder',
    publicUrl: 'https://dhr.example.gov.uk',
    ...overrides,
  };
}

const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('renderEmail', () => {
  // The digest is about many reviews, not one: overdue-digest.template.spec.ts renders it.
  const DEADLINE_TEMPLATES = NOTIFICATION_TEMPLATES.filter((t) => !t.startsWith('meeting.') && t !== 'digest.overdue');
  describe.each(DEADLINE_TEMPLATES.map((t) => [t]))('%s', (template: NotificationTemplate) => {
    it.each(DEADLINE_KINDS.map((k) => [k]))('renders a readable email for the %s deadline', (kind: DeadlineKind) => {
      const email = renderEmail(template, data({ deadlineKind: kind }));
      const wording = DEADLINE_WORDING[kind];
      const what = wording.describe(AGENCY);

      // Subject: marking, reference and kind of deadline.
      expect(email.subject.startsWith('OFFICIAL-SENSITIVE: DHR-CROY-2026-001 — ')).toBe(true);
      expect(email.subject).toContain(wording.subjectLabel);
      expect(email.subject).not.toMatch(/[\r\n]/);

      // Body: marked at the top, greeting, what, which review, by when (UK time), what to do, link.
      expect(email.text.startsWith('OFFICIAL-SENSITIVE\n\nDear Zelda Quixote-Marsh,\n')).toBe(true);
      expect(email.text.toLowerCase()).toContain(what.toLowerCase());
      expect(email.text).toContain('DHR-CROY-2026-001');
      expect(email.text).toContain('Friday 6 March 2026, 17:00 (UK time)');
      expect(email.text).toContain('What to do: ');
      expect(email.text).toContain(`https://dhr.example.gov.uk/reviews/${REVIEW_ID}`);

      expect(email.html.indexOf('OFFICIAL-SENSITIVE')).toBeLessThan(email.html.indexOf('Dear'));
      expect(email.html).toContain('<p>Dear Zelda Quixote-Marsh,</p>');
      expect(email.html.toLowerCase()).toContain(escapeHtml(what).toLowerCase());
      expect(email.html).toContain('Friday 6 March 2026, 17:00 (UK time)');
      expect(email.html).toContain(`<a href="https://dhr.example.gov.uk/reviews/${REVIEW_ID}">`);
    });

    it('never puts a name in the subject; the recipient name is only in the greeting', () => {
      for (const kind of DEADLINE_KINDS) {
        const email = renderEmail(template, data({ deadlineKind: kind }));
        for (const name of [RECIPIENT, 'Zelda', 'Quixote', AGENCY, 'Northshire']) {
          expect(email.subject).not.toContain(name);
        }
        expect(occurrences(email.text, RECIPIENT)).toBe(1);
        expect(occurrences(email.html, RECIPIENT)).toBe(1);
      }
    });

    it('escapes every value in the HTML', () => {
      const email = renderEmail(
        template,
        data({
          agencyName: '<script>alert("x")</script> & Sons',
          recipientName: '<img src=x onerror=alert(1)>',
          reference: 'DHR-<b>-2026-001',
          reminderLabel: '<u>7</u> days',
        }),
      );
      expect(email.html).not.toMatch(/<script|<img|<b>|<u>/);
      expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons');
      expect(email.html).toContain('Dear &lt;img src=x onerror=alert(1)&gt;,');
      expect(email.html).toContain('DHR-&lt;b&gt;-2026-001');
      // Plain text needs no escaping: the coordinator sees the name as typed.
      expect(email.text).toContain('<script>alert("x")</script> & Sons');
    });
  });

  it('writes the reminder as the coordinator should read it', () => {
    const email = renderEmail('clock.reminder', data());
    expect(email.subject).toBe('OFFICIAL-SENSITIVE: DHR-CROY-2026-001 — reminder: IMR due Friday 6 March 2026, 17:00');
    expect(email.text).toBe(
      [
        'OFFICIAL-SENSITIVE',
        '',
        'Dear Zelda Quixote-Marsh,',
        '',
        'This is a reminder about a deadline in Domestic Homicide Review DHR-CROY-2026-001. It is due in 7 days, by Friday 6 March 2026, 17:00 (UK time).',
        '',
        'What is due: The Individual Management Review (IMR) and chronology from Northshire Constabulary',
        'Review:      DHR-CROY-2026-001',
        'Due by:      Friday 6 March 2026, 17:00 (UK time)',
        '',
        "What to do: Please complete your agency's Individual Management Review and chronology, and upload them to the review.",
        '',
        `Open the review: https://dhr.example.gov.uk/reviews/${REVIEW_ID}`,
        '',
        '--',
        'This email was sent automatically by the Domestic Homicide Review case-management system. ' +
          'It is OFFICIAL-SENSITIVE: do not forward it to anyone who does not need to know.',
        '',
      ].join('\n'),
    );
  });

  it('shows the due time in BST in summer', () => {
    const email = renderEmail('clock.reminder', data({ dueAt: new Date('2026-06-05T16:00:00Z') }));
    expect(email.subject).toBe('OFFICIAL-SENSITIVE: DHR-CROY-2026-001 — reminder: IMR due Friday 5 June 2026, 17:00');
  });

  it('says only the due time when no reminder label is given', () => {
    const email = renderEmail('clock.reminder', data({ reminderLabel: undefined }));
    expect(email.text).toContain('It is due by Friday 6 March 2026, 17:00 (UK time).');
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

  it('escalation: says it is overdue, who is responsible and that the CSP chair is next', () => {
    const email = renderEmail('clock.escalation', data({ overdueDays: 1 }));
    expect(email.subject).toBe('OFFICIAL-SENSITIVE: DHR-CROY-2026-001 — overdue: IMR was due Friday 6 March 2026, 17:00');
    expect(email.text).toContain('has passed and has not been recorded as met. It is 1 day overdue.');
    expect(email.text).toMatch(/^Responsible: +The agency contact at Northshire Constabulary$/m);
    expect(email.text).toContain('escalated to the chair of the Community Safety Partnership (CSP)');
  });

  it('escalation to the chair: says for how many days it has been overdue', () => {
    const email = renderEmail('clock.escalation_chair', data({ overdueDays: 8 }));
    expect(email.subject).toBe('OFFICIAL-SENSITIVE: DHR-CROY-2026-001 — escalated to CSP chair: IMR overdue by 8 days');
    expect(email.text).toContain('has been overdue for 8 days and is now escalated to the chair of the Community Safety Partnership (CSP)');
  });

  it('escalation to the chair without a usable day count still goes, saying since when', () => {
    for (const overdueDays of [undefined, 0, 2.5]) {
      const email = renderEmail('clock.escalation_chair', data({ overdueDays }));
      expect(email.subject).toBe(
        'OFFICIAL-SENSITIVE: DHR-CROY-2026-001 — escalated to CSP chair: IMR overdue since Friday 6 March 2026, 17:00',
      );
      expect(email.text).toContain('has been overdue since Friday 6 March 2026, 17:00 (UK time) and is now escalated');
      expect(email.text).not.toContain('Overdue by');
    }
  });

  it('email.failed: names the review, the kind of email and the role, never an address', () => {
    const email = renderEmail('email.failed', data({ failedTemplate: 'clock.escalation', failedRecipientRole: 'agency_contact' }));
    expect(email.subject).toBe('OFFICIAL-SENSITIVE: DHR-CROY-2026-001 — email not delivered: overdue notice about IMR');
    expect(email.text).toContain('could not be delivered, even after repeated attempts');
    expect(email.text).toMatch(/^Intended for: +Agency contact at Northshire Constabulary$/m);
    expect(email.text).toMatch(/^Email not delivered: +Overdue notice$/m);
    expect(email.text).not.toContain('@');

    const toChair = renderEmail('email.failed', data({ failedRecipientRole: 'csp_chair', failedTemplate: 'clock.escalation_chair' }));
    expect(toChair.text).toContain('Chair of the Community Safety Partnership (CSP)');
  });

  it('email.failed: still goes without a usable role or template, and never shows an address', () => {
    const withAddress = renderEmail('email.failed', data({ failedRecipientRole: 'jo.bloggs@council.gov.uk' }));
    for (const part of [withAddress.subject, withAddress.text, withAddress.html]) expect(part).not.toContain('jo.bloggs');
    expect(withAddress.text).toMatch(/^Intended for: +Not recorded/m);
    expect(renderEmail('email.failed', data({ failedRecipientRole: undefined })).text).toMatch(/^Intended for: +Not recorded/m);
    const noTemplate = renderEmail('email.failed', data({ failedTemplate: undefined }));
    expect(noTemplate.subject).toBe('OFFICIAL-SENSITIVE: DHR-CROY-2026-001 — email not delivered: notification about IMR');
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
  });

  it('refuses unknown templates and deadline kinds', () => {
    expect(() => renderEmail('clock.unknown' as NotificationTemplate, data())).toThrow(/Unknown email template/);
    expect(() => renderEmail('clock.reminder', data({ deadlineKind: 'constructor' as DeadlineKind }))).toThrow(/Unknown deadline kind/);
  });

  describe('meeting emails', () => {
    const meeting = {
      number: 2,
      startsAt: new Date('2026-03-29T09:00:00Z'),
      endsAt: new Date('2026-03-29T11:00:00Z'),
      location: 'Room <4> & https://meet.example/x',
      agenda: 'Chronology review',
    };
    const MEETING_TEMPLATES = NOTIFICATION_TEMPLATES.filter((t) => t.startsWith('meeting.'));

    it.each(MEETING_TEMPLATES.map((t) => [t]))(
      '%s: reference and UK time in the subject, place and agenda in the body only',
      (template) => {
        const email = renderEmail(template, data({ meeting }));
        expect(email.subject.startsWith('OFFICIAL-SENSITIVE: DHR-CROY-2026-001 — panel meeting 2 ')).toBe(true);
        expect(email.subject).toContain('Sunday 29 March 2026, 10:00');
        for (const secret of [RECIPIENT, AGENCY, 'Room', 'Chronology review']) expect(email.subject).not.toContain(secret);
        expect(email.text).toContain('Sunday 29 March 2026, 12:00 (UK time)');
        expect(email.text).toContain('Room <4> & https://meet.example/x');
        expect(email.text).toContain('Chronology review');
        expect(email.html).toContain('Room &lt;4&gt; &amp; https://meet.example/x');
        expect(occurrences(email.text, RECIPIENT)).toBe(1);
      },
    );

    it('says what happened in each', () => {
      expect(renderEmail('meeting.invitation', data({ meeting })).subject).toContain('invitation');
      expect(renderEmail('meeting.updated', data({ meeting })).text).toContain('has changed');
      expect(renderEmail('meeting.cancelled', data({ meeting })).text).toContain('has been cancelled');
      expect(renderEmail('meeting.reminder', data({ meeting })).text).toContain('is tomorrow');
      expect(() => renderEmail('meeting.invitation', data())).toThrow(/meeting is required/);
    });

    it('email.failed about a meeting email names the meeting, not a deadline', () => {
      const email = renderEmail('email.failed', data({ meeting, failedTemplate: 'meeting.invitation' }));
      expect(email.subject).toContain('email not delivered: panel meeting invitation');
      expect(email.text).toContain('Panel meeting 2, Sunday 29 March 2026, 10:00 (UK time)');
    });
  });
});
