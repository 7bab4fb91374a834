import { readEml } from './__tests__/read-eml';
import { closedPortUrl, startSilentServer, startTestSmtpServer, TestSmtpServer } from './__tests__/test-smtp-server';
import { MailSendError } from './mail-send-error';
import { createMailTransport } from './mail-transport';
import type { MailTransport, OutgoingMail } from './mail-transport.types';
import { renderEmail } from './render-email';
import { createSmtpMailTransport } from './smtp-mail-transport';

const RECIPIENT = 'jo.bloggs@council.gov.uk';

function outgoing(to = RECIPIENT, messageId = 'notification-7c1d'): OutgoingMail {
  const email = renderEmail('clock.reminder', {
    reviewId: '6f1c3f0e-8a52-4d0b-9a57-2b1f0c4d7e11',
    reference: 'DHR-CROY-2026-001',
    deadlineKind: 'imr',
    dueAt: new Date('2026-03-06T17:00:00Z'),
    agencyName: 'Northshire Constabulary',
    recipientName: 'Jo Bloggs',
    reminderLabel: '7 days',
    publicUrl: 'https://dhr.example.gov.uk',
    partnership: { name: 'Croydon CSP', contacts: [], contactIsCoordinators: true },
  });
  return { to, messageId, ...email };
}

async function sendFailure(transport: MailTransport, message: OutgoingMail): Promise<MailSendError> {
  try {
    await transport.send(message);
  } catch (error) {
    if (error instanceof MailSendError) return error;
    throw error;
  }
  throw new Error('expected the send to fail');
}

