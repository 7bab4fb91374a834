import { MailSendError, redactAddresses, toMailSendError } from './mail-send-error';

describe('toMailSendError', () => {
  const recipient = 'jo.bloggs@council.gov.uk';

  it('keeps the SMTP code and text and removes the recipient address', () => {
    const err = toMailSendError(
      {
        code: 'EENVELOPE',
        response: `550 5.1.1 <${recipient}>: Recipient address rejected`,
        responseCode: 550,
        permanent: true,
        command: 'RCPT TO',
      },
      recipient,
    );
    expect(err).toBeInstanceOf(MailSendError);
    expect(err.message).toBe('Mail not sent: server replied to RCPT TO: 550 5.1.1 <[redacted]>: Recipient address rejected');
    expect(err.message).not.toContain(recipient);
    expect(err.permanent).toBe(true);
    expect(err.responseCode).toBe(550);
    expect(err.code).toBe('EENVELOPE');
    expect(err.cause).toBeUndefined();
  });

  it('treats 4xx replies and network errors as transient', () => {
    expect(toMailSendError({ response: '451 4.3.0 Try later', responseCode: 451 }, recipient).permanent).toBe(false);
    const refused = toMailSendError({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, recipient);
    expect(refused.permanent).toBe(false);
    expect(refused.message).toBe('Mail not sent: ESOCKET ECONNREFUSED');
  });

  it("follows nodemailer's classification (503 bad sequence is transient) and falls back to the code class", () => {
    expect(toMailSendError({ response: '503 Bad sequence', responseCode: 503, permanent: false }, recipient).permanent).toBe(false);
    expect(toMailSendError({ response: '554 Rejected', responseCode: 554 }, recipient).permanent).toBe(true);
  });

  it('treats a message refused before reaching any server as permanent', () => {
    expect(toMailSendError(Object.assign(new Error(`Invalid recipient "${recipient}"`), { code: 'EENVELOPE' }), recipient)).toMatchObject({
      permanent: true,
      message: 'Mail not sent: EENVELOPE',
    });
  });

  it('copes with something that is not an error', () => {
    expect(toMailSendError('boom', recipient)).toMatchObject({ permanent: false, message: 'Mail not sent: unknown error' });
  });
});

describe('redactAddresses', () => {
  it('removes the given address and anything that looks like one', () => {
    expect(redactAddresses('250 ok for x.y@example.org and <a@b.c>', 'x.y@example.org')).toBe('250 ok for [redacted] and <[redacted]>');
  });
});
