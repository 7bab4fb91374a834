import pino from 'pino';
import { loadConfig } from '../config/app-config';
import { httpLoggerOptions, pinoOptions } from './logging';
import { REDACTED, redactPaths, scrubDeep } from './redaction';

function capture(level: string) {
  const lines: string[] = [];
  const config = loadConfig({ LOG_LEVEL: level });
  const logger = pino(pinoOptions(config, 'api'), { write: (line: string) => lines.push(line) });
  return { logger, lines, text: () => lines.join('') };
}

describe('log redaction', () => {
  it('redacts personal data and secrets at the top level, nested, in arrays and in child bindings', () => {
    const { logger, text } = capture('info');
    logger.info({ email: 'a@x.test', user: { name: 'Jo Bloggs', password: 'pw-1' } }, 'one');
    logger.info({ review: { victimPseudonym: 'Adult Q', events: [{ payload: { rationale: 'about Adult Q' } }] } }, 'two');
    logger.info({ req: { headers: { authorization: 'Bearer abc.def', cookie: 'sid=1', 'set-cookie': 'sid=2' } } }, 'three');
    logger.child({ actor: { accessToken: 'tok-1', token: 'tok-2' } }).info('four');
    logger.info({ a: { b: { c: { d: { e: { f: { g: { perpetratorPseudonym: 'Adult R', email: 'deep@x.test' } } } } } } } }, 'five');
    for (const secret of ['a@x.test', 'Jo Bloggs', 'pw-1', 'Adult Q', 'abc.def', 'sid=', 'tok-1', 'tok-2', 'Adult R', 'deep@x.test']) {
      expect({ secret, logged: text().includes(secret) }).toEqual({ secret, logged: false });
    }
    expect(text().split('\n').filter(Boolean)).toHaveLength(5);
    expect(text()).toContain(REDACTED);
  });

  it("writes nothing at 'silent', and JSON lines with level names otherwise", () => {
    const silent = capture('silent');
    silent.logger.error('not written');
    expect(silent.lines).toHaveLength(0);
    const info = capture('info');
    info.logger.debug('below the level');
    info.logger.warn('written');
    expect(info.lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'written', service: 'api' }),
    ]);
  });

  it('builds one path per key and depth, bracketing keys that are not identifiers', () => {
    expect(redactPaths(['email', 'set-cookie'])).toEqual([
      'email',
      '*.email',
      '*.*.email',
      '*.*.*.email',
      '*.*.*.*.email',
      '["set-cookie"]',
      '*["set-cookie"]',
      '*.*["set-cookie"]',
      '*.*.*["set-cookie"]',
      '*.*.*.*["set-cookie"]',
    ]);
  });

  it('scrubs plain objects without touching the input, and leaves errors to their serializer', () => {
    const error = new Error('boom');
    const input = { list: [{ email: 'x' }], nested: { keep: 1 }, err: error };
    expect(scrubDeep(input)).toEqual({ list: [{ email: REDACTED }], nested: { keep: 1 }, err: error });
    expect(input.list[0].email).toBe('x');
  });

  it('logs a request as id, method and path only: no query string, headers, body or address', () => {
    const options = httpLoggerOptions(loadConfig({}), { service: 'api' });
    const serializers = options.serializers as Record<string, (value: unknown) => unknown>;
    expect(
      serializers.req({
        id: 'r1',
        method: 'GET',
        url: '/api/reviews?stage=x&name=Jo',
        headers: { authorization: 'Bearer t' },
        remoteAddress: '10.0.0.1',
      }),
    ).toEqual({
      id: 'r1',
      method: 'GET',
      path: '/api/reviews',
    });
    expect(serializers.res({ statusCode: 201, headers: { 'set-cookie': 'x' } })).toEqual({ statusCode: 201 });
  });
});
