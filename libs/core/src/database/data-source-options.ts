import type { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../../migrations';

/**
 * The one place that says how we talk to Postgres. Schema changes only ever
 * come from migrations (listed explicitly so compiled and ts-jest runs agree).
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    extra: { max: 10, application_name: 'dhr-engine' },
  };
}
