// End-to-end tests start the real runtime (dist/apps/local, built by the `build` dependency of
// `test`) in child processes, so they need more time than unit tests.
module.exports = {
  displayName: 'local',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  testTimeout: 90_000,
};
