import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

describe('the Postgres pool size', () => {
  it('is DATABASE_POOL_SIZE, 10 unless set', () => {
    expect(loadConfig({}).DATABASE_POOL_SIZE).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: '24' }).DATABASE_POOL_SIZE).toBe(24);
    const options = dataSourceOptions('postgres://postgres@127.0.0.1:5432/dhr', 24) as { extra: { max: number } };
    expect(options.extra.max).toBe(24);
  });

  it('refuses a pool of none, or not a number, naming the variable', () => {
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: 'many' })).toThrow(/DATABASE_POOL_SIZE/);
  });
});
