import { ConfigError, loadConfig } from '@dhr/core';
import { createWorkerApp } from './create-worker-app';

createWorkerApp(loadConfig()).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
