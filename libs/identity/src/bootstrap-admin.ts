import { Logger } from '@nestjs/common';
import type { AppConfig } from '@dhr/core';
import type { IdentityService } from './identity.service';

/** On start, if there are no users at all, create the administrator named in the environment. */
export async function ensureBootstrapAdmin(config: AppConfig, identity: IdentityService): Promise<void> {
  if (!config.BOOTSTRAP_ADMIN_EMAIL || !config.BOOTSTRAP_ADMIN_PASSWORD) return;
  if (await identity.hasAnyUser()) return;
  try {
    await identity.createBootstrapAdmin(config.BOOTSTRAP_ADMIN_EMAIL, config.BOOTSTRAP_ADMIN_PASSWORD);
  } catch (error) {
    // Two API processes started together on a new database both saw no users: the other one created it.
    if (isUniqueViolation(error)) return;
    throw error;
  }
  new Logger('Identity').log('Created the bootstrap administrator');
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return e?.code === '23505' || e?.driverError?.code === '23505';
}
