import { Logger } from '@nestjs/common';
import type { AppConfig } from '@dhr/core';
import type { IdentityService } from './identity.service';

/** On start, if there are no users at all, create the administrator named in the environment. */
export async function ensureBootstrapAdmin(config: AppConfig, identity: IdentityService): Promise<void> {
  if (!config.BOOTSTRAP_ADMIN_EMAIL || !config.BOOTSTRAP_ADMIN_PASSWORD) return;
  if (await identity.hasAnyUser()) return;
  await identity.createBootstrapAdmin(config.BOOTSTRAP_ADMIN_EMAIL, config.BOOTSTRAP_ADMIN_PASSWORD);
  new Logger('Identity').log('Created the bootstrap administrator');
}
