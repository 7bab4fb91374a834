import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readEml } from './__tests__/read-eml';
import { MailSendError } from './mail-send-error';
import { createMailTransport } from './mail-transport';
import type { OutgoingMail } from './mail-transport.types';

const message: OutgoingMail = {
  to: 'jo.bloggs@council.gov.uk',
  subject: 'OFFICIAL-SENSITIVE: DHR-CROY-2026-001 — reminder: IMR due Friday 6 March 2026, 17:00',
  text: 'OFFICIAL-SENSITIVE\n\nDear Jo Bloggs,\n\nThe IMR is due. £5 — café.\n',
  html: '<p>OFFICIAL-SENSITIVE</p><p>Dear Jo Bloggs,</p>',
  messageId: 'notification-7c1d/attempt:1',
};

describe('.eml outbox transport (no SMTP_URL)', () => {
  let varDir: string;

  beforeEach(async () => {
    varDir = await mkdtemp(path.join(tmpdir(), 'dhr-outbox-'));
  });
  afterEach(async () => {
    await rm(varDir, { recursive: true, force: true });
  });

  it('writes a parseable RFC 822 message under VAR_DIR/outbox', async () => {
    const transport = createMailTransport({ MAIL_FROM: 'DHR <dhr@croydon.gov.uk>', VAR_DIR: varDir });
    const result = await transport.send(message);
    await transport.close();

    const files = await readdir(path.join(varDir, 'outbox'));
    expect(files).toHaveLength(1);
    const [file] = files;
    expect(result).toEqual({ accepted: true, response: `written to outbox/${file}` });

    // Named by time and message id, never by recipient or subject.
    expect(file).toMatch(/^\d{8}T\d{9}Z_notification-7c1d_attempt_1\.eml$/);
    expect(file).not.toMatch(/jo|bloggs|DHR-CROY|IMR/i);

    const raw = await readFile(path.join(varDir, 'outbox', file), 'utf8');
    expect(raw).toMatch(/\r\n/);
    const eml = readEml(raw);
    expect(eml.headers.get('from')).toBe('DHR <dhr@croydon.gov.uk>');
    expect(eml.headers.get('to')).toBe('jo.bloggs@council.gov.uk');
    expect(eml.headers.get('subject')).toBe(message.subject);
    expect(eml.headers.get('message-id')).toBe('<notification-7c1d/attempt:1@croydon.gov.uk>');
    expect(eml.headers.get('auto-submitted')).toBe('auto-generated');
    expect(eml.headers.get('date')).toBeTruthy();
    expect(eml.text.trimEnd()).toBe(message.text.trimEnd());
    expect(eml.html).toContain('<p>Dear Jo Bloggs,</p>');
  });

  it('keeps the file private to the owner', async () => {
    const transport = createMailTransport({ MAIL_FROM: 'dhr@localhost', VAR_DIR: varDir });
    await transport.send(message);
    const [file] = await readdir(path.join(varDir, 'outbox'));
    expect((await stat(path.join(varDir, 'outbox', file))).mode & 0o777).toBe(0o600);
  });

  it('writes one file per send, even for the same message id', async () => {
    const transport = createMailTransport({ MAIL_FROM: 'dhr@localhost', VAR_DIR: varDir });
    await Promise.all([transport.send(message), transport.send(message)]);
    const files = (await readdir(path.join(varDir, 'outbox'))).filter((f) => f.endsWith('.eml'));
    expect(new Set(files).size).toBe(2);
    expect(await readdir(path.join(varDir, 'outbox'))).toHaveLength(2); // no leftover partial files
  });

  it('reports an unwritable outbox as a transient MailSendError', async () => {
    await writeFile(path.join(varDir, 'outbox'), 'not a directory');
    const transport = createMailTransport({ MAIL_FROM: 'dhr@localhost', VAR_DIR: varDir });
    await expect(transport.send(message)).rejects.toMatchObject({ name: 'MailSendError', permanent: false, code: 'EEXIST' });
  });

  it('refuses a message with more than one recipient', async () => {
    const transport = createMailTransport({ MAIL_FROM: 'dhr@localhost', VAR_DIR: varDir });
    const failure = transport.send({ ...message, to: 'a@example.org, b@example.org' });
    await expect(failure).rejects.toBeInstanceOf(MailSendError);
    await expect(failure).rejects.toMatchObject({ permanent: true });
  });
});
