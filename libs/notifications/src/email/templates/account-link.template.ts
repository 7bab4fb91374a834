import type { RenderedEmail } from '../email-data';
import { html } from '../safe-html';
import { formatGovukDateTime } from '../govuk-time';
import { markSubject, PROTECTIVE_MARKING, singleLine } from './layout';

/** What an invitation or forgotten-password email needs. The link holds the token: it is sent, never stored. */
export interface AccountLinkEmail {
  kind: 'invitation' | 'password_reset';
  recipientName: string;
  url: string;
  expiresAt: Date;
  serviceName: string;
}

const FOOTER =
  'This email was sent automatically by the Domestic Homicide Review case-management system. ' +
  'It is OFFICIAL-SENSITIVE: do not forward it. The link works once: do not share it.';

/**
 * An invitation to set up an account, or a link to set a new password. The subject carries no
 * personal data (no name, no email address, no partnership).
 */
export function renderAccountLinkEmail(e: AccountLinkEmail): RenderedEmail {
  const service = singleLine(e.serviceName);
  const until = formatGovukDateTime(e.expiresAt, { weekday: true });
  const invitation = e.kind === 'invitation';
  const subject = markSubject(invitation ? `Set up your account for ${service}` : `Reset your password for ${service}`);
  const intro = invitation
    ? `You have been invited to use ${service}. Use the link below to create a password and set up two-factor authentication (you will need an authenticator app on your phone).`
    : `Someone asked to reset the password of your account for ${service}. If it was you, use the link below to choose a new password. If it was not you, ignore this email: your password has not changed.`;
  const action = invitation ? 'Set up your account' : 'Choose a new password';
  const expiry = `The link works once, until ${until} (UK time).`;
  const text = [
    PROTECTIVE_MARKING,
    '',
    `Dear ${singleLine(e.recipientName)},`,
    '',
    intro,
    '',
    `${action}: ${e.url}`,
    '',
    expiry,
    '',
    '--',
    FOOTER,
    '',
  ].join('\n');
  const body = html`<!DOCTYPE html>
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <title>${subject}</title>
      </head>
      <body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c">
        <p style="font-weight:bold;letter-spacing:0.05em">${PROTECTIVE_MARKING}</p>
        <p>Dear ${singleLine(e.recipientName)},</p>
        <p>${intro}</p>
        <p><a href="${e.url}">${action}</a></p>
        <p>${expiry}</p>
        <hr />
        <p style="font-size:14px;color:#505a5f">${FOOTER}</p>
      </body>
    </html> `;
  return { subject, text, html: body.value };
}
