import type { RenderedEmail } from '../email-data';
import { html } from '../safe-html';
import { markSubject, PROTECTIVE_MARKING, singleLine } from './layout';

/** What the "you can now work in another partnership" email needs. */
export interface MembershipAddedEmail {
  recipientName: string;
  partnershipName: string;
  /** The role in words, e.g. "Agency contact for Metropolitan Police". */
  roleInWords: string;
  signInUrl: string;
  serviceName: string;
}

const FOOTER =
  'This email was sent automatically by the Domestic Homicide Review case-management system. ' +
  'It is OFFICIAL-SENSITIVE: do not forward it.';

/**
 * Tells a person with an account that they are now a member of one more partnership, and how to
 * work in it (the partnership switcher). No link token: they sign in as usual. The subject names
 * no person and no partnership.
 */
export function renderMembershipAddedEmail(e: MembershipAddedEmail): RenderedEmail {
  const service = singleLine(e.serviceName);
  const subject = markSubject(`You can now work in another partnership in ${service}`);
  const intro = `You have been added to ${singleLine(e.partnershipName)} as ${singleLine(e.roleInWords)}. You use the same account, password and security codes as before.`;
  const how =
    'After signing in, choose “Change partnership” at the top of the page to work in it. A link to one of its reviews opens the review in that partnership.';
  const text = [
    PROTECTIVE_MARKING,
    '',
    `Dear ${singleLine(e.recipientName)},`,
    '',
    intro,
    '',
    how,
    '',
    `Sign in: ${e.signInUrl}`,
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
        <p>${how}</p>
        <p><a href="${e.signInUrl}">Sign in</a></p>
        <hr />
        <p style="font-size:14px;color:#505a5f">${FOOTER}</p>
      </body>
    </html> `;
  return { subject, text, html: body.value };
}
