import { createHash } from 'node:crypto';
import { isIPv6 } from 'node:net';

/** What is being counted: sign-in attempts, or forgotten-password requests (counted apart). */
export type ThrottledAction = 'login' | 'password-reset';

/** The account's counter key: a hash of the normalised email, so Redis never holds the address itself. */
export function accountKey(prefix: string, email: string, action: ThrottledAction = 'login'): string {
  return `${prefix}:${action}:account:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
}

/** The source's counter key; an IPv6 source counts per /64, the block one subscriber usually holds. */
export function sourceKey(prefix: string, sourceIp: string | null, action: ThrottledAction = 'login'): string {
  return `${prefix}:${action}:ip:${sourceIp === null ? 'unknown' : ipBucket(sourceIp)}`;
}

/** An IPv4 address as it is; an IPv6 one as its /64 network (`2001:db8:1:2::/64`). */
export function ipBucket(ip: string): string {
  const address = ip.replace(/%.*$/, ''); // zone id
  if (!isIPv6(address) || address.includes('.')) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
