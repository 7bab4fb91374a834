import { connect, Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP/1.1 connection driven byte by byte, to hold it open idle, send half a
 * request, or finish it later: what a graceful-shutdown test needs and no client
 * library exposes. Responses must carry Content-Length (every JSON answer does).
 */
export class RawConnection {
  private buffer = Buffer.alloc(0);
  private wake: (() => void) | null = null;
  /** When the peer closed the connection (ms since the epoch). */
  readonly closed: Promise<number>;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake?.();
    });
    this.closed = new Promise((resolve) => socket.once('close', () => (resolve(Date.now()), this.wake?.())));
    socket.on('error', () => undefined); // a reset shows as `closed`
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  get isClosed(): boolean {
    return this.socket.destroyed || this.socket.readyState === 'closed';
  }

  write(text: string): void {
    this.socket.write(text);
  }

  /** Reads the next complete response, or fails after `timeoutMs` (or when the connection closes first). */
  async response(timeoutMs = 10_000): Promise<RawResponse> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const parsed = this.take();
      if (parsed) return parsed;
      if (this.isClosed) throw new Error('connection closed before a response');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no response in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => (clearTimeout(timer), resolve());
      });
      this.wake = null;
    }
  }

  destroy(): void {
    this.socket.destroy();
  }

  private take(): RawResponse | null {
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return null;
    const [statusLine, ...lines] = this.buffer.subarray(0, end).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(
      lines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    const length = Number(headers['content-length'] ?? 0);
    if (this.buffer.length < end + 4 + length) return null;
    const body = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
    this.buffer = this.buffer.subarray(end + 4 + length);
    return { status: Number(statusLine.split(' ')[1]), headers, body };
  }
}

/** `GET path` with keep-alive, as a request line and headers; `partial` leaves off the blank line that ends it. */
export function getRequest(path: string, partial = false): string {
  return `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n${partial ? '' : '\r\n'}`;
}

/** The head of a JSON POST announcing `length` bytes of body. */
export function postHead(path: string, length: number): string {
  return `POST ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
}
