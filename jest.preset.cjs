// Shared by every project's jest.config.cjs. TypeScript is stripped by SWC (fast); types are
// checked by each project's `typecheck` target, not here.
const path = require('node:path');

const root = __dirname;

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj|cj)s$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^@dofs/aws/testing$': path.join(root, 'libs/aws/src/testing/index.ts'),
    '^@dofs/domain/testing$': path.join(root, 'libs/domain/src/testing/index.ts'),
    '^@dofs/(contracts|domain|aws|sdk|tooling|local-client)$': path.join(root, 'libs/$1/src/index.ts'),
  },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // ES-module-only packages that jest's CommonJS runtime must have transformed to load.
  transformIgnorePatterns: ['/node_modules/(?!(@apidevtools)/)'],
  reporters: ['default', path.join(root, 'libs/tooling/src/jest-summary-reporter.cjs')],
  clearMocks: true,
};