describe('SMTP transport (real smtp-server on 127.0.0.1)', () => {
  let server: TestSmtpServer | undefined;
  let transport: MailTransport | undefined;

  afterEach(async () => {
    await transport?.close();
    await server?.close();
    transport = undefined;
    server = undefined;
  });

  it('delivers the message with our headers, subject and body', async () => {
    server = await startTestSmtpServer();
    transport = createMailTransport({ SMTP_URL: server.url, MAIL_FROM: 'dhr@croydon.gov.uk', VAR_DIR: '/nonexistent' });
    const message = outgoing();

    const result = await transport.send(message);

    expect(result.accepted).toBe(true);
    expect(result.response).toMatch(/^250 /);
    expect(server.received).toHaveLength(1);
    const [received] = server.received;
    expect(received.from).toBe('dhr@croydon.gov.uk');
    expect(received.to).toEqual([RECIPIENT]);
    const eml = readEml(received.raw);
    expect(eml.headers.get('subject')).toBe('DHR-CROY-2026-001: IMR from Northshire Constabulary due in 7 days [OFFICIAL-SENSITIVE]');
    expect(eml.headers.get('message-id')).toBe('<notification-7c1d@croydon.gov.uk>');
    expect(eml.headers.get('from')).toBe('dhr@croydon.gov.uk');
    expect(eml.headers.get('to')).toBe(RECIPIENT);
    expect(eml.text.trimEnd()).toBe(message.text.trimEnd());
    expect(eml.html).toContain('<p>Dear Jo Bloggs,</p>');
    expect(eml.headers.get('reply-to')).toBeUndefined();
  });

  it("sends as the partnership's sender with its Reply-To, bounces still to MAIL_FROM", async () => {
    server = await startTestSmtpServer();
    transport = createMailTransport({ SMTP_URL: server.url, MAIL_FROM: 'DHR <dhr@croydon.gov.uk>', VAR_DIR: '/nonexistent' });

    await transport.send({
      ...outgoing(),
      from: { name: 'Sutton DHR team, "Safer Sutton"', address: 'dhr@sutton.gov.uk' },
      replyTo: [
        { name: 'Ana Patel', address: 'ana.patel@sutton.gov.uk' },
        { name: 'Jo Ng', address: 'jo.ng@sutton.gov.uk' },
      ],
    });

    const [received] = server.received;
    expect(received.from).toBe('dhr@croydon.gov.uk'); // the envelope: the service's own address
    const eml = readEml(received.raw);
    expect(eml.headers.get('from')).toBe('"Sutton DHR team, \\"Safer Sutton\\"" <dhr@sutton.gov.uk>');
    expect(eml.headers.get('reply-to')).toBe('Ana Patel <ana.patel@sutton.gov.uk>, Jo Ng <jo.ng@sutton.gov.uk>');
  });

  it('rejects a refused recipient (550) as a permanent MailSendError without the address', async () => {
    server = await startTestSmtpServer({
      refuseRecipient: (address) =>
        address === RECIPIENT ? { code: 550, text: `5.1.1 <${address}>: Recipient address rejected: User unknown` } : undefined,
    });
    transport = createMailTransport({ SMTP_URL: server.url, MAIL_FROM: 'dhr@croydon.gov.uk', VAR_DIR: '/nonexistent' });

    const error = await sendFailure(transport, outgoing());

    expect(error.permanent).toBe(true);
    expect(error.responseCode).toBe(550);
    expect(error.message).toContain('550 5.1.1');
    expect(error.message).toContain('Recipient address rejected: User unknown');
    expect(error.message).not.toContain(RECIPIENT);
    expect(JSON.stringify(error)).not.toContain(RECIPIENT);
    expect(server.received).toHaveLength(0);

    // The pooled connection stays usable for the next message.
    await expect(transport.send(outgoing('someone.else@council.gov.uk', 'notification-8'))).resolves.toMatchObject({ accepted: true });
    expect(server.received).toHaveLength(1);
  });

  it('rejects a temporary refusal (451) as transient', async () => {
    server = await startTestSmtpServer({ refuseRecipient: () => ({ code: 451, text: '4.3.0 Mailbox busy, try again later' }) });
    transport = createMailTransport({ SMTP_URL: server.url, MAIL_FROM: 'dhr@croydon.gov.uk', VAR_DIR: '/nonexistent' });

    const error = await sendFailure(transport, outgoing());

    expect(error.permanent).toBe(false);
    expect(error.responseCode).toBe(451);
    expect(error.message).toContain('451 4.3.0 Mailbox busy, try again later');
    expect(error.message).not.toContain(RECIPIENT);
  });

  it('rejects a message refused after DATA (554) as permanent', async () => {
    server = await startTestSmtpServer({ refuseData: { code: 554, text: '5.7.1 Message rejected as spam' } });
    transport = createMailTransport({ SMTP_URL: server.url, MAIL_FROM: 'dhr@croydon.gov.uk', VAR_DIR: '/nonexistent' });

    const error = await sendFailure(transport, outgoing());

    expect(error).toMatchObject({ permanent: true, responseCode: 554 });
    expect(error.message).toContain('554 5.7.1 Message rejected as spam');
  });

  it('fails fast and transient when nothing listens on the port', async () => {
    transport = createMailTransport({ SMTP_URL: await closedPortUrl(), MAIL_FROM: 'dhr@croydon.gov.uk', VAR_DIR: '/nonexistent' });
    const started = Date.now();

    const error = await sendFailure(transport, outgoing());

    expect(Date.now() - started).toBeLessThan(12_000);
    expect(error.permanent).toBe(false);
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.message).not.toContain(RECIPIENT);
  });

  it('times out, transient, when the server never greets', async () => {
    const silent = await startSilentServer();
    try {
      transport = createSmtpMailTransport(silent.url, 'dhr@croydon.gov.uk', {
        connectionTimeout: 1_000,
        greetingTimeout: 300,
        socketTimeout: 1_000,
        dnsTimeout: 1_000,
      });
      const error = await sendFailure(transport, outgoing());
      expect(error).toMatchObject({ permanent: false, code: 'ETIMEDOUT' });
      expect(error.message).toContain('GREETING_TIMEOUT');
    } finally {
      await transport?.close();
      transport = undefined;
      await silent.close();
    }
  });

  it('refuses to send once closed', async () => {
    server = await startTestSmtpServer();
    transport = createMailTransport({ SMTP_URL: server.url, MAIL_FROM: 'dhr@croydon.gov.uk', VAR_DIR: '/nonexistent' });
    await transport.close();
    await expect(transport.send(outgoing())).rejects.toMatchObject({ permanent: false, code: 'ECLOSED' });
  });
});
