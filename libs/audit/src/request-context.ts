import { randomUUID } from 'node:crypto';

export interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
}

export interface RequestContext {
  requestId: string;
  sourceIp: string | null;
}

/** Letters, digits, - and _ only: a caller's id must not smuggle text into the audit trail or logs. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The request id and source address to record with an audit entry. A proxy's
 * x-request-id is kept when it is a safe token, so entries can be matched to its
 * logs; otherwise a fresh id. `ip` is Express' req.ip (honours `trust proxy`).
 */
export function requestContextOf(req: RequestLike): RequestContext {
  const header = req.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  const requestId = given !== undefined && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
  return { requestId, sourceIp: req.ip ? req.ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '') : null };
}
