// Tests run on the compiled output (`npm run build` first), so jest needs no TypeScript transform.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist/test'],
  testMatch: ['**/*.test.js'],
  testTimeout: 120000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/dist/test/setup/summary-reporter.js'],
};
