import { ConfigError, loadConfig, migrate } from '@dhr/core';

/** `npm run migrate`: create the database if needed and run pending migrations. */
migrate(loadConfig().DATABASE_URL)
  .then((ran) => console.warn(ran.length ? `ran migrations: ${ran.join(', ')}` : 'database is up to date'))
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
