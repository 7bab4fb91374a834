import type { ContactPerson, EmailPartnership } from './email-data';

/** A mailbox for a header: nodemailer quotes and encodes the name, so it cannot break the header. */
export interface MailAddress {
  name: string;
  address: string;
}

/** How one partnership's emails go out: who they are from and where replies go. */
export interface EmailSender {
  from: MailAddress;
  /** Empty: no Reply-To (replies go to the sender). */
  replyTo: MailAddress[];
  /** What the body says about the partnership and whom to contact. */
  partnership: EmailPartnership;
}

/** A partnership's email settings as identity keeps them (null: the default). */
export interface PartnershipEmailFacts {
  name: string;
  senderName: string | null;
  senderEmail: string | null;
  contactName: string | null;
  contactEmail: string | null;
  coordinators: ContactPerson[];
}

/** "DHR <dhr@croydon.gov.uk>" or "dhr@croydon.gov.uk" (MAIL_FROM) as a name and an address. */
export function parseMailbox(text: string): MailAddress {
  const match = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+)>\s*$/.exec(text);
  return match ? { name: match[1].trim(), address: match[2] } : { name: '', address: text.trim() };
}

/**
 * The sender and Reply-To of a partnership's emails: its own sender name and address where set
 * (each else MAIL_FROM's), replies to its named contact, else to its coordinators. Without a
 * partnership (a forgotten-password email), MAIL_FROM and no Reply-To.
 */
export function emailSender(mailFrom: string, facts: PartnershipEmailFacts | null): EmailSender {
  const fallback = parseMailbox(mailFrom);
  if (!facts) return { from: fallback, replyTo: [], partnership: { name: '', contacts: [], contactIsCoordinators: false } };
  const from = { name: facts.senderName ?? fallback.name, address: facts.senderEmail ?? fallback.address };
  const named = facts.contactName !== null && facts.contactEmail !== null;
  const contacts = named ? [{ name: facts.contactName!, email: facts.contactEmail! }] : facts.coordinators;
  return {
    from,
    replyTo: contacts.map((c) => ({ name: c.name, address: c.email })),
    partnership: { name: facts.name, contacts, contactIsCoordinators: !named },
  };
}
