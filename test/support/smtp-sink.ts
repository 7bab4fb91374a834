import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

export interface ReceivedEmail {
  to: string[];
  subject: string;
  messageId: string;
  raw: string;
  receivedAt: Date;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it accepts. `holdNext` makes it
 * sit on the next message's DATA before answering, to kill a worker mid-send.
 */
export class SmtpSink {
  readonly received: ReceivedEmail[] = [];
  /** Addresses refused at RCPT TO with 550, as a mailbox that does not exist. */
  readonly rejected = new Set<string>();
  private server!: SMTPServer;
  private holdMs = 0;
  private holdAll = false;
  private closedSessions = new Set<string>();
  onHeld: (() => void) | null = null;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onClose: (session) => this.closedSessions.add(session.id),
      onRcptTo: (address, _session, callback) => {
        if (!this.rejected.has(address.address)) return callback();
        callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      },
      // A client killed mid-DATA makes the stream error: that message was simply never accepted.
      onData: (stream, session, callback) => void this.receive(stream, session, callback).catch((error: Error) => callback(error)),
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  holdNext(ms: number): void {
    this.holdMs = ms;
  }

  /** Sits on every message for `ms` before answering, until release(). */
  holdEvery(ms: number): void {
    this.holdMs = ms;
    this.holdAll = true;
  }

  release(): void {
    this.holdMs = 0;
    this.holdAll = false;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (this.holdMs > 0) {
      const hold = this.holdMs;
      if (!this.holdAll) this.holdMs = 0;
      this.onHeld?.();
      await new Promise((r) => setTimeout(r, hold));
    }
    // A client that went away before our answer did not get its message accepted.
    if (this.closedSessions.has(session.id)) return callback(new Error('client gone'));
    this.received.push({
      to: session.envelope.rcptTo.map((r) => r.address),
      subject: header(raw, 'Subject'),
      messageId: header(raw, 'Message-ID'),
      raw,
      receivedAt: new Date(),
    });
    callback();
  }
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}
