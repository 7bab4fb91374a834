// Two projects: `unit` (*.spec.ts beside the code, no services) and `e2e`
// (test/**/*.e2e-spec.ts on the real Postgres, Redis and SMTP).
// Nest 12 packages are ESM-only; Node 24 loads them through require(esm).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  setupFiles: ['<rootDir>/test/jest/setup-env.js'],
};

module.exports = {
  // Generous: the e2e suites boot the app, seed partnerships and drive Chromium on 2 cores, in
  // parallel; a hook or test that takes minutes is slow, not broken. Speed is measured in bench/.
  testTimeout: 180000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,workflows,scripts}/**/*.spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
