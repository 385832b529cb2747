// End-to-end tests start the real runtime (dist/apps/local, built by the `build` dependency of
// `test`) in child processes, so they need more time than unit tests.
module.exports = {
  displayName: 'local',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  testTimeout: 90_000,
  // The end-to-end suites mostly wait (for retries, start-ups, the browser): two at a time took
  // 85-92 s of wall time instead of 136 s for the same CPU on 2 cores, where jest's default is one.
  maxWorkers: 2,
};
