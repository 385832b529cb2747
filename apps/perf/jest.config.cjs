// The tests run the tools against the real runtime (dist/apps/local, built by the `test` target's
// dependencies) in child processes, so they need more time than unit tests.
module.exports = {
  displayName: 'perf',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  testTimeout: 90_000,
};
