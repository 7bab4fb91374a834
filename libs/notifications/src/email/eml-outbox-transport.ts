import { randomBytes } from 'node:crypto';
import { link, mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { MailSendError, toMailSendError } from './mail-send-error';
import { messageIdFileStem } from './message-id';
import { toMailOptions } from './mail-options';
import type { MailTransport, OutgoingMail } from './mail-transport.types';

export const OUTBOX_DIR = 'outbox';
const MAX_NAME_ATTEMPTS = 1000;

/** 2026-03-06T17:00:00.123Z -> 20260306T170000123Z: sorts by time, safe on every filesystem. */
function fileTimestamp(now: Date): string {
  return now.toISOString().replace(/[-:.]/g, '');
}

/**
 * Writes `${stem}.eml` (or `${stem}-2.eml`, ... if taken) in `dir` and returns its name.
 * The content goes to a hidden partial file first and is then hard-linked into place:
 * a reader never sees half a message, and link() refuses to replace an existing file.
 */
async function writeWithoutOverwrite(dir: string, stem: string, content: Buffer): Promise<string> {
  const partial = path.join(dir, `.${stem}.${randomBytes(6).toString('hex')}.partial`);
  await writeFile(partial, content, { mode: 0o600, flag: 'wx' });
  try {
    for (let n = 1; n <= MAX_NAME_ATTEMPTS; n++) {
      const fileName = n === 1 ? `${stem}.eml` : `${stem}-${n}.eml`;
      try {
        await link(partial, path.join(dir, fileName));
        return fileName;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    throw new Error(`Could not find a free outbox file name for ${stem}`);
  } finally {
    await unlink(partial);
  }
}

/**
 * Without an SMTP server (development, tests, air-gapped installs) each message is
 * written to `${VAR_DIR}/outbox/` as an RFC 822 .eml file any mail client opens.
 * Files are named by time and message id, never by recipient or subject, and are
 * readable by the owner only since their content is OFFICIAL-SENSITIVE.
 */
export function createEmlOutboxTransport(mailFrom: string, varDir: string): MailTransport {
  // streamTransport builds the exact message an SMTP server would receive; CRLF line ends per RFC 5322.
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const outboxDir = path.join(varDir, OUTBOX_DIR);

  return {
    async send(message: OutgoingMail) {
      let raw: Buffer;
      try {
        const info = await composer.sendMail(toMailOptions(message, mailFrom));
        if (!Buffer.isBuffer(info.message)) throw new Error('streamTransport did not return a buffer');
        raw = info.message;
      } catch (error) {
        throw toMailSendError(error, message.to);
      }
      const stem = `${fileTimestamp(new Date())}_${messageIdFileStem(message.messageId)}`;
      let fileName: string;
      try {
        await mkdir(outboxDir, { recursive: true, mode: 0o700 });
        fileName = await writeWithoutOverwrite(outboxDir, stem, raw);
      } catch (error) {
        // Full disk, permissions...: worth retrying once fixed, like an SMTP server that is down.
        const code = (error as NodeJS.ErrnoException).code;
        throw new MailSendError(`Mail not written to the outbox: ${code ?? 'unknown error'}`, false, undefined, code);
      }
      return { accepted: true, response: `written to ${path.posix.join(OUTBOX_DIR, fileName)}` };
    },
    async close() {
      composer.close();
    },
  };
}
