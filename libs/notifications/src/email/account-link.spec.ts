import { renderAccountLinkEmail } from './templates/account-link.template';

const URL = 'https://dhr.example.gov.uk/invitations/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde';

describe('renderAccountLinkEmail', () => {
  const base = {
    recipientName: 'Zelda <Quixote> & Marsh',
    url: URL,
    expiresAt: new Date('2026-11-28T14:30:00Z'),
    serviceName: 'Croydon DHR',
  };

  it('puts no personal data in the subject, and the link in both bodies', () => {
    const email = renderAccountLinkEmail({ kind: 'invitation', ...base });
    expect(email.subject).toBe('Set up your account for Croydon DHR [OFFICIAL-SENSITIVE]');
    expect(email.subject).not.toMatch(/Zelda|Marsh|@/);
    expect(email.text).toContain(`Set up your account: ${URL}`);
    expect(email.html).toContain(`href="${URL}"`);
    expect(email.text).toContain('until 2:30pm on Saturday 28 November 2026 (UK time)');
  });

  it('escapes the name in the HTML, and words a password reset apart', () => {
    const email = renderAccountLinkEmail({ kind: 'password_reset', ...base });
    expect(email.subject).toBe('Reset your password for Croydon DHR [OFFICIAL-SENSITIVE]');
    expect(email.html).toContain('Zelda &lt;Quixote&gt; &amp; Marsh');
    expect(email.html).not.toContain('<Quixote>');
    expect(email.text).toContain('If it was not you, ignore this email');
  });
});
