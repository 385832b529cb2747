// Provider verification runs against the real local system (a child process), so its tests are
// slower than unit tests. Its files end in .pact.ts, not .test.ts, so that the enclosing `local`
// project's jest run does not pick them up a second time without the consumer pacts' ordering.
module.exports = {
  displayName: 'local-pact',
  preset: '../../../../jest.preset.cjs',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.pact.ts'],
  testTimeout: 180_000,
};
