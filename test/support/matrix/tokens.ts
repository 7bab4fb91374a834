import { createHmac } from 'node:crypto';

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** An HS256 JWT over `claims` signed with `secret` (a forged or odd but well-formed token). */
export function signedToken(claims: object, secret: string, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const head = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** An unsigned `alg: none` token. */
export function unsignedToken(claims: object): string {
  return `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}.`;
}

/** A real token with its payload swapped for `claims`, keeping the original signature. */
export function tamperedToken(token: string, claims: object): string {
  const [head, , signature] = token.split('.');
  return `${head}.${b64url(JSON.stringify(claims))}.${signature}`;
}
