import type { Request } from 'express';
import { requestContextOf } from './request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestContextOf', () => {
  it('keeps a safe x-request-id and the source address', () => {
    expect(requestContextOf({ headers: { 'x-request-id': 'abc_DEF-123' }, ip: '192.0.2.1' })).toEqual({
      requestId: 'abc_DEF-123',
      sourceIp: '192.0.2.1',
    });
  });

  it.each([['has space'], ['x'.repeat(65)], ['<script>'], ['a\nb'], ['']])('replaces an unsafe id %j with a new uuid', (id) => {
    expect(requestContextOf({ headers: { 'x-request-id': id } }).requestId).toMatch(UUID);
  });

  it('makes an id when there is none, and takes the first of repeated headers', () => {
    expect(requestContextOf({ headers: {} })).toEqual({ requestId: expect.stringMatching(UUID), sourceIp: null });
    expect(requestContextOf({ headers: { 'x-request-id': ['first', 'second'] } }).requestId).toBe('first');
  });

  it('shows an IPv4 client as IPv4, not IPv4-mapped IPv6', () => {
    expect(requestContextOf({ headers: {}, ip: '::ffff:203.0.113.9' }).sourceIp).toBe('203.0.113.9');
    expect(requestContextOf({ headers: {}, ip: '2001:db8::1' }).sourceIp).toBe('2001:db8::1');
  });

  it('accepts an Express request as it is', () => {
    const req = { headers: { 'x-request-id': 'r1' }, ip: '::1' } as unknown as Request;
    expect(requestContextOf(req)).toEqual({ requestId: 'r1', sourceIp: '::1' });
  });
});
