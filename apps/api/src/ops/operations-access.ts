import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '@dhr/core';
import type { AuthService } from '@dhr/identity';

/** Who may see an operations page: an administrator's bearer token, or (for /metrics only) METRICS_TOKEN. */
export type OpsAccess = 'allowed' | 'unauthenticated' | 'forbidden';

/** An administrator's bearer token (the same tokens and checks as the API): allowed; another user's: forbidden. */
export async function adminAccess(auth: AuthService, authorization: string | undefined): Promise<OpsAccess> {
  const user = await auth.bearerUser(authorization);
  if (!user) return 'unauthenticated';
  return user.role === 'admin' ? 'allowed' : 'forbidden';
}

/** `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time; never true while METRICS_TOKEN is unset. */
export function isMetricsToken(config: AppConfig, authorization: string | undefined): boolean {
  if (!config.METRICS_TOKEN || !authorization?.startsWith('Bearer ')) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(authorization.slice('Bearer '.length)), digest(config.METRICS_TOKEN));
}
