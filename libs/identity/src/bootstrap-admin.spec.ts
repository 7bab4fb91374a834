import type { AppConfig } from '@dhr/core';
import { ensureBootstrapAdmin } from './bootstrap-admin';
import type { IdentityService } from './identity.service';

const config = { BOOTSTRAP_ADMIN_EMAIL: 'admin@dhr.test', BOOTSTRAP_ADMIN_PASSWORD: 'correct-horse-battery-staple' } as AppConfig;
const identity = (create: () => Promise<void>) =>
  ({ hasAnyUser: async () => false, createBootstrapAdmin: create }) as unknown as IdentityService;

describe('ensureBootstrapAdmin', () => {
  it('lets another process that created the administrator first win (two APIs starting together)', async () => {
    const lost = Object.assign(new Error('duplicate key'), { driverError: { code: '23505' } });
    await expect(
      ensureBootstrapAdmin(
        config,
        identity(() => Promise.reject(lost)),
      ),
    ).resolves.toBeUndefined();
  });

  it('still fails on anything else', async () => {
    await expect(
      ensureBootstrapAdmin(
        config,
        identity(() => Promise.reject(new Error('boom'))),
      ),
    ).rejects.toThrow('boom');
  });
});
