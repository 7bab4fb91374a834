import { Writable } from 'node:stream';

/**
 * A pino destination that keeps every line written to it, for tests that check
 * what the apps log (pass `capture.stream` as `logDestination`).
 */
export class LogCapture {
  private readonly chunks: string[] = [];

  readonly stream = new Writable({
    write: (chunk: Buffer | string, _encoding, done) => {
      this.chunks.push(chunk.toString());
      done();
    },
  });

  /** Everything written so far. */
  text(): string {
    return this.chunks.join('');
  }

  /** The non-empty lines written so far. */
  lines(): string[] {
    return this.text()
      .split('\n')
      .filter((line) => line.length > 0);
  }

  /** Each line parsed as JSON (throws on a line that is not JSON). */
  records(): Record<string, unknown>[] {
    return this.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
