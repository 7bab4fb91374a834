import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@dhr/core';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(config.PORT, '0.0.0.0');
  new Logger('Api').log(`DHR API listening on http://localhost:${config.PORT}/api (docs: http://localhost:${config.PORT}/api/docs)`);
}

main().catch((error: unknown) => {
  // A bad configuration is the operator's to fix: say what, without a stack trace.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
