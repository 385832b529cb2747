// system-tools.test.ts has its own target (jest.system-tools.config.cjs): it reads the whole repository.
module.exports = { displayName: 'tooling', preset: '../../jest.preset.cjs', rootDir: __dirname, testPathIgnorePatterns: ['/node_modules/', '/dist/', '/src/system-tools.test.ts$'] };
