// The local-system suites start the real runtime and mostly wait for it (retries, the dead-letter
// path, the alarm): two suites at a time took 20 s of wall time instead of 39 s for the same CPU
// on 2 cores, where jest's default is one.
module.exports = { displayName: 'cli', preset: '../../jest.preset.cjs', rootDir: __dirname, maxWorkers: 2 };
