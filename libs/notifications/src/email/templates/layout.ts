import { html, SafeHtml } from '../safe-html';
import type { RenderedEmail } from '../email-data';

/** Protective marking required on every email (see docs: Sensitivity). */
export const PROTECTIVE_MARKING = 'OFFICIAL-SENSITIVE';

/**
 * The content of one email, shared by its text and HTML forms so the two never
 * drift apart. Templates fill this in; they never build markup themselves.
 */
export interface EmailContent {
  /** Review reference: the only identifier allowed in the subject. */
  reference: string;
  /** Rest of the subject after the reference; must hold no person's name. */
  subjectSummary: string;
  /** Used in the greeting only. */
  recipientName: string;
  /** Opening paragraphs. */
  intro: string[];
  /** Label/value pairs shown as a short table. */
  facts: ReadonlyArray<readonly [label: string, value: string]>;
  whatToDo: string;
  reviewUrl: string;
}

const FOOTER =
  'This email was sent automatically by the Domestic Homicide Review case-management system. ' +
  'It is OFFICIAL-SENSITIVE: do not forward it to anyone who does not need to know.';

/** Header values must stay on one line whatever the data holds. */
export function singleLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').trim();
}

export function composeSubject(reference: string, summary: string): string {
  return singleLine(`${PROTECTIVE_MARKING}: ${reference} — ${summary}`);
}

function renderText(c: EmailContent): string {
  const labelWidth = Math.max(...c.facts.map(([label]) => label.length)) + 2;
  const facts = c.facts.map(([label, value]) => `${`${label}:`.padEnd(labelWidth)}${value}`);
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
    '',
    '--',
    FOOTER,
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
        <hr />
        <p style="font-size:14px;color:#505a5f">${FOOTER}</p>
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
