// `nx run tooling:system-tools` (run before tooling:test, so by `npm test`): nothing the tests or
// the build steps run may need a browser or a PDF tool from the system. Its own target because it
// reads the whole repository: its inputs are every file, not the tooling project's.
module.exports = {
  displayName: 'system-tools',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/system-tools.test.ts'],
  testTimeout: 120_000,
};
