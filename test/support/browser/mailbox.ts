import type { ReceivedEmail, SmtpSink } from '../smtp-sink';

/** The text/plain part of an email, decoded (quoted-printable or base64). */
export function textOf(mail: ReceivedEmail): string {
  const part = mail.raw.split(/\r?\n--/).find((p) => /^Content-Type: text\/plain/im.test(p)) ?? mail.raw;
  const [head, ...rest] = part.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const encoding = /Content-Transfer-Encoding: *(\S+)/i.exec(head)?.[1].toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/**
 * What arrived at the SMTP sink, read as a person reads their inbox: the newest email to an
 * address, and the link in it. Links are returned as paths, so the browser opens them on the
 * test server whatever PUBLIC_URL the email was written with.
 */
export class Mailbox {
  constructor(private readonly smtp: SmtpSink) {}

  async latestTo(address: string, timeoutMs = 10_000): Promise<ReceivedEmail> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const mail = [...this.smtp.received].reverse().find((m) => m.to.includes(address));
      if (mail) return mail;
      if (Date.now() > until) throw new Error(`no email to ${address}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The path of the invitation link (`/invitations/<token>`) in the newest email to this address. */
  async invitationLink(address: string): Promise<string> {
    const mail = await this.latestTo(address);
    const path = /https?:\/\/[^/\s]+(\/invitations\/[A-Za-z0-9_-]{43})/.exec(textOf(mail))?.[1];
    if (!path) throw new Error(`no invitation link in the email to ${address}`);
    return path;
  }
}
