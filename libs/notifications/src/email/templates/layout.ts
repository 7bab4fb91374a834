import type { EmailPartnership, RenderedEmail } from '../email-data';
import { html, SafeHtml } from '../safe-html';

/** Protective marking required on every email (see docs: Sensitivity). */
export const PROTECTIVE_MARKING = 'OFFICIAL-SENSITIVE';

/**
 * The content of one email, shared by its text and HTML forms so the two never
 * drift apart. Templates fill this in; they never build markup themselves.
 */
export interface EmailContent {
  /** Review reference: the only identifier of the review allowed in the subject. */
  reference: string;
  /** Rest of the subject after the reference, the important part first; must hold no person's name. */
  subjectSummary: string;
  /** Used in the greeting only. */
  recipientName: string;
  /** Opening paragraphs. */
  intro: string[];
  /** Label/value pairs shown as a short table. */
  facts: ReadonlyArray<readonly [label: string, value: string]>;
  whatToDo: string;
  reviewUrl: string;
  /** Further links after the review's (e.g. Requests to my agency). */
  links?: ReadonlyArray<{ label: string; url: string }>;
  /** Whose review it is and whom to contact. */
  partnership: EmailPartnership;
}

/** Header values must stay on one line whatever the data holds. */
export function singleLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').trim();
}

/**
 * Every subject carries the marking at its end, so an inbox shows what differs (the reference,
 * the deadline, the agency) first: "DHR-CROY-2026-001: IMR from Metropolitan Police overdue by
 * 3 days [OFFICIAL-SENSITIVE]".
 */
export function markSubject(subject: string): string {
  return `${singleLine(subject)} [${PROTECTIVE_MARKING}]`;
}

export function composeSubject(reference: string, summary: string): string {
  return markSubject(`${singleLine(reference)}: ${singleLine(summary)}`);
}

function footer(partnershipName: string): string {
  return (
    `Sent by ${singleLine(partnershipName)} through the Domestic Homicide Review case-management system. ` +
    'It is OFFICIAL-SENSITIVE: do not forward it to anyone who does not need to know.'
  );
}

/**
 * "Who to contact": the partnership's named contact, else its coordinators, always with the
 * partnership's name; each person with their address (the email's Reply-To goes to them too).
 */
function whoToContact(p: EmailPartnership): { lead: string; people: { name: string; email: string }[] } {
  const name = singleLine(p.name);
  const people = p.contacts.map((c) => ({ name: singleLine(c.name), email: singleLine(c.email) }));
  if (people.length === 0) return { lead: `the DHR coordinator at ${name}.`, people };
  if (!p.contactIsCoordinators) return { lead: `${people[0].name} at ${name},`, people: [{ name: '', email: people[0].email }] };
  return { lead: `the DHR ${people.length === 1 ? 'coordinator' : 'coordinators'} at ${name}:`, people };
}

const REPLY_NOTE = 'You can reply to this email.';

function renderText(c: EmailContent): string {
  const labelWidth = Math.max(...c.facts.map(([label]) => label.length)) + 2;
  const facts = c.facts.map(([label, value]) => `${`${label}:`.padEnd(labelWidth)}${value}`);
  const contact = whoToContact(c.partnership);
  const people = contact.people.map((p) => (p.name ? `${p.name}, ${p.email}` : p.email)).join('; ');
  return [
    PROTECTIVE_MARKING,
    '',
    `Dear ${singleLine(c.recipientName)},`,
    '',
    ...c.intro.flatMap((p) => [p, '']),
    ...facts,
    '',
    `What to do: ${c.whatToDo}`,
    '',
    `Open the review: ${c.reviewUrl}`,
    ...(c.links ?? []).map((l) => `${l.label}: ${l.url}`),
    '',
    `Who to contact: ${contact.lead}${people ? ` ${people}. ${REPLY_NOTE}` : ''}`,
    '',
    '--',
    footer(c.partnership.name),
    '',
  ].join('\n');
}

function renderHtml(c: EmailContent): string {
  const rows: SafeHtml[] = c.facts.map(
    ([label, value]) =>
      html`<tr>
        <th scope="row" style="text-align:left;padding:4px 16px 4px 0;vertical-align:top">${label}</th>
        <td style="padding:4px 0">${value}</td>
      </tr>`,
  );
  const contact = whoToContact(c.partnership);
  const people = contact.people.map(
    (p, i) => html`${i > 0 ? '; ' : ''}${p.name ? `${p.name}, ` : ''}<a href="mailto:${p.email}">${p.email}</a>`,
  );
  const body = html`<!DOCTYPE html>
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <title>${composeSubject(c.reference, c.subjectSummary)}</title>
      </head>
      <body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c">
        <p style="font-weight:bold;letter-spacing:0.05em">${PROTECTIVE_MARKING}</p>
        <p>Dear ${singleLine(c.recipientName)},</p>
        ${c.intro.map((p) => html`<p>${p}</p> `)}
        <table role="presentation" style="border-collapse:collapse">
          ${rows.map((row) => html`${row} `)}
        </table>
        <p><strong>What to do:</strong> ${c.whatToDo}</p>
        <p><a href="${c.reviewUrl}">Open review ${c.reference}</a></p>
        ${(c.links ?? []).map((l) => html`<p><a href="${l.url}">${l.label}</a></p> `)}
        <p><strong>Who to contact:</strong> ${contact.lead}${people.length ? html` ${people}. ${REPLY_NOTE}` : ''}</p>
        <hr />
        <p style="font-size:14px;color:#505a5f">${footer(c.partnership.name)}</p>
      </body>
    </html> `;
  return body.value;
}

export function composeEmail(content: EmailContent): RenderedEmail {
  return {
    subject: composeSubject(content.reference, content.subjectSummary),
    text: renderText(content),
    html: renderHtml(content),
  };
}
