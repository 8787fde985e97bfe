// Test tiers as Jest projects: unit (pure), workflow (time-skipping Temporal), replay (recorded
// histories), e2e (real PostgreSQL and Temporal dev server) and faults (the built product as
// separate processes, each killed or stopped under load).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

const shared = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
};

const bundled = {
  globalSetup: '<rootDir>/test/support/workflow-bundle.global-setup.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/long-timeout.ts'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'],
      testPathIgnorePatterns: ['\\.workflow\\.spec\\.ts$'],
    },
    {
      ...shared,
      ...bundled,
      displayName: 'workflow',
      testMatch: ['<rootDir>/libs/**/*.workflow.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/long-timeout.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/e2e/support/services.global-setup.ts',
      globalTeardown: '<rootDir>/test/e2e/support/services.global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/long-timeout.ts'],
    },
    {
      ...shared,
      ...bundled,
      displayName: 'replay',
      testMatch: ['<rootDir>/test/replay/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
      globalSetup: '<rootDir>/test/faults/support/build-product.global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/faults/support/fault-timeout.ts'],
    },
  ],
};
