import { accountKey, ipBucket, sourceKey } from './throttle-keys';

describe('login throttle keys', () => {
  it('hashes the normalised email, so the key never holds the address', () => {
    const key = accountKey('dhr', 'Jo.Bloggs@Example.gov.uk ');
    expect(key).toMatch(/^dhr:login:account:[0-9a-f]{64}$/);
    expect(key).toBe(accountKey('dhr', 'jo.bloggs@example.gov.uk'));
    expect(key.toLowerCase()).not.toContain('bloggs');
  });

  it('keys an IPv4 source by address and an IPv6 one by its /64', () => {
    expect(sourceKey('dhr', '192.0.2.1')).toBe('dhr:login:ip:192.0.2.1');
    expect(sourceKey('dhr', null)).toBe('dhr:login:ip:unknown');
    expect(ipBucket('2001:db8:a:b:c:d:e:f')).toBe('2001:db8:a:b::/64');
    expect(ipBucket('2001:0db8:0000:0001::5')).toBe('2001:db8:0:1::/64');
    expect(ipBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
