import type { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../../migrations';

/**
 * The one place that says how we talk to Postgres. Schema changes only ever
 * come from migrations (listed explicitly so compiled and ts-jest runs agree).
 */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    extra: { max: poolSize, application_name: 'dhr-engine' },
  };
}
