module.exports = { displayName: 'pact-consumers', preset: '../../jest.preset.cjs', rootDir: __dirname };
